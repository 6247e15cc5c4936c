package autogen

import (
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
	naming          model.NamingConvention
	tables, current map[tableID]*model.Table // as given, not named
	named           map[*model.Table]*model.Table
}

// newSpellings indexes the tables of current and target.
func newSpellings(current, target *model.MetaData) *spellings {
	index := func(md *model.MetaData) map[tableID]*model.Table {
		out := make(map[tableID]*model.Table, len(md.Tables))
		for _, t := range md.Tables {
			out[tableKey(t.Schema, t.Name)] = t
		}
		return out
	}
	return &spellings{naming: target.Naming, tables: index(target), current: index(current), named: map[*model.Table]*model.Table{}}
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
		o.Column = s.column(o.Schema, o.Table, o.Column)
		return o
	case ops.AlterColumn:
		o.New = s.column(o.Schema, o.Table, o.New)
		if src := s.before(o.Schema, o.Table); src != nil {
			o.Existing = columnSpelling(o.Existing, src.Column(o.Column))
		}
		return o
	case ops.DropColumn:
		if src := s.before(o.Schema, o.Table); src != nil {
			o.Existing = columnSpelling(o.Existing, src.Column(o.Column))
		}
		return o
	case ops.DropCheck:
		if src := s.before(o.Schema, o.Table); src != nil && o.Existing != nil {
			for _, c := range src.Checks {
				if c.Name == o.Existing.Name && c.Name != "" {
					x := *o.Existing
					x.Expr = c.Expr
					o.Existing = &x
				}
			}
		}
		return o
	case ops.DropIndex:
		if src := s.before(o.Schema, o.Table); src != nil && o.Existing != nil {
			o.Existing = indexSpelling(o.Existing, src)
		}
		return o
	case ops.DropTable:
		if o.Existing != nil {
			t := o.Existing.Clone()
			s.table(t, s.before(t.Schema, t.Name))
			o.Existing = t
		}
		return o
	case ops.CreateCheck:
		if src := s.target(o.Schema, o.Table); src != nil && o.Check != nil {
			for _, c := range src.Checks {
				if c.Name == o.Check.Name && c.Name != "" {
					x := *o.Check
					x.Expr = c.Expr
					o.Check = &x
				}
			}
		}
		return o
	case ops.CreateIndex:
		if src := s.target(o.Schema, o.Table); src != nil && o.Index != nil {
			o.Index = indexSpelling(o.Index, src)
		}
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
		t.Columns[i] = columnSpelling(c, src.Column(c.Name))
	}
	for _, c := range t.Checks {
		for _, sc := range src.Checks {
			if sc.Name == c.Name && c.Name != "" {
				c.Expr = sc.Expr
			}
		}
	}
	for i, ix := range t.Indexes {
		t.Indexes[i] = indexSpelling(ix, src)
	}
	for _, ex := range t.Exclusions {
		for _, sx := range src.Exclusions {
			if sx.Name == ex.Name && ex.Name != "" && len(sx.Elements) == len(ex.Elements) {
				ex.Where = sx.Where
				for i := range ex.Elements {
					ex.Elements[i].Expr = sx.Elements[i].Expr
				}
			}
		}
	}
}

// column returns col (of the named table) with the model's spelling.
func (s *spellings) column(schema, table string, col *model.Column) *model.Column {
	src := s.target(schema, table)
	if src == nil || col == nil {
		return col
	}
	return columnSpelling(col, src.Column(col.Name))
}

// columnSpelling returns a copy of c with the default and generation
// expression of src, the model's column.
func columnSpelling(c, src *model.Column) *model.Column {
	if src == nil || c == nil {
		return c
	}
	x := c.Clone()
	if src.Default != nil && src.Default.Expr != "" && x.Default != nil && x.Default.Expr != "" {
		d := *x.Default
		d.Expr = src.Default.Expr
		x.Default = &d
	}
	if src.Generated != nil && x.Generated != nil {
		g := *x.Generated
		g.Expr = src.Generated.Expr
		x.Generated = &g
	}
	return x
}

// indexSpelling returns a copy of ix with the predicate and expression
// keys of the index of src with the same name and keys.
func indexSpelling(ix *model.Index, src *model.Table) *model.Index {
	for _, si := range src.Indexes {
		if si.Name != ix.Name || ix.Name == "" || len(si.Parts) != len(ix.Parts) {
			continue
		}
		x := cloneIndex(ix)
		x.Where = si.Where
		for i := range x.Parts {
			if x.Parts[i].Expr != "" {
				x.Parts[i].Expr = si.Parts[i].Expr
			}
		}
		return x
	}
	return ix
}
