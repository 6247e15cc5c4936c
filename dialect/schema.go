package dialect

import (
	"fmt"
	"slices"

	"github.com/migratego/migrate/model"
)

// CreateAll returns the statements that create a whole model, in dependency
// order: schemas and extensions, enum types and domains, the definitions
// that need no table (functions, procedures, types, …; see
// model.ObjectOrder) and the domains over those types,
// sequences, tables (referenced tables and partitioned parents first) with
// their indexes, the foreign keys that must wait (cycles between tables,
// unless the dialect has ForwardForeignKeys; NOT VALID), views and the
// definitions that need tables in dependency order, and triggers, rules
// and events last; on PostgreSQL a model with functions starts with SET
// check_function_bodies = false, as pg_dump's output does (see
// bodyChecks). Unnamed constraints and indexes are named by md's naming
// convention on a copy; md itself is not changed.
func CreateAll(d Dialect, md *model.MetaData) ([]string, error) {
	return createAll(d, md, true)
}

// CreateAllAsIs is CreateAll without the naming convention: unnamed
// constraints stay unnamed, and the database names them or, like SQLite,
// keeps them unnamed. It renders an inspected schema (`migrate inspect
// --format sql`), which must reload into the schema it was read from.
func CreateAllAsIs(d Dialect, md *model.MetaData) ([]string, error) {
	return createAll(d, md, false)
}

func createAll(d Dialect, md *model.MetaData, naming bool) ([]string, error) {
	md = md.Clone()
	if naming {
		md.ApplyNaming()
	}
	if err := md.Validate(); err != nil {
		return nil, err
	}
	var out []string
	add := func(stmts []string, err error) error {
		out = append(out, stmts...)
		return err
	}
	if bc, ok := d.(bodyChecks); ok && slices.ContainsFunc(md.Definitions, func(def *model.Definition) bool {
		return def.Kind == model.DefFunction || def.Kind == model.DefProcedure
	}) {
		out = append(out, bc.skipBodyChecks(false))
	}
	if err := createSchemaObjects(d, md, add); err != nil {
		return nil, err
	}
	for _, e := range md.Enums {
		if err := add(d.CreateEnum(e)); err != nil {
			return nil, fmt.Errorf("create enum %q: %w", e.Name, err)
		}
	}
	early, late, last := md.ObjectOrder()
	domains, overTypes, overTables := splitDomains(md, early)
	if err := createDomains(d, domains, add); err != nil {
		return nil, err
	}
	for _, def := range early {
		if err := add(d.CreateDefinition(def)); err != nil {
			return nil, fmt.Errorf("create %s: %w", def.Identity(), err)
		}
	}
	if err := createDomains(d, overTypes, add); err != nil {
		return nil, err
	}
	owner, _ := d.(sequenceOwnership)
	var owned []*model.Sequence
	for _, s := range md.Sequences {
		if owner != nil && s.OwnedBy != "" {
			// The owning table does not exist yet: set the owner after the tables.
			owned = append(owned, s)
			unowned := *s
			unowned.OwnedBy = ""
			s = &unowned
		}
		if err := add(d.CreateSequence(s)); err != nil {
			return nil, fmt.Errorf("create sequence %q: %w", s.Name, err)
		}
	}
	tables, deferred := md.CreationOrder()
	if d.Capabilities().ForwardForeignKeys {
		// Tables may reference tables created after them: cycles stay inline.
		deferred = nil
	}
	later := map[*model.ForeignKey]bool{}
	for _, df := range deferred {
		later[df.FK] = true
	}
	for _, t := range md.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.NotValid && !later[fk] { // a cycle may have deferred it already
				later[fk] = true
				deferred = append(deferred, &model.DeferredFK{Table: t, FK: fk})
			}
		}
	}
	for _, t := range tables {
		now := *t
		now.ForeignKeys = nil
		for _, fk := range t.ForeignKeys {
			if !later[fk] {
				now.ForeignKeys = append(now.ForeignKeys, fk)
			}
		}
		if err := add(d.CreateTable(&now)); err != nil {
			return nil, fmt.Errorf("create table %q: %w", t.QualifiedName(), err)
		}
		for _, ix := range SeparateIndexes(d, t) {
			if err := add(d.CreateIndex(t, ix, IndexOptions{})); err != nil {
				return nil, fmt.Errorf("create index %q: %w", ix.Name, err)
			}
		}
	}
	for _, s := range owned {
		if err := add(owner.setSequenceOwner(s)); err != nil {
			return nil, fmt.Errorf("set owner of sequence %q: %w", s.Name, err)
		}
	}
	for _, df := range deferred {
		if err := add(d.AddForeignKey(df.Table, df.FK)); err != nil {
			return nil, fmt.Errorf("add foreign key %q: %w", df.FK.Name, err)
		}
	}
	if err := createDomains(d, overTables, add); err != nil {
		return nil, err
	}
	for _, o := range late {
		if o.View != nil {
			if err := add(d.CreateView(o.View)); err != nil {
				return nil, fmt.Errorf("create view %q: %w", o.View.Name, err)
			}
			continue
		}
		if err := add(d.CreateDefinition(o.Definition)); err != nil {
			return nil, fmt.Errorf("create %s: %w", o.Definition.Identity(), err)
		}
	}
	for _, def := range last {
		if err := add(d.CreateDefinition(def)); err != nil {
			return nil, fmt.Errorf("create %s: %w", def.Identity(), err)
		}
	}
	return out, nil
}

// DropAll returns the statements that drop a whole model, in the reverse of
// CreateAll's order: triggers and the like, views and late definitions,
// the foreign keys of table cycles, tables (referencing tables and
// partitions first), sequences, early definitions, domains and enum types,
// extensions and schemas.
func DropAll(d Dialect, md *model.MetaData) ([]string, error) {
	md = md.Clone()
	md.ApplyNaming()
	var out []string
	add := func(stmts []string, err error) error {
		out = append(out, stmts...)
		return err
	}
	early, late, last := md.ObjectOrder()
	for i := len(last) - 1; i >= 0; i-- {
		if err := add(d.DropDefinition(last[i])); err != nil {
			return nil, fmt.Errorf("drop %s: %w", last[i].Identity(), err)
		}
	}
	for i := len(late) - 1; i >= 0; i-- {
		if v := late[i].View; v != nil {
			if err := add(d.DropView(v)); err != nil {
				return nil, fmt.Errorf("drop view %q: %w", v.Name, err)
			}
			continue
		}
		if err := add(d.DropDefinition(late[i].Definition)); err != nil {
			return nil, fmt.Errorf("drop %s: %w", late[i].Definition.Identity(), err)
		}
	}
	if owner, ok := d.(sequenceOwnership); ok {
		// Release owned sequences, or dropping their tables drops them too.
		for _, s := range md.Sequences {
			if s.OwnedBy == "" {
				continue
			}
			released := *s
			released.OwnedBy = ""
			if err := add(owner.setSequenceOwner(&released)); err != nil {
				return nil, fmt.Errorf("release sequence %q: %w", s.Name, err)
			}
		}
	}
	so, _ := d.(SchemaObjects)
	if len(md.Domains) > 0 && so == nil {
		return nil, Unsupported(d.Name(), "domain "+quoteName(md.Domains[0].Schema, md.Domains[0].Name), "a domain", "")
	}
	dropDomains := func(doms []*model.Domain) error {
		for i := len(doms) - 1; i >= 0; i-- {
			if err := add(so.DropDomain(doms[i])); err != nil {
				return fmt.Errorf("drop domain %q: %w", doms[i].Name, err)
			}
		}
		return nil
	}
	domains, overTypes, overTables := splitDomains(md, early)
	if err := dropDomains(overTables); err != nil {
		return nil, err
	}
	tables, deferred := md.CreationOrder()
	if d.Capabilities().DropConstraint {
		for _, df := range deferred {
			if err := add(d.DropForeignKey(df.Table, df.FK)); err != nil {
				return nil, fmt.Errorf("drop foreign key %q: %w", df.FK.Name, err)
			}
		}
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if err := add(d.DropTable(tables[i])); err != nil {
			return nil, fmt.Errorf("drop table %q: %w", tables[i].QualifiedName(), err)
		}
	}
	for i := len(md.Sequences) - 1; i >= 0; i-- {
		if err := add(d.DropSequence(md.Sequences[i])); err != nil {
			return nil, fmt.Errorf("drop sequence %q: %w", md.Sequences[i].Name, err)
		}
	}
	if err := dropDomains(overTypes); err != nil {
		return nil, err
	}
	for i := len(early) - 1; i >= 0; i-- {
		if err := add(d.DropDefinition(early[i])); err != nil {
			return nil, fmt.Errorf("drop %s: %w", early[i].Identity(), err)
		}
	}
	if err := dropDomains(domains); err != nil {
		return nil, err
	}
	for i := len(md.Enums) - 1; i >= 0; i-- {
		if err := add(d.DropEnum(md.Enums[i])); err != nil {
			return nil, fmt.Errorf("drop enum %q: %w", md.Enums[i].Name, err)
		}
	}
	if err := refuseSchemaObjects(d, so, md); err != nil {
		return nil, err
	}
	for i := len(md.Extensions) - 1; i >= 0; i-- {
		if err := add(so.DropExtension(md.Extensions[i])); err != nil {
			return nil, fmt.Errorf("drop extension %q: %w", md.Extensions[i].Name, err)
		}
	}
	for i := len(md.Schemas) - 1; i >= 0; i-- {
		if err := add(so.DropSchema(md.Schemas[i])); err != nil {
			return nil, fmt.Errorf("drop schema %q: %w", md.Schemas[i].Name, err)
		}
	}
	return out, nil
}

// bodyChecks is implemented by dialects that check a routine's body when
// it is created (PostgreSQL check_function_bodies). The body was checked
// when the routine was first created, with that session's search_path,
// and may name objects created after it: CreateAll switches the check off
// for the script, as pg_dump does, and a revision that creates routines
// for the transaction it runs in (see SkipBodyChecks).
type bodyChecks interface {
	// skipBodyChecks returns the statement that switches the check off,
	// for the session or, with local, for the current transaction.
	skipBodyChecks(local bool) string
}

// SkipBodyChecks returns the statement that switches off, for the
// transaction it runs in, the check d makes of a routine's body when the
// routine is created (PostgreSQL: SET LOCAL check_function_bodies =
// false), and false for a dialect that makes no such check. A SQL
// function's body may call a function or read a table that the same
// revision creates after it: the revision's statements are in dependency
// order as far as the catalogs record dependencies, and they record none
// for the body of a SQL function.
func SkipBodyChecks(d Dialect) (string, bool) {
	bc, ok := d.(bodyChecks)
	if !ok {
		return "", false
	}
	return bc.skipBodyChecks(true), true
}

// createSchemaObjects adds the schemas and extensions of md.
func createSchemaObjects(d Dialect, md *model.MetaData, add func([]string, error) error) error {
	so, _ := d.(SchemaObjects)
	if err := refuseSchemaObjects(d, so, md); err != nil {
		return err
	}
	for _, s := range md.Schemas {
		if err := add(so.CreateSchema(s)); err != nil {
			return fmt.Errorf("create schema %q: %w", s.Name, err)
		}
	}
	for _, e := range md.Extensions {
		if err := add(so.CreateExtension(e)); err != nil {
			return fmt.Errorf("create extension %q: %w", e.Name, err)
		}
	}
	return nil
}

// splitDomains separates the domains of md over the row type of a table
// (model.DomainOverTable), created after the tables, and those over one of
// the early types (model.DomainOverType), created after them, from the
// others.
func splitDomains(md *model.MetaData, early []*model.Definition) (before, after, overTables []*model.Domain) {
	for _, dom := range md.Domains {
		switch {
		case model.DomainOverTable(dom, md):
			overTables = append(overTables, dom)
		case model.DomainOverType(dom, early):
			after = append(after, dom)
		default:
			before = append(before, dom)
		}
	}
	return before, after, overTables
}

// createDomains adds domains.
func createDomains(d Dialect, domains []*model.Domain, add func([]string, error) error) error {
	if len(domains) == 0 {
		return nil
	}
	so, ok := d.(SchemaObjects)
	if !ok {
		return Unsupported(d.Name(), "domain "+quoteName(domains[0].Schema, domains[0].Name), "a domain", "")
	}
	for _, dom := range domains {
		if err := add(so.CreateDomain(dom)); err != nil {
			return fmt.Errorf("create domain %q: %w", dom.Name, err)
		}
	}
	return nil
}

// refuseSchemaObjects fails when md holds schemas or extensions and the
// dialect has none.
func refuseSchemaObjects(d Dialect, so SchemaObjects, md *model.MetaData) error {
	switch {
	case so != nil:
		return nil
	case len(md.Schemas) > 0:
		return Unsupported(d.Name(), "schema "+quoteName("", md.Schemas[0].Name), "CREATE SCHEMA", "")
	case len(md.Extensions) > 0:
		return Unsupported(d.Name(), "extension "+quoteName("", md.Extensions[0].Name), "an extension", "")
	}
	return nil
}

// quoteName spells schema.name in double quotes for messages.
func quoteName(schema, name string) string {
	if schema != "" {
		name = schema + "." + name
	}
	return fmt.Sprintf("%q", name)
}

// sequenceOwnership is implemented by dialects whose sequences can belong to
// a table column (PostgreSQL OWNED BY). CreateAll creates sequences before
// the tables, so it creates owned ones without an owner and sets the owner
// once the tables exist; DropAll releases the owner before dropping the
// tables, which would otherwise drop the sequences with them.
type sequenceOwnership interface {
	// setSequenceOwner returns ALTER SEQUENCE … OWNED BY s.OwnedBy, or
	// OWNED BY NONE when s.OwnedBy is empty.
	setSequenceOwner(s *model.Sequence) ([]string, error)
}
