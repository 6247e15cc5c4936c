package autogen

import (
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// createTables returns the creates of new tables in foreign-key order
// (every table after those it references, a partition after its parent),
// and, where the database checks a foreign key when it is created, the
// foreign keys of cycles between new tables, to add after the tables.
func (c *comparison) createTables(added []*model.Table) (creates, cyclic []ops.Operation) {
	if len(added) == 0 {
		return nil, nil
	}
	order, deferred := (&model.MetaData{Tables: added}).CreationOrder()
	split := !c.d.Capabilities().ForwardForeignKeys
	later := map[*model.ForeignKey]bool{}
	if split {
		for _, d := range deferred {
			later[d.FK] = true
			cyclic = append(cyclic, ops.CreateForeignKey{Schema: d.Table.Schema, Table: d.Table.Name, ForeignKey: cloneFK(d.FK)})
		}
	}
	for _, t := range order {
		x := t.Clone()
		x.RenamedFrom = ""
		for _, col := range x.Columns {
			col.RenamedFrom = ""
		}
		if len(later) > 0 {
			x.ForeignKeys = x.ForeignKeys[:0]
			for _, fk := range t.ForeignKeys {
				if !later[fk] {
					x.ForeignKeys = append(x.ForeignKeys, cloneFK(fk))
				}
			}
		}
		creates = append(creates, ops.CreateTable{Table: x})
	}
	return creates, cyclic
}

// dropTables returns the drops of tables that are gone, in reverse
// foreign-key order; where the database checks foreign keys, the keys of
// cycles between dropped tables are dropped first. A dropped table's
// indexes and constraints go with it. A foreign key of a dropped table
// that stands on a change to a kept table (early, see standsOnChange)
// must be gone before that change: it is dropped first of all (in
// first), or where a table is rebuilt to drop a key (SQLite), its table
// is.
func (c *comparison) dropTables(dropped []*model.Table, early func(t *model.Table, fk *model.ForeignKey) bool) (first, out []ops.Operation) {
	if len(dropped) == 0 {
		return nil, nil
	}
	order, deferred := (&model.MetaData{Tables: dropped}).CreationOrder()
	slices.Reverse(order)
	gone := map[*model.ForeignKey]bool{}
	early1 := map[*model.Table]bool{}
	_, rebuilds := c.d.(dialect.Rebuilder)
	for _, t := range dropped {
		for _, fk := range t.ForeignKeys {
			switch {
			case early == nil || !early(t, fk):
			case rebuilds:
				early1[t] = true
			default:
				gone[fk] = true
				first = append(first, ops.DropForeignKey{Schema: t.Schema, Table: t.Name, Constraint: fk.Name, Existing: cloneFK(fk)})
			}
		}
	}
	if !c.d.Capabilities().ForwardForeignKeys {
		for _, d := range deferred {
			if gone[d.FK] {
				continue
			}
			gone[d.FK] = true
			out = append(out, ops.DropForeignKey{Schema: d.Table.Schema, Table: d.Table.Name, Constraint: d.FK.Name, Existing: cloneFK(d.FK)})
		}
	}
	for _, t := range order {
		x := t.Clone()
		if len(gone) > 0 {
			x.ForeignKeys = slices.DeleteFunc(x.ForeignKeys, func(fk *model.ForeignKey) bool {
				return slices.ContainsFunc(t.ForeignKeys, func(orig *model.ForeignKey) bool { return gone[orig] && orig.Name == fk.Name })
			})
		}
		drop := ops.DropTable{Schema: t.Schema, Table: t.Name, Existing: x}
		if early1[t] {
			first = append(first, drop)
		} else {
			out = append(out, drop)
		}
		c.warn(Object{Kind: "table", Schema: t.Schema, Name: t.Name},
			fmt.Sprintf("%s: dropped; its rows will be lost (if it was renamed: declare RenamedFrom: %q on the new table in a Go model, or run revision --autogenerate --interactive)", t.QualifiedName(), t.Name))
	}
	return first, out
}
