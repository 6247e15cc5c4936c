package autogen

import (
	"fmt"
	"reflect"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// compareSchemas creates the schemas the model adds, drops those it no
// longer has (after everything in them), and sets changed comments.
func (oc *objectComparison) compareSchemas() {
	diffObjects(oc.cur.Schemas, oc.tgt.Schemas, func(s *model.Schema) string { return s.Name },
		func(c, s *model.Schema) {
			switch {
			case c == nil:
				x := *s
				oc.schemas = append(oc.schemas, ops.CreateSchema{Schema: &x})
			case c.Comment != s.Comment:
				from, to := *c, *s
				oc.schemas = append(oc.schemas, ops.AlterSchema{From: &from, To: &to})
			}
		},
		func(c *model.Schema) {
			x := *c
			oc.dropSchemas = append(oc.dropSchemas, ops.DropSchema{Schema: c.Name, Existing: &x})
		})
}

// compareExtensions installs the extensions the model adds, removes those
// it no longer has, and updates an extension whose schema or version (when
// the model gives one) differs.
func (oc *objectComparison) compareExtensions() {
	diffObjects(oc.cur.Extensions, oc.tgt.Extensions, func(e *model.Extension) string { return e.Name },
		func(c, e *model.Extension) {
			switch {
			case c == nil:
				x := *e
				oc.extensions = append(oc.extensions, ops.CreateExtension{Extension: &x})
			case c.Schema != e.Schema || (e.Version != "" && c.Version != e.Version):
				from, to := *c, *e
				if to.Version == "" {
					to.Version = from.Version
				}
				oc.extensions = append(oc.extensions, ops.AlterExtension{From: &from, To: &to})
			}
		},
		func(c *model.Extension) {
			x := *c
			oc.dropExtensions = append(oc.dropExtensions, ops.DropExtension{Extension: c.Name, Existing: &x})
		})
}

// compareDomains creates the domains the model adds (before the tables;
// a domain over a type of the model after the type, see
// model.DomainOverType), drops those it no longer has (after the tables),
// and alters the others where ALTER DOMAIN can; a base type or collation
// that differs is a warning, since the domain must be created again under
// another name and its columns moved to it.
func (oc *objectComparison) compareDomains() {
	tgtEarly, _, _ := oc.tgt.ObjectOrder()
	curEarly, _, _ := oc.cur.ObjectOrder()
	diffObjects(oc.cur.Domains, oc.tgt.Domains, func(d *model.Domain) string { return qualifiedName(d.Schema, d.Name) },
		func(c, d *model.Domain) {
			switch {
			case c == nil && model.DomainOverTable(d, oc.tgt):
				oc.domainsOverTables = append(oc.domainsOverTables, ops.CreateDomain{Domain: d.Clone()})
			case c == nil && model.DomainOverType(d, tgtEarly):
				oc.domainsOverTypes = append(oc.domainsOverTypes, ops.CreateDomain{Domain: d.Clone()})
			case c == nil:
				oc.domains = append(oc.domains, ops.CreateDomain{Domain: d.Clone()})
			case reflect.DeepEqual(c, d):
			case !reflect.DeepEqual(c.Type, d.Type) || c.Collation != d.Collation || c.CollationSchema != d.CollationSchema:
				oc.warn(Object{Kind: "domain", Schema: d.Schema, Name: d.Name}, fmt.Sprintf(
					"domain %s: its base type or collation differs from the model's, which ALTER DOMAIN cannot change; "+
						"create a domain of another name, alter the columns to it and drop this one", qualifiedName(d.Schema, d.Name)))
			default:
				oc.domains = append(oc.domains, ops.AlterDomain{From: c.Clone(), To: d.Clone()})
			}
		},
		func(c *model.Domain) {
			drop := ops.DropDomain{Schema: c.Schema, Domain: c.Name, Existing: c.Clone()}
			if model.DomainOverTable(c, oc.cur) {
				oc.dropDomainsOverTables = append(oc.dropDomainsOverTables, drop)
				return
			}
			if model.DomainOverType(c, curEarly) {
				oc.dropDomainsOverTypes = append(oc.dropDomainsOverTypes, drop)
				return
			}
			oc.dropDomains = append(oc.dropDomains, drop)
		})
}

// compareSequences creates the sequences the model adds (before the
// tables, without an owner: the owning column is set once the tables
// exist), drops those it no longer has (after the tables), and alters
// sequences whose options differ. An owner that changes is released
// before the tables change (dropping a table drops the sequences it
// owns) and set after.
func (oc *objectComparison) compareSequences() {
	diffObjects(oc.cur.Sequences, oc.tgt.Sequences, func(s *model.Sequence) string { return qualifiedName(s.Schema, s.Name) },
		func(c, s *model.Sequence) {
			switch {
			case c == nil:
				create := s.Clone()
				create.OwnedBy = ""
				oc.sequences = append(oc.sequences, ops.CreateSequence{Sequence: create})
				if s.OwnedBy != "" {
					oc.owners = append(oc.owners, ops.AlterSequence{From: create.Clone(), To: s.Clone()})
				}
			case reflect.DeepEqual(c, s):
			case c.OwnedBy != s.OwnedBy && c.OwnedBy != "":
				released := c.Clone()
				released.OwnedBy = ""
				oc.release = append(oc.release, ops.AlterSequence{From: c.Clone(), To: released})
				if !reflect.DeepEqual(released, s) {
					oc.owners = append(oc.owners, ops.AlterSequence{From: released.Clone(), To: s.Clone()})
				}
			default:
				oc.owners = append(oc.owners, ops.AlterSequence{From: c.Clone(), To: s.Clone()})
			}
		},
		func(c *model.Sequence) {
			existing := c.Clone()
			if c.OwnedBy != "" {
				existing.OwnedBy = ""
				oc.release = append(oc.release, ops.AlterSequence{From: c.Clone(), To: existing.Clone()})
			}
			oc.dropSequences = append(oc.dropSequences, ops.DropSequence{Schema: c.Schema, Sequence: c.Name, Existing: existing})
		})
}
