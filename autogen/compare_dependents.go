package autogen

import (
	"slices"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// standsOnChange returns whether a foreign key stands on something that
// changes in the existing tables: a dropped column, a primary key or
// unique constraint that is dropped (and maybe made again), or a column
// whose type changes. The database refuses such changes while the key
// exists. It returns nil when nothing of the kind changes.
func (c *comparison) standsOnChange(changes []*tableChanges) func(t *model.Table, fk *model.ForeignKey) bool {
	type columnID struct {
		table  tableID
		column string
	}
	touched := map[columnID]bool{}
	mark := func(t *model.Table, cols []string) {
		for _, col := range cols {
			touched[columnID{tableKey(t.Schema, t.Name), col}] = true
		}
	}
	for _, ch := range changes {
		for _, op := range ch.alters {
			switch o := op.(type) {
			case ops.DropPrimaryKey:
				mark(ch.cur, o.Existing.Columns)
			case ops.DropUnique:
				mark(ch.cur, o.Existing.Columns)
			case ops.DropColumn:
				mark(ch.cur, []string{o.Column})
			case ops.AlterColumn:
				if !sameType(c.d, o.Existing.Type, o.New.Type) {
					mark(ch.cur, []string{o.Column})
				}
			}
		}
	}
	if len(touched) == 0 {
		return nil
	}
	return func(t *model.Table, fk *model.ForeignKey) bool {
		refSchema := fk.RefSchema
		if refSchema == "" {
			refSchema = t.Schema
		}
		own := slices.ContainsFunc(fk.Columns, func(col string) bool { return touched[columnID{tableKey(t.Schema, t.Name), col}] })
		ref := slices.ContainsFunc(fk.RefColumns, func(col string) bool { return touched[columnID{tableKey(refSchema, fk.RefTable), col}] })
		return own || ref
	}
}

// dependentForeignKeys drops, before the changes, and adds again, after
// them, the foreign keys of existing tables that stay but stand on
// something that changes (uses, see standsOnChange).
func (c *comparison) dependentForeignKeys(changes []*tableChanges, uses func(t *model.Table, fk *model.ForeignKey) bool) {
	for _, ch := range changes {
		for _, fk := range ch.cur.ForeignKeys {
			if !uses(ch.cur, fk) || changedKey(ch, fk.Name) {
				continue
			}
			want := findFK(ch.tgt, fk)
			if want == nil {
				continue
			}
			ch.dropFKs = append(ch.dropFKs, ops.DropForeignKey{Schema: ch.cur.Schema, Table: ch.cur.Name, Constraint: fk.Name, Existing: cloneFK(fk)})
			ch.addFKs = append(ch.addFKs, ops.CreateForeignKey{Schema: ch.tgt.Schema, Table: ch.tgt.Name, ForeignKey: cloneFK(want)})
		}
	}
}

// changedKey reports whether ch already drops the foreign key name.
func changedKey(ch *tableChanges, name string) bool {
	return slices.ContainsFunc(ch.dropFKs, func(op ops.Operation) bool {
		d, ok := op.(ops.DropForeignKey)
		return ok && d.Constraint == name
	})
}

// findFK returns the foreign key of t that is fk (same definition), or nil.
func findFK(t *model.Table, fk *model.ForeignKey) *model.ForeignKey {
	for _, x := range t.ForeignKeys {
		if sameForeignKey(x, fk) {
			return x
		}
	}
	return nil
}
