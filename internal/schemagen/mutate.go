package schemagen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// Mutation is a random change of a schema, for the property tests of
// autogenerate: a database holding Before (with the rows of Insert) must
// become After, keeping the values of the columns in Kept.
type Mutation struct {
	After *model.MetaData
	// Changes says what changed, one line per change, for failure messages.
	Changes []string
	// Kept lists the columns whose values the change keeps: every filled
	// column that survives (under a new name when renamed) with its type.
	Kept []KeptColumn
}

// KeptColumn is a column whose values survive a mutation, named as before
// and after it.
type KeptColumn struct {
	Table, Column       string
	NewTable, NewColumn string
}

// Mutate returns a random change of before (which it does not modify):
// one to four of adding, dropping and renaming tables and columns (renames
// declared with RenamedFrom), widening column types, changing nullability,
// defaults and comments, and adding and dropping indexes, unique, check
// and foreign-key constraints. Every change is one the rows of Insert
// survive. The same seed, schema and capabilities give the same mutation.
func Mutate(seed uint64, d dialect.Dialect, before *model.MetaData, cfg Config) *Mutation {
	after := before.Clone()
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x6a09e667f3bcc909)), d: d, c: d.Capabilities(), cfg: cfg, md: after, used: usedNames(after)}
	m := &mutator{gen: g, before: before, fresh: map[*model.Table]bool{}}
	kinds := mutations
	if !cfg.TablesOnly {
		kinds = append(slices.Clone(mutations), objectMutations...)
	}
	want := 1 + g.r.IntN(4)
	for tries := 0; len(m.changes) < want && tries < 50; tries++ {
		if change := kinds[g.r.IntN(len(kinds))](m); change != "" {
			m.changes = append(m.changes, change)
		}
	}
	after.ApplyNaming()
	return &Mutation{After: after, Changes: m.changes, Kept: Kept(before, after)}
}

// usedNames collects every name of md, so that new names are fresh.
func usedNames(md *model.MetaData) map[string]bool {
	used := map[string]bool{}
	for _, t := range md.Tables {
		used[t.Name] = true
		for _, c := range t.Columns {
			used[c.Name] = true
		}
		for _, ix := range t.Indexes {
			used[ix.Name] = true
		}
	}
	return used
}

type mutator struct {
	*gen
	before *model.MetaData
	// fresh marks the tables this mutation adds: they hold no rows and have
	// nothing to rename.
	fresh   map[*model.Table]bool
	changes []string
}

// mutations are the kinds of change; each returns what it did, or "" when
// the schema offers nothing to apply it to.
var mutations = []func(m *mutator) string{
	(*mutator).addTable, (*mutator).dropTable, (*mutator).renameTable,
	(*mutator).addColumn, (*mutator).dropColumn, (*mutator).renameColumn,
	(*mutator).widenType, (*mutator).toggleNullable, (*mutator).changeDefault, (*mutator).changeComment,
	(*mutator).addIndex, (*mutator).dropIndex, (*mutator).addUnique, (*mutator).dropUnique,
	(*mutator).addCheck, (*mutator).dropCheck, (*mutator).addForeignKey, (*mutator).dropForeignKey,
}

// pickTable returns a random table of the new schema for which ok holds.
// Partitioned tables and their partitions are left as they are: their
// columns and keys are the parent's.
func (m *mutator) pickTable(ok func(*model.Table) bool) *model.Table {
	var ts []*model.Table
	for _, t := range m.md.Tables {
		if t.PartitionBy != nil || t.PartitionOf != nil {
			continue
		}
		if ok == nil || ok(t) {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		return nil
	}
	return ts[m.r.IntN(len(ts))]
}

// pickColumn returns a random column of t for which ok holds.
func (m *mutator) pickColumn(t *model.Table, ok func(*model.Column) bool) *model.Column {
	var cs []*model.Column
	for _, c := range t.Columns {
		if ok(c) {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return cs[m.r.IntN(len(cs))]
}

func (m *mutator) addTable() string {
	t := m.table()
	m.md.Tables = append(m.md.Tables, t)
	m.fresh[t] = true
	return "add table " + t.Name
}

// referenced reports whether another table has a foreign key to t.
func (m *mutator) referenced(t *model.Table) bool {
	for _, o := range m.md.Tables {
		for _, fk := range o.ForeignKeys {
			if o != t && fk.RefTable == t.Name && fk.RefSchema == t.Schema {
				return true
			}
		}
	}
	return false
}

func (m *mutator) dropTable() string {
	plain := 0
	for _, t := range m.md.Tables {
		if t.PartitionBy == nil && t.PartitionOf == nil {
			plain++
		}
	}
	if plain < 2 { // the other mutations need a table to change
		return ""
	}
	t := m.pickTable(func(t *model.Table) bool { return !m.referenced(t) })
	if t == nil {
		return ""
	}
	m.md.Tables = slices.DeleteFunc(m.md.Tables, func(x *model.Table) bool { return x == t })
	m.dropDependents(mustQuote(m.gen, t.Name), t.Name)
	return "drop table " + t.Name + " (and the objects on it)"
}

func (m *mutator) renameTable() string {
	t := m.pickTable(func(t *model.Table) bool { return !m.fresh[t] && t.RenamedFrom == "" })
	if t == nil {
		return ""
	}
	old := t.Name
	t.RenamedFrom, t.Name = old, m.name("t")
	m.renameInObjects(mustQuote(m.gen, old), mustQuote(m.gen, t.Name), t.Name, old)
	for _, o := range m.md.Tables {
		for _, fk := range o.ForeignKeys {
			if fk.RefTable == old && fk.RefSchema == t.Schema {
				fk.RefTable = t.Name
			}
		}
	}
	return "rename table " + old + " to " + t.Name
}

func (m *mutator) addColumn() string {
	t := m.pickTable(nil)
	c := &model.Column{Name: m.name("c"), Type: m.anyType(), Nullable: true}
	if d := m.literalDefault(c.Type); d != nil && m.chance(0.6) {
		c.Default = d
		c.Nullable = m.chance(0.5)
	}
	if m.c.Comments && m.chance(0.2) {
		c.Comment = "added " + c.Name
	}
	t.Columns = append(t.Columns, c)
	return fmt.Sprintf("add column %s.%s %s (nullable %v, default %v)", t.Name, c.Name, c.Type, c.Nullable, c.Default)
}

// usedInExpr reports whether an expression of t (checks, index keys and
// predicates, generated columns) names column c.
func (m *mutator) usedInExpr(t *model.Table, c string) bool {
	q := mustQuote(m.gen, c)
	exprs := []string{}
	for _, ck := range t.Checks {
		exprs = append(exprs, ck.Expr)
	}
	for _, ix := range t.Indexes {
		exprs = append(exprs, ix.Where)
		for _, p := range ix.Parts {
			exprs = append(exprs, p.Expr)
		}
	}
	for _, col := range t.Columns {
		if col.Generated != nil {
			exprs = append(exprs, col.Generated.Expr)
		}
	}
	for _, e := range exprs {
		if strings.Contains(e, q) {
			return true
		}
	}
	return false
}

// inKey reports whether c is in t's primary key or one of its foreign keys.
func inKey(t *model.Table, c string) bool {
	if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c) {
		return true
	}
	for _, fk := range t.ForeignKeys {
		if slices.Contains(fk.Columns, c) {
			return true
		}
	}
	return false
}

// indexed reports whether c is a key or included column of an index or a
// column of a unique constraint of t.
func indexed(t *model.Table, c string) bool {
	for _, ix := range t.Indexes {
		if slices.Contains(ix.Columns(), c) || slices.Contains(ix.Include, c) {
			return true
		}
	}
	for _, u := range t.Uniques {
		if slices.Contains(u.Columns, c) {
			return true
		}
	}
	return false
}

func (m *mutator) dropColumn() string {
	var t *model.Table
	droppable := func(c *model.Column) bool {
		return !inKey(t, c.Name) && !m.usedInExpr(t, c.Name) && !m.usedByObject(mustQuote(m.gen, c.Name))
	}
	t = m.pickTable(func(x *model.Table) bool {
		t = x
		return m.pickColumn(x, droppable) != nil
	})
	if t == nil {
		return ""
	}
	c := m.pickColumn(t, droppable)
	t.Columns = slices.DeleteFunc(t.Columns, func(x *model.Column) bool { return x == c })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *model.Index) bool {
		return slices.Contains(ix.Columns(), c.Name) || slices.Contains(ix.Include, c.Name)
	})
	t.Uniques = slices.DeleteFunc(t.Uniques, func(u *model.Unique) bool { return slices.Contains(u.Columns, c.Name) })
	return "drop column " + t.Name + "." + c.Name + " (and its indexes)"
}

func (m *mutator) renameColumn() string {
	t := m.pickTable(func(t *model.Table) bool { return !m.fresh[t] })
	if t == nil {
		return ""
	}
	c := m.pickColumn(t, func(c *model.Column) bool {
		return c.RenamedFrom == "" && m.before.Table(t.Schema, origName(t)).Column(c.Name) != nil
	})
	if c == nil {
		return ""
	}
	old, oq := c.Name, mustQuote(m.gen, c.Name)
	c.RenamedFrom, c.Name = old, m.name("c")
	for _, s := range m.md.Sequences {
		if s.OwnedBy == t.Name+"."+old {
			s.OwnedBy = t.Name + "." + c.Name
		}
	}
	nq := mustQuote(m.gen, c.Name)
	rename := func(names []string) {
		for i, n := range names {
			if n == old {
				names[i] = c.Name
			}
		}
	}
	if t.PrimaryKey != nil {
		rename(t.PrimaryKey.Columns)
	}
	for _, fk := range t.ForeignKeys {
		rename(fk.Columns)
	}
	for _, o := range m.md.Tables {
		for _, fk := range o.ForeignKeys {
			if fk.RefTable == t.Name && fk.RefSchema == t.Schema {
				rename(fk.RefColumns)
			}
		}
	}
	for _, u := range t.Uniques {
		rename(u.Columns)
	}
	m.renameInObjects(oq, nq, "", "")
	swap := func(e string) string { return strings.ReplaceAll(e, oq, nq) }
	for _, ix := range t.Indexes {
		rename(ix.Include)
		ix.Where = swap(ix.Where)
		for i := range ix.Parts {
			if ix.Parts[i].Column == old {
				ix.Parts[i].Column = c.Name
			}
			ix.Parts[i].Expr = swap(ix.Parts[i].Expr)
		}
	}
	for _, ck := range t.Checks {
		ck.Expr = swap(ck.Expr)
	}
	for _, col := range t.Columns {
		if col.Generated != nil {
			col.Generated.Expr = swap(col.Generated.Expr)
		}
	}
	return "rename column " + t.Name + "." + old + " to " + c.Name
}

// origName is the name t had before the mutation.
func origName(t *model.Table) string {
	if t.RenamedFrom != "" {
		return t.RenamedFrom
	}
	return t.Name
}

// wider returns a type that holds every value of t, or false.
func (m *mutator) wider(t *model.Type, indexed bool) (model.Type, bool) {
	switch t.Kind {
	case model.KindSmallInt:
		return model.Integer, true
	case model.KindInteger:
		return model.BigInt, true
	case model.KindReal:
		return model.Double, true
	case model.KindVarchar:
		if !indexed && m.chance(0.3) {
			return model.Text, true
		}
		n := t.Length + 1 + m.r.IntN(50)
		if indexed && n > 191 {
			return model.Type{}, false
		}
		return model.Varchar(n), true
	case model.KindNumeric:
		if t.Precision == 0 || t.Precision >= 60 {
			return model.Type{}, false
		}
		return model.Numeric(t.Precision+1+m.r.IntN(5), t.Scale), true
	}
	return model.Type{}, false
}

func (m *mutator) widenType() string {
	t := m.pickTable(nil)
	c := m.pickColumn(t, func(c *model.Column) bool {
		_, ok := m.wider(&c.Type, true)
		return ok && !inKey(t, c.Name) && c.Generated == nil && !c.AutoIncrement && c.Identity == nil
	})
	if c == nil {
		return ""
	}
	from := c.Type
	c.Type, _ = m.wider(&c.Type, indexed(t, c.Name) || m.usedInExpr(t, c.Name))
	return fmt.Sprintf("widen %s.%s from %s to %s", t.Name, c.Name, from, c.Type)
}

// filledBefore reports whether column c of t holds values in every row of
// the schema before the mutation (or t is new and holds no rows).
func (m *mutator) filledBefore(t *model.Table, c *model.Column) bool {
	if m.fresh[t] {
		return true
	}
	bt := m.before.Table(t.Schema, origName(t))
	name := c.Name
	if c.RenamedFrom != "" {
		name = c.RenamedFrom
	}
	bc := bt.Column(name)
	return bc != nil && Filled(bt, bc)
}

func (m *mutator) toggleNullable() string {
	t := m.pickTable(nil)
	c := m.pickColumn(t, func(c *model.Column) bool {
		if inKey(t, c.Name) || c.Generated != nil {
			return false
		}
		return c.Nullable && m.filledBefore(t, c) || !c.Nullable && !c.AutoIncrement && c.Identity == nil
	})
	if c == nil {
		return ""
	}
	c.Nullable = !c.Nullable
	return fmt.Sprintf("%s.%s nullable %v", t.Name, c.Name, c.Nullable)
}

func (m *mutator) changeDefault() string {
	t := m.pickTable(nil)
	c := m.pickColumn(t, func(c *model.Column) bool {
		// A default on a foreign-key column would give the rows of a
		// column added with it a value no referenced row has.
		return m.literalDefault(c.Type) != nil && c.Generated == nil && !c.AutoIncrement && c.Identity == nil && !inKey(t, c.Name)
	})
	if c == nil {
		return ""
	}
	from := c.Default
	if c.Default != nil && m.chance(0.4) {
		c.Default = nil
	} else {
		c.Default = m.literalDefault(c.Type)
	}
	return fmt.Sprintf("default of %s.%s from %v to %v", t.Name, c.Name, from, c.Default)
}

func (m *mutator) changeComment() string {
	if !m.c.Comments {
		return ""
	}
	t := m.pickTable(nil)
	text := []string{"", "changed — it's new", "other comment"}[m.r.IntN(3)]
	if m.chance(0.5) {
		t.Comment = text
		return fmt.Sprintf("comment of table %s: %q", t.Name, text)
	}
	c := t.Columns[m.r.IntN(len(t.Columns))]
	c.Comment = text
	return fmt.Sprintf("comment of column %s.%s: %q", t.Name, c.Name, text)
}

// addedWithDefault reports a column this mutation adds to a table that
// holds rows, with a default: every row then holds the same value, which
// a unique key or a check may refuse.
func (m *mutator) addedWithDefault(t *model.Table, c *model.Column) bool {
	if m.fresh[t] || c.Default == nil {
		return false
	}
	name := c.Name
	if c.RenamedFrom != "" {
		name = c.RenamedFrom
	}
	return m.before.Table(t.Schema, origName(t)).Column(name) == nil
}

// keyColumns returns up to n random columns of t that unique constraints
// and indexes may use; with unique, only columns whose rows differ.
func (m *mutator) keyColumns(t *model.Table, n int, unique bool) []string {
	var names []string
	for _, c := range t.Columns {
		if isKeyable(c.Type) && c.Generated == nil && !(unique && m.addedWithDefault(t, c)) {
			names = append(names, c.Name)
		}
	}
	m.r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names[:min(n, len(names))]
}

// foreignKeyLead returns, now and then, the columns of one of t's
// foreign keys followed by cols, so that a new key can serve the foreign
// key (on MySQL/MariaDB it takes over from the index InnoDB made for it,
// and dropping it again needs the foreign key dropped around it), and
// otherwise cols.
func (m *mutator) foreignKeyLead(t *model.Table, cols []string) []string {
	if len(t.ForeignKeys) == 0 || !m.chance(0.3) {
		return cols
	}
	fk := t.ForeignKeys[m.r.IntN(len(t.ForeignKeys))]
	out := slices.Clone(fk.Columns)
	for _, c := range cols {
		if !slices.Contains(out, c) && len(out) < 3 {
			out = append(out, c)
		}
	}
	return out
}

// sameColumns reports whether t already has a key (primary, unique or
// index) on exactly these columns.
func sameColumns(t *model.Table, cols []string) bool {
	if t.PrimaryKey != nil && slices.Equal(t.PrimaryKey.Columns, cols) {
		return true
	}
	for _, u := range t.Uniques {
		if slices.Equal(u.Columns, cols) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if slices.Equal(ix.Columns(), cols) {
			return true
		}
	}
	return false
}

func (m *mutator) addIndex() string {
	t := m.pickTable(nil)
	unique := m.chance(0.2)
	cols := m.keyColumns(t, 1+m.r.IntN(2), unique)
	if len(cols) == 0 {
		return ""
	}
	if !unique {
		cols = m.foreignKeyLead(t, cols)
	}
	if sameColumns(t, cols) {
		return ""
	}
	ix := &model.Index{Unique: unique}
	for _, n := range cols {
		ix.Parts = append(ix.Parts, model.IndexPart{Column: n, Desc: m.c.DescIndexes && m.chance(0.3)})
	}
	if m.c.PartialIndexes && m.chance(0.2) {
		ix.Where = predicateExpr(mustQuote(m.gen, cols[0]))
	}
	t.Indexes = append(t.Indexes, ix)
	return fmt.Sprintf("add index on %s %v (unique %v)", t.Name, cols, ix.Unique)
}

// autoIncrementKey reports a key (index or unique) whose first column is
// an AUTO_INCREMENT column not first in the primary key: MySQL needs it.
func autoIncrementKey(t *model.Table, first string) bool {
	c := t.Column(first)
	return c != nil && c.AutoIncrement
}

func (m *mutator) dropIndex() string {
	t := m.pickTable(func(t *model.Table) bool { return len(t.Indexes) > 0 })
	if t == nil {
		return ""
	}
	ix := t.Indexes[m.r.IntN(len(t.Indexes))]
	if autoIncrementKey(t, ix.Parts[0].Column) {
		return ""
	}
	t.Indexes = slices.DeleteFunc(t.Indexes, func(x *model.Index) bool { return x == ix })
	return "drop index " + ix.Name + " of " + t.Name
}

func (m *mutator) addUnique() string {
	t := m.pickTable(nil)
	cols := m.keyColumns(t, 1+m.r.IntN(2), true)
	if len(cols) == 0 || sameColumns(t, cols) {
		return ""
	}
	t.Uniques = append(t.Uniques, &model.Unique{Columns: cols})
	return fmt.Sprintf("add unique on %s %v", t.Name, cols)
}

func (m *mutator) dropUnique() string {
	t := m.pickTable(func(t *model.Table) bool { return len(t.Uniques) > 0 })
	if t == nil {
		return ""
	}
	u := t.Uniques[m.r.IntN(len(t.Uniques))]
	if autoIncrementKey(t, u.Columns[0]) {
		return ""
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(x *model.Unique) bool { return x == u })
	return "drop unique " + u.Name + " of " + t.Name
}

func (m *mutator) addCheck() string {
	if !m.c.CheckConstraints {
		return ""
	}
	t := m.pickTable(nil)
	c := m.pickColumn(t, func(c *model.Column) bool {
		// MariaDB refuses checks on columns of foreign keys with actions.
		return c.Type.IsInteger() && c.Generated == nil && !m.addedWithDefault(t, c) && !inKey(t, c.Name) &&
			!(m.c.ExprsRefuseAutoIncrement && (c.AutoIncrement || c.Identity != nil))
	})
	if c == nil {
		return ""
	}
	expr := checkExpr(mustQuote(m.gen, c.Name))
	if slices.ContainsFunc(t.Checks, func(ck *model.Check) bool { return ck.Expr == expr }) {
		return ""
	}
	t.Checks = append(t.Checks, &model.Check{Expr: expr})
	return "add check on " + t.Name + "." + c.Name
}

func (m *mutator) dropCheck() string {
	t := m.pickTable(func(t *model.Table) bool { return len(t.Checks) > 0 })
	if t == nil {
		return ""
	}
	ck := t.Checks[m.r.IntN(len(t.Checks))]
	t.Checks = slices.DeleteFunc(t.Checks, func(x *model.Check) bool { return x == ck })
	return "drop check " + ck.Name + " of " + t.Name
}

func (m *mutator) addForeignKey() string {
	t := m.pickTable(nil)
	ref := m.pickTable(func(r *model.Table) bool { return r.PrimaryKey != nil })
	if ref == nil {
		return ""
	}
	fk := &model.ForeignKey{RefTable: ref.Name, RefSchema: ref.Schema}
	for _, rc := range ref.PrimaryKey.Columns {
		c := &model.Column{Name: m.name("fk"), Type: ref.Column(rc).Type, Nullable: true}
		t.Columns = append(t.Columns, c)
		fk.Columns = append(fk.Columns, c.Name)
		fk.RefColumns = append(fk.RefColumns, rc)
	}
	actions := []model.FKAction{"", model.Cascade, model.SetNull, model.Restrict}
	fk.OnDelete = actions[m.r.IntN(len(actions))]
	fk.OnUpdate = actions[m.r.IntN(len(actions))]
	t.ForeignKeys = append(t.ForeignKeys, fk)
	return fmt.Sprintf("add foreign key %s %v to %s", t.Name, fk.Columns, ref.Name)
}

func (m *mutator) dropForeignKey() string {
	t := m.pickTable(func(t *model.Table) bool { return len(t.ForeignKeys) > 0 })
	if t == nil {
		return ""
	}
	fk := t.ForeignKeys[m.r.IntN(len(t.ForeignKeys))]
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(x *model.ForeignKey) bool { return x == fk })
	return "drop foreign key " + fk.Name + " of " + t.Name
}

// Kept lists the columns of before that Insert fills and that after keeps
// with the same type, following the renames after declares.
func Kept(before, after *model.MetaData) []KeptColumn {
	var out []KeptColumn
	for _, ta := range after.Tables {
		tb := before.Table(ta.Schema, origName(ta))
		if tb == nil {
			continue
		}
		for _, ca := range ta.Columns {
			name := ca.Name
			if ca.RenamedFrom != "" {
				name = ca.RenamedFrom
			}
			cb := tb.Column(name)
			if cb != nil && Filled(tb, cb) && cb.Type.Equal(ca.Type) {
				out = append(out, KeptColumn{Table: tb.Name, Column: cb.Name, NewTable: ta.Name, NewColumn: ca.Name})
			}
		}
	}
	return out
}
