package dialect

import (
	"fmt"

	"github.com/migratego/migrate/model"
)

// CreateAll returns the statements that create a whole model, in dependency
// order: enum types, sequences, tables (referenced tables first), indexes,
// the foreign keys that must wait (cycles between tables, unless the
// dialect has ForwardForeignKeys; NOT VALID), and views. Unnamed
// constraints and indexes are named by md's naming convention on a copy;
// md itself is not changed.
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
	for _, e := range md.Enums {
		if err := add(d.CreateEnum(e)); err != nil {
			return nil, fmt.Errorf("create enum %q: %w", e.Name, err)
		}
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
	for _, v := range md.ViewOrder() {
		if err := add(d.CreateView(v)); err != nil {
			return nil, fmt.Errorf("create view %q: %w", v.Name, err)
		}
	}
	return out, nil
}

// DropAll returns the statements that drop a whole model, in the reverse of
// CreateAll's order: views, the foreign keys of table cycles, tables
// (referencing tables first), sequences and enum types.
func DropAll(d Dialect, md *model.MetaData) ([]string, error) {
	md = md.Clone()
	md.ApplyNaming()
	var out []string
	add := func(stmts []string, err error) error {
		out = append(out, stmts...)
		return err
	}
	views := md.ViewOrder()
	for i := len(views) - 1; i >= 0; i-- {
		if err := add(d.DropView(views[i])); err != nil {
			return nil, fmt.Errorf("drop view %q: %w", views[i].Name, err)
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
	for i := len(md.Enums) - 1; i >= 0; i-- {
		if err := add(d.DropEnum(md.Enums[i])); err != nil {
			return nil, fmt.Errorf("drop enum %q: %w", md.Enums[i].Name, err)
		}
	}
	return out, nil
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
