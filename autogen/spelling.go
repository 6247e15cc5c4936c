package autogen

import (
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// Compare decides in normal form (dialect.Normalize), where expressions
// are canonical text: casts the server adds are gone, keywords are in one
// case. That text is for comparing, not for creating: PostgreSQL reads
// operation = any(array['I', 'U']) on a char(1) column differently from
// the model's operation = ANY (ARRAY['I'::bpchar, 'U'::bpchar]), and would
// then print it back with a cast the model does not have, a change at the
// next compare. So the operations that create expressions get them as the
// model spells them: column defaults and generated columns, check
// constraints, index keys and predicates, exclusion constraints.

// The same holds for what the inverses recreate (a dropped column's
// default, a dropped check): those take the database's own spelling, from
// the current model as given.

// spellings finds the tables of the target and the current model as given
// (with the target's naming convention applied, as in normal form), by
// schema and name. A table is copied and named when an operation first
// needs it, so that Compare pays for the tables it changes only.
type spellings struct {
	d               dialect.Dialect
	naming          model.NamingConvention
	tables, current map[tableID]*model.Table // as given, not named
	named           map[*model.Table]*model.Table
}

// newSpellings indexes the tables of current and target.
func newSpellings(d dialect.Dialect, current, target *model.MetaData) *spellings {
	index := func(md *model.MetaData) map[tableID]*model.Table {
		out := make(map[tableID]*model.Table, len(md.Tables))
		for _, t := range md.Tables {
			out[tableKey(t.Schema, t.Name)] = t
		}
		return out
	}
	return &spellings{d: d, naming: target.Naming, tables: index(target), current: index(current), named: map[*model.Table]*model.Table{}}
}

// target returns the model's table (schema, name), named, or nil.
func (s *spellings) target(schema, name string) *model.Table {
	return s.namedCopy(s.tables[tableKey(schema, name)])
}

// before returns the current model's table (schema, name), named, or nil.
func (s *spellings) before(schema, name string) *model.Table {
	return s.namedCopy(s.current[tableKey(schema, name)])
}

// namedCopy returns t's copy with the naming convention applied, made once.
func (s *spellings) namedCopy(t *model.Table) *model.Table {
	if t == nil {
		return nil
	}
	if c, ok := s.named[t]; ok {
		return c
	}
	c := t.Clone()
	s.naming.Apply(c)
	s.named[t] = c
	return c
}

// same reports whether raw, an expression of table t as the model spells
// it, is what norm, the operation's canonical text, says: not so when
// Compare rewrote the expression (a column renamed on the way), and then
// the operation keeps its own text.
func (s *spellings) same(t *model.Table, raw, norm string) bool {
	return dialect.CanonicalExpr(s.d, t, raw) == norm
}

// restore returns ops with the model's own spelling of the expressions
// they create.
func (s *spellings) restore(list []ops.Operation) []ops.Operation {
	out := make([]ops.Operation, len(list))
	for i, op := range list {
		out[i] = s.restoreOne(op)
	}
	return out
}

func (s *spellings) restoreOne(op ops.Operation) ops.Operation {
	switch o := op.(type) {
	case ops.CreateTable:
		if o.Table != nil {
			t := o.Table.Clone()
			s.table(t, s.target(t.Schema, t.Name))
			o.Table = t
		}
		return o
	case ops.AddColumn:
		o.Column = s.column(s.target(o.Schema, o.Table), o.Column)
		return o
	case ops.AlterColumn:
		o.New = s.column(s.target(o.Schema, o.Table), o.New)
		o.Existing = s.column(s.before(o.Schema, o.Table), o.Existing)
		return o
	case ops.DropColumn:
		o.Existing = s.column(s.before(o.Schema, o.Table), o.Existing)
		return o
	case ops.DropCheck:
		o.Existing = s.check(s.before(o.Schema, o.Table), o.Existing)
		return o
	case ops.DropIndex:
		o.Existing = s.index(s.before(o.Schema, o.Table), o.Existing)
		return o
	case ops.DropTable:
		if o.Existing != nil {
			t := o.Existing.Clone()
			s.table(t, s.before(t.Schema, t.Name))
			o.Existing = t
		}
		return o
	case ops.CreateCheck:
		o.Check = s.check(s.target(o.Schema, o.Table), o.Check)
		return o
	case ops.CreateExclusion:
		// o.Exclusion is Compare's own copy (cloneExclusion).
		s.exclusion(s.target(o.Schema, o.Table), o.Exclusion)
		return o
	case ops.DropExclusion:
		s.exclusion(s.before(o.Schema, o.Table), o.Existing)
		return o
	case ops.CreateIndex:
		o.Index = s.index(s.target(o.Schema, o.Table), o.Index)
		return o
	case ops.BatchAlterTable:
		o.Ops = s.restore(o.Ops)
		return o
	}
	return op
}

// table gives the columns, checks, indexes and exclusion constraints of t
// (a copy being created) the spelling of src, the model's table.
func (s *spellings) table(t, src *model.Table) {
	if src == nil {
		return
	}
	for i, c := range t.Columns {
		t.Columns[i] = s.column(src, c)
	}
	for i, c := range t.Checks {
		t.Checks[i] = s.check(src, c)
	}
	for i, ix := range t.Indexes {
		t.Indexes[i] = s.index(src, ix)
	}
	for _, ex := range t.Exclusions {
		s.exclusion(src, ex)
	}
}

// exclusion gives ex (a copy being created) the spelling of its namesake
// in src, a table as the model spells it.
func (s *spellings) exclusion(src *model.Table, ex *model.Exclusion) {
	if src == nil || ex == nil {
		return
	}
	for _, sx := range src.Exclusions {
		if sx.Name != ex.Name || ex.Name == "" || len(sx.Elements) != len(ex.Elements) || !s.same(src, sx.Where, ex.Where) {
			continue
		}
		ex.Where = sx.Where
		for i := range ex.Elements {
			if s.same(src, sx.Elements[i].Expr, ex.Elements[i].Expr) {
				ex.Elements[i].Expr = sx.Elements[i].Expr
			}
		}
	}
}

// column returns a copy of c with the type, default and generation
// expression of its namesake in src, a table as the model spells it; c
// itself when src has no such column.
//
// The normal form is one database's: SQLite keeps a bigint auto-increment
// key as INTEGER and a boolean default false as 0, PostgreSQL a default
// 'a' as the expression 'a'. A Go revision written in those words runs on
// that database only (DEFAULT 0 on a PostgreSQL boolean is an error);
// in the model's words it runs on all three, as the model does. An enum
// type keeps its normal form, which names the schema of the type, and
// gets the model's type name where the database keeps none.
func (s *spellings) column(src *model.Table, c *model.Column) *model.Column {
	if src == nil || c == nil {
		return c
	}
	sc := src.Column(c.Name)
	if sc == nil {
		return c
	}
	x := c.Clone()
	switch {
	case sc.Type.Kind != model.KindEnum && x.Type.Kind != model.KindEnum:
		x.Type = sc.Type
	case sc.Type.Kind == model.KindEnum && x.Type.Kind == model.KindEnum && x.Type.EnumName == "":
		// The database keeps no enum type names (SQLite, MySQL): the
		// model's name lets the revision run where types are named.
		x.Type.EnumName, x.Type.EnumSchema = sc.Type.EnumName, sc.Type.EnumSchema
	}
	// A default refers to no column, so no rename changes it.
	if sc.Default != nil && x.Default != nil {
		d := *sc.Default
		x.Default = &d
	}
	if sc.Generated != nil && x.Generated != nil && s.same(src, sc.Generated.Expr, x.Generated.Expr) {
		g := *x.Generated
		g.Expr = sc.Generated.Expr
		x.Generated = &g
	}
	return x
}

// check returns a copy of c with the expression of its namesake in src.
func (s *spellings) check(src *model.Table, c *model.Check) *model.Check {
	if src == nil || c == nil || c.Name == "" {
		return c
	}
	for _, sc := range src.Checks {
		if sc.Name == c.Name && s.same(src, sc.Expr, c.Expr) {
			x := *c
			x.Expr = sc.Expr
			return &x
		}
	}
	return c
}

// index returns a copy of ix with the predicate and expression keys of
// the index of src with the same name and keys.
func (s *spellings) index(src *model.Table, ix *model.Index) *model.Index {
	if src == nil || ix == nil || ix.Name == "" {
		return ix
	}
	for _, si := range src.Indexes {
		if si.Name != ix.Name || len(si.Parts) != len(ix.Parts) || !s.same(src, si.Where, ix.Where) {
			continue
		}
		x := cloneIndex(ix)
		x.Where = si.Where
		for i := range x.Parts {
			if x.Parts[i].Expr != "" && s.same(src, si.Parts[i].Expr, x.Parts[i].Expr) {
				x.Parts[i].Expr = si.Parts[i].Expr
			}
		}
		return x
	}
	return ix
}
