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
	cur := map[string]*model.Schema{}
	for _, s := range oc.cur.Schemas {
		cur[s.Name] = s
	}
	tgt := map[string]bool{}
	for _, s := range oc.tgt.Schemas {
		tgt[s.Name] = true
		c, ok := cur[s.Name]
		switch {
		case !ok:
			x := *s
			oc.schemas = append(oc.schemas, ops.CreateSchema{Schema: &x})
		case c.Comment != s.Comment:
			from, to := *c, *s
			oc.schemas = append(oc.schemas, ops.AlterSchema{From: &from, To: &to})
		}
	}
	for i := len(oc.cur.Schemas) - 1; i >= 0; i-- {
		if s := oc.cur.Schemas[i]; !tgt[s.Name] {
			x := *s
			oc.dropSchemas = append(oc.dropSchemas, ops.DropSchema{Schema: s.Name, Existing: &x})
		}
	}
}

// compareExtensions installs the extensions the model adds, removes those
// it no longer has, and updates an extension whose schema or version (when
// the model gives one) differs.
func (oc *objectComparison) compareExtensions() {
	cur := map[string]*model.Extension{}
	for _, e := range oc.cur.Extensions {
		cur[e.Name] = e
	}
	tgt := map[string]bool{}
	for _, e := range oc.tgt.Extensions {
		tgt[e.Name] = true
		c, ok := cur[e.Name]
		switch {
		case !ok:
			x := *e
			oc.extensions = append(oc.extensions, ops.CreateExtension{Extension: &x})
		case c.Schema != e.Schema || (e.Version != "" && c.Version != e.Version):
			from, to := *c, *e
			if to.Version == "" {
				to.Version = from.Version
			}
			oc.extensions = append(oc.extensions, ops.AlterExtension{From: &from, To: &to})
		}
	}
	for i := len(oc.cur.Extensions) - 1; i >= 0; i-- {
		if e := oc.cur.Extensions[i]; !tgt[e.Name] {
			x := *e
			oc.dropExtensions = append(oc.dropExtensions, ops.DropExtension{Extension: e.Name, Existing: &x})
		}
	}
}

// compareDomains creates the domains the model adds (before the tables),
// drops those it no longer has (after the tables), and alters the others
// where ALTER DOMAIN can; a base type or collation that differs is a
// warning, since the domain must be created again under another name and
// its columns moved to it.
func (oc *objectComparison) compareDomains() {
	cur := map[string]*model.Domain{}
	for _, d := range oc.cur.Domains {
		cur[qualifiedName(d.Schema, d.Name)] = d
	}
	tgt := map[string]bool{}
	for _, d := range oc.tgt.Domains {
		key := qualifiedName(d.Schema, d.Name)
		tgt[key] = true
		c, ok := cur[key]
		switch {
		case !ok:
			oc.domains = append(oc.domains, ops.CreateDomain{Domain: d.Clone()})
		case reflect.DeepEqual(c, d):
		case !reflect.DeepEqual(c.Type, d.Type) || c.Collation != d.Collation:
			oc.warn(Object{Kind: "domain", Schema: d.Schema, Name: d.Name}, fmt.Sprintf(
				"domain %s: its base type or collation differs from the model's, which ALTER DOMAIN cannot change; "+
					"create a domain of another name, alter the columns to it and drop this one", key))
		default:
			oc.domains = append(oc.domains, ops.AlterDomain{From: c.Clone(), To: d.Clone()})
		}
	}
	for i := len(oc.cur.Domains) - 1; i >= 0; i-- {
		if d := oc.cur.Domains[i]; !tgt[qualifiedName(d.Schema, d.Name)] {
			oc.dropDomains = append(oc.dropDomains, ops.DropDomain{Schema: d.Schema, Domain: d.Name, Existing: d.Clone()})
		}
	}
}

// compareSequences creates the sequences the model adds (before the
// tables, without an owner: the owning column is set once the tables
// exist), drops those it no longer has (after the tables), and alters
// sequences whose options differ. An owner that changes is released
// before the tables change (dropping a table drops the sequences it
// owns) and set after.
func (oc *objectComparison) compareSequences() {
	cur := map[string]*model.Sequence{}
	for _, s := range oc.cur.Sequences {
		cur[qualifiedName(s.Schema, s.Name)] = s
	}
	tgt := map[string]bool{}
	for _, s := range oc.tgt.Sequences {
		key := qualifiedName(s.Schema, s.Name)
		tgt[key] = true
		c, ok := cur[key]
		switch {
		case !ok:
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
	}
	for i := len(oc.cur.Sequences) - 1; i >= 0; i-- {
		s := oc.cur.Sequences[i]
		if tgt[qualifiedName(s.Schema, s.Name)] {
			continue
		}
		existing := s.Clone()
		if s.OwnedBy != "" {
			existing.OwnedBy = ""
			oc.release = append(oc.release, ops.AlterSequence{From: s.Clone(), To: existing.Clone()})
		}
		oc.dropSequences = append(oc.dropSequences, ops.DropSequence{Schema: s.Schema, Sequence: s.Name, Existing: existing})
	}
}
