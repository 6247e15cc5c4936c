package autogen

import (
	"fmt"
	"slices"
	"sync"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// comparison is one run of Compare: the two models in normal form, and
// what it found so far.
type comparison struct {
	opts Options
	d    dialect.Dialect
	// cur and tgt are the normalised models, holding only the tables in
	// scope. Renames are applied to cur as they are decided, so that the
	// rest of the comparison sees the renamed tables and columns.
	cur, tgt *model.MetaData
	// whole holds the normalised current tables with every part, also
	// those Options.Filter leaves out: a SQLite rebuild restates them.
	whole *model.MetaData
	// named is the current model as given, with the target's naming
	// convention: whole before any rename.
	named *model.MetaData
	// unnamed holds the constraints that have no name in the database
	// (constraintKey), named here by the target's naming convention.
	unnamed  map[constraintID]bool
	warnings []Warning
}

// newComparison normalises both models for the dialect and applies the
// filters. The current model is named by the target's naming convention,
// so that a constraint the database holds without a name gets the name the
// model gives it.
func newComparison(current, target *model.MetaData, opts Options) *comparison {
	c := &comparison{opts: opts, d: opts.Dialect, unnamed: map[constraintID]bool{}}
	named := *current
	named.Naming = target.Naming
	// The two models are normalised side by side: Normalize works on a
	// copy, and most of a comparison's time is spent there.
	var tgt *model.MetaData
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tgt = dialect.Normalize(c.d, target)
	}()
	c.whole = dialect.Normalize(c.d, &named)
	wg.Wait()
	c.noteUnnamed(current, c.whole)
	// The tables of cur are those of whole unless Filter leaves parts
	// out; renames change both (restateBatches starts from named).
	c.named = &named
	c.cur = opts.filterTables(c.whole)
	c.tgt = opts.filterTables(tgt)
	return c
}

// tableID is the map key of a table: its schema and name.
type tableID struct{ schema, name string }

// tableKey returns the key of table (schema, name).
func tableKey(schema, name string) tableID { return tableID{schema, name} }

// tablesByKey maps the tables of md by tableKey.
func tablesByKey(md *model.MetaData) map[tableID]*model.Table {
	m := make(map[tableID]*model.Table, len(md.Tables))
	for _, t := range md.Tables {
		m[tableKey(t.Schema, t.Name)] = t
	}
	return m
}

// tableChanges are the operations on one existing table, by phase.
type tableChanges struct {
	cur, tgt *model.Table
	// renames rename its columns; they come first of all.
	renames []ops.Operation
	// dropFKs drop foreign keys that go or change.
	dropFKs []ops.Operation
	// alters are the other changes, in the order the database needs:
	// drops of indexes and constraints, column drops, adds and changes,
	// new constraints and indexes, the comment.
	alters []ops.Operation
	// addFKs add foreign keys, after every table exists.
	addFKs []ops.Operation
}

// empty reports whether the table does not change.
func (ch *tableChanges) empty() bool {
	return len(ch.renames)+len(ch.dropFKs)+len(ch.alters)+len(ch.addFKs) == 0
}

// tables returns the operations on tables, in order.
func (c *comparison) tables() ([]ops.Operation, error) {
	var renames []ops.Operation
	tableRenames, err := c.renameTables()
	if err != nil {
		return nil, err
	}
	renames = append(renames, tableRenames...)

	_, rebuilds := c.d.(dialect.Rebuilder)
	curBy := tablesByKey(c.cur)
	var added []*model.Table
	var changes []*tableChanges
	matched := map[*model.Table]bool{}
	for _, t := range c.tgt.Tables {
		cur := curBy[tableKey(t.Schema, t.Name)]
		if cur == nil {
			added = append(added, t)
			continue
		}
		matched[cur] = true
		ch := &tableChanges{cur: cur, tgt: t}
		if err := c.renameColumns(ch); err != nil {
			return nil, err
		}
		if len(ch.renames) > 0 {
			c.renormalize(cur)
		}
		changes = append(changes, ch)
	}
	var dropped []*model.Table
	for _, t := range c.cur.Tables {
		if !matched[t] {
			dropped = append(dropped, t)
		}
	}
	for _, ch := range changes {
		c.alterTable(ch)
	}
	uses := c.standsOnChange(changes)
	if !rebuilds && uses != nil {
		c.dependentForeignKeys(changes, uses)
	}
	creates, cyclic := c.createTables(added)
	earlyDrops, drops := c.dropTables(dropped, uses)

	var before, after, fkDrops, fkAdds []ops.Operation
	fkDrops = append(fkDrops, earlyDrops...)
	for _, ch := range changes {
		if ch.empty() {
			continue
		}
		// Column renames run in place, also where changes rebuild the
		// table: SQLite's RENAME COLUMN rewrites the foreign keys of other
		// tables that reference the column, and a rebuild does not.
		renames = append(renames, ch.renames...)
		if rebuilds {
			if b, ok := c.batch(ch); ok {
				if len(ch.addFKs) > 0 {
					after = append(after, b)
				} else {
					before = append(before, b)
				}
			}
			continue
		}
		fkDrops = append(fkDrops, ch.dropFKs...)
		before = append(before, ch.alters...)
		fkAdds = append(fkAdds, ch.addFKs...)
	}
	var out []ops.Operation
	out = append(out, renames...)
	out = append(out, fkDrops...)
	out = append(out, before...)
	out = append(out, creates...)
	out = append(out, after...)
	out = append(out, cyclic...)
	out = append(out, fkAdds...)
	out = append(out, drops...)
	return restateBatches(func() *model.MetaData { return dialect.Normalize(c.d, c.named) }, out)
}

// batch groups the changes of one table into a batch operation, for
// databases that rebuild a table to make changes their ALTER cannot make
// (SQLite): one rebuild at most, and ALTER when every change allows it.
// CopyFrom is the table as it is, so that the batch also compiles offline
// (restateBatches sets it once every operation is known). The column
// renames are not part of it (see tables); ok is false when nothing else
// changes.
func (c *comparison) batch(ch *tableChanges) (b ops.BatchAlterTable, ok bool) {
	b = ops.BatchAlterTable{Schema: ch.cur.Schema, Table: ch.cur.Name}
	for _, group := range [][]ops.Operation{ch.dropFKs, ch.alters, ch.addFKs} {
		b.Ops = append(b.Ops, group...)
	}
	return b, len(b.Ops) > 0
}

// alterTable compares an existing table with its target, filling ch.
func (c *comparison) alterTable(ch *tableChanges) {
	cur, tgt := ch.cur, ch.tgt
	dropFKs, addFKs := c.foreignKeys(cur, tgt)
	ch.dropFKs = append(ch.dropFKs, dropFKs...)
	ch.addFKs = append(ch.addFKs, addFKs...)

	dropIx, createIx := c.indexes(cur, tgt)
	dropCons, createCons := c.constraints(cur, tgt)
	colDrops, colAdds, colAlters := c.columns(cur, tgt)
	fkDrops, fkAdds := c.foreignKeysOverKeys(cur, tgt, slices.Concat(dropIx, dropCons), slices.Concat(createCons, createIx))
	ch.dropFKs = append(ch.dropFKs, fkDrops...)
	ch.addFKs = append(ch.addFKs, fkAdds...)

	ch.alters = append(ch.alters, dropIx...)
	ch.alters = append(ch.alters, dropCons...)
	ch.alters = append(ch.alters, colDrops...)
	ch.alters = append(ch.alters, colAdds...)
	ch.alters = append(ch.alters, colAlters...)
	ch.alters = append(ch.alters, createCons...)
	ch.alters = append(ch.alters, createIx...)
	if cur.Comment != tgt.Comment {
		ch.alters = append(ch.alters, ops.SetTableComment{Schema: tgt.Schema, Table: tgt.Name, Comment: tgt.Comment, Existing: cur.Comment})
	}
	if cur.RowSecurity != tgt.RowSecurity || cur.ForceRowSecurity != tgt.ForceRowSecurity {
		ch.alters = append(ch.alters, ops.SetRowSecurity{Schema: tgt.Schema, Table: tgt.Name, Enable: tgt.RowSecurity,
			Force: tgt.ForceRowSecurity, Was: cur.RowSecurity, WasForced: cur.ForceRowSecurity})
	}
	c.unchangeable(cur, tgt)
}

// unchangeable warns about table properties no operation changes:
// partitioning, SQLite STRICT and WITHOUT ROWID, and table options.
func (c *comparison) unchangeable(cur, tgt *model.Table) {
	warn := func(what string) {
		c.warn(Object{Kind: "table", Schema: tgt.Schema, Name: tgt.Name},
			fmt.Sprintf("%s: %s differs between the database and the model; autogenerate does not change it (recreate the table, or change it in the revision by hand)", tgt.QualifiedName(), what))
	}
	if !samePtr(cur.PartitionBy, tgt.PartitionBy) {
		warn("the partitioning (PARTITION BY)")
	}
	if !samePtr(cur.PartitionOf, tgt.PartitionOf) {
		warn("the parent partitioned table or bound (PARTITION OF)")
	}
	if cur.Strict != tgt.Strict {
		warn("STRICT")
	}
	if cur.WithoutRowID != tgt.WithoutRowID {
		warn("WITHOUT ROWID")
	}
	if !sameOptions(cur.Options, tgt.Options) {
		warn("a table option")
	}
}

// samePtr reports whether two optional values are both absent or equal.
func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// sameOptions compares table options; only the options both sides name,
// or the model names, count: the database reports defaults the model need
// not state.
func sameOptions(cur, tgt map[string]string) bool {
	for k, v := range tgt {
		if cur[k] != v {
			return false
		}
	}
	return true
}

// warn records a warning.
func (c *comparison) warn(obj Object, msg string) {
	c.warnings = append(c.warnings, Warning{Object: obj, Message: msg})
}
