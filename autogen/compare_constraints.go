package autogen

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// constraints compares the primary key, unique, check and exclusion
// constraints of an existing table: those to drop (before column changes)
// and to create (after them). A constraint whose comment changes is made again (adding
// a constraint writes its comment). Foreign keys are compared apart (see
// foreignKeys).
func (c *comparison) constraints(cur, tgt *model.Table) (drops, creates []ops.Operation) {
	if !samePrimaryKey(cur.PrimaryKey, tgt.PrimaryKey) {
		if pk := cur.PrimaryKey; pk != nil {
			drops = append(drops, ops.DropPrimaryKey{Schema: cur.Schema, Table: cur.Name, Constraint: pk.Name, Existing: clonePK(pk)})
		}
		if pk := tgt.PrimaryKey; pk != nil {
			creates = append(creates, ops.CreatePrimaryKey{Schema: tgt.Schema, Table: tgt.Name, PrimaryKey: clonePK(pk)})
		}
	}
	gone, added := matchNamed(cur.Uniques, tgt.Uniques, func(u *model.Unique) string { return u.Name },
		func(a, b *model.Unique) bool {
			return slices.Equal(a.Columns, b.Columns) && a.Comment == b.Comment && a.OnConflict == b.OnConflict
		})
	for _, u := range gone {
		c.noteUnnamedDrop(cur, "unique constraint", u.Name)
		x := *u
		x.Columns = slices.Clone(u.Columns)
		drops = append(drops, ops.DropUnique{Schema: cur.Schema, Table: cur.Name, Constraint: u.Name, Existing: &x})
	}
	for _, u := range added {
		x := *u
		x.Columns = slices.Clone(u.Columns)
		creates = append(creates, ops.CreateUnique{Schema: tgt.Schema, Table: tgt.Name, Unique: &x})
	}
	goneCk, addedCk := matchNamed(cur.Checks, tgt.Checks, func(ck *model.Check) string { return ck.Name },
		func(a, b *model.Check) bool { return a.Expr == b.Expr && a.Comment == b.Comment })
	for _, ck := range goneCk {
		c.noteUnnamedDrop(cur, "check constraint", ck.Name)
		x := *ck
		drops = append(drops, ops.DropCheck{Schema: cur.Schema, Table: cur.Name, Constraint: ck.Name, Existing: &x})
	}
	for _, ck := range addedCk {
		x := *ck
		creates = append(creates, ops.CreateCheck{Schema: tgt.Schema, Table: tgt.Name, Check: &x})
	}
	goneEx, addedEx := matchNamed(cur.Exclusions, tgt.Exclusions, func(ex *model.Exclusion) string { return ex.Name }, sameExclusion)
	for _, ex := range goneEx {
		drops = append(drops, ops.DropExclusion{Schema: cur.Schema, Table: cur.Name, Constraint: ex.Name, Existing: cloneExclusion(ex)})
	}
	for _, ex := range addedEx {
		creates = append(creates, ops.CreateExclusion{Schema: tgt.Schema, Table: tgt.Name, Exclusion: cloneExclusion(ex)})
	}
	return drops, creates
}

// sameExclusion compares two normalised exclusion constraints, names
// aside.
func sameExclusion(a, b *model.Exclusion) bool {
	x, y := *a, *b
	x.Name, y.Name = "", ""
	return reflect.DeepEqual(&x, &y)
}

// cloneExclusion returns a deep copy of ex.
func cloneExclusion(ex *model.Exclusion) *model.Exclusion {
	x := *ex
	x.Elements = slices.Clone(ex.Elements)
	x.Include = slices.Clone(ex.Include)
	return &x
}

// foreignKeys compares the foreign keys of an existing table: those to
// drop (first of all) and to add (once every table exists).
func (c *comparison) foreignKeys(cur, tgt *model.Table) (drops, adds []ops.Operation) {
	gone, added := matchNamed(cur.ForeignKeys, tgt.ForeignKeys, func(fk *model.ForeignKey) string { return fk.Name }, sameForeignKey)
	keeper, _ := c.d.(dialect.ForeignKeyIndexKeeper)
	for _, fk := range gone {
		c.noteUnnamedDrop(cur, "foreign key", fk.Name)
		op := ops.DropForeignKey{Schema: cur.Schema, Table: cur.Name, Constraint: fk.Name, Existing: cloneFK(fk)}
		if keeper != nil && !keepsName(tgt, fk.Name) {
			op.DropIndex = keeper.KeptForeignKeyIndex(cur, fk)
		}
		drops = append(drops, op)
	}
	for _, fk := range added {
		adds = append(adds, ops.CreateForeignKey{Schema: tgt.Schema, Table: tgt.Name, ForeignKey: cloneFK(fk)})
	}
	return drops, adds
}

// keepsName reports whether t has a foreign key or an index named name:
// the database's own index for a dropped foreign key then stays (the key
// added back, or the index declared, uses it).
func keepsName(t *model.Table, name string) bool {
	for _, fk := range t.ForeignKeys {
		if fk.Name == name {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return true
		}
	}
	return false
}

// matchNamed pairs constraints by name, then those left by definition
// (a constraint the database and the model name differently, but which is
// the same, is no change). It returns the current ones to drop and the
// target ones to create: a pair by name that differs is both.
func matchNamed[T any](cur, tgt []T, name func(T) string, same func(a, b T) bool) (gone, added []T) {
	if len(cur) == 0 && len(tgt) == 0 {
		return nil, nil
	}
	curByName, tgtByName := lookup(cur, name), lookup(tgt, name)
	var curLeft []T
	for _, x := range cur {
		if _, ok := tgtByName(name(x)); !ok {
			curLeft = append(curLeft, x)
		}
	}
	used := make([]bool, len(curLeft))
	for _, x := range tgt {
		if have, ok := curByName(name(x)); ok {
			if !same(have, x) {
				gone = append(gone, have)
				added = append(added, x)
			}
			continue
		}
		found := false
		for i, y := range curLeft {
			if !used[i] && same(y, x) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			added = append(added, x)
		}
	}
	for i, y := range curLeft {
		if !used[i] {
			gone = append(gone, y)
		}
	}
	return gone, added
}

// samePrimaryKey compares primary keys by their columns and comment: the
// name a database gives its primary key (MySQL's PRIMARY, PostgreSQL's
// t_pkey) is not the model's business.
func samePrimaryKey(a, b *model.PrimaryKey) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.Columns, b.Columns) && a.Comment == b.Comment
}

// sameForeignKey compares two normalised foreign keys, names aside.
func sameForeignKey(a, b *model.ForeignKey) bool {
	return slices.Equal(a.Columns, b.Columns) && a.RefSchema == b.RefSchema && a.RefTable == b.RefTable &&
		slices.Equal(a.RefColumns, b.RefColumns) && a.OnDelete == b.OnDelete && a.OnUpdate == b.OnUpdate &&
		a.Deferrable == b.Deferrable && a.InitiallyDeferred == b.InitiallyDeferred && a.Comment == b.Comment
}

func clonePK(pk *model.PrimaryKey) *model.PrimaryKey {
	x := *pk
	x.Columns = slices.Clone(pk.Columns)
	return &x
}

func cloneFK(fk *model.ForeignKey) *model.ForeignKey {
	x := *fk
	x.Columns, x.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
	x.NotValid = false
	return &x
}

// constraintKey is the key of a constraint of table t in
// comparison.unnamed.
func constraintKey(t *model.Table, kind, name string) constraintID {
	return constraintID{tableKey(t.Schema, t.Name), kind, name}
}

// constraintID is the key of a constraint: its table, kind and name.
type constraintID struct {
	table      tableID
	kind, name string
}

// noteUnnamed records the foreign keys, unique and check constraints that
// have no name in the database (orig), under the names normalisation gave
// them (norm).
func (c *comparison) noteUnnamed(orig, norm *model.MetaData) {
	normBy := tablesByKey(norm)
	for _, t := range orig.Tables {
		n := normBy[tableKey(t.Schema, t.Name)]
		if n == nil {
			continue
		}
		if len(t.ForeignKeys) == len(n.ForeignKeys) {
			for i, fk := range t.ForeignKeys {
				if fk.Name == "" {
					c.unnamed[constraintKey(n, "foreign key", n.ForeignKeys[i].Name)] = true
				}
			}
		}
		if len(t.Checks) == len(n.Checks) {
			for i, ck := range t.Checks {
				if ck.Name == "" {
					c.unnamed[constraintKey(n, "check constraint", n.Checks[i].Name)] = true
				}
			}
		}
		if len(t.Uniques) == len(n.Uniques) {
			for i, u := range t.Uniques {
				if u.Name == "" {
					c.unnamed[constraintKey(n, "unique constraint", n.Uniques[i].Name)] = true
				}
			}
		}
	}
}

// noteUnnamedDrop warns when a constraint that Compare drops has no name
// in the database.
func (c *comparison) noteUnnamedDrop(t *model.Table, kind, name string) {
	if !c.unnamed[constraintKey(t, kind, name)] {
		return
	}
	msg := fmt.Sprintf("%s: a %s has no name in the database; the revision calls it %q, the name the naming convention gives it, "+
		"which the database does not know: name the constraint in the database first, or edit the revision", t.QualifiedName(), kind, name)
	if _, ok := c.d.(dialect.Rebuilder); ok {
		msg = fmt.Sprintf("%s: a %s has no name in the database; the revision drops it by rebuilding the table, "+
			"and its downgrade makes it again as %q, the name the naming convention gives it", t.QualifiedName(), kind, name)
	}
	c.warn(Object{Kind: "constraint", Schema: t.Schema, Table: t.Name, Name: name}, msg)
}
