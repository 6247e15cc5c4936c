package query

import (
	"errors"
	"fmt"
)

// Source is what FROM and JOIN take: a *Table, or a derived table made by
// (*SelectStmt).As.
type Source interface {
	buildRef(b *builder) error
}

// derived is a subquery in FROM, with its alias.
type derived struct {
	s     *SelectStmt
	alias string
}

func (d derived) buildRef(b *builder) error {
	b.write("(")
	if err := d.s.buildStatement(b); err != nil {
		return err
	}
	b.write(") AS ")
	return b.ident(d.alias)
}

// join is one JOIN clause.
type join struct {
	kind string
	src  Source
	on   Cond
}

// Order is an ORDER BY item, made by Asc and Desc.
type Order struct {
	e    Expr
	desc bool
}

// Asc orders by e ascending.
func Asc(e any) Order { return Order{e: exprOf(e)} }

// Desc orders by e descending.
func Desc(e any) Order { return Order{e: exprOf(e), desc: true} }

// CTE is a common table expression of a WITH clause.
type CTE struct {
	name    string
	columns []string
	s       *SelectStmt
}

// With makes a CTE: name (columns…) AS (select). Its rows are read as
// T(name) (or by its Table method).
func With(name string, s *SelectStmt, columns ...string) CTE {
	return CTE{name: name, columns: columns, s: s}
}

// Table returns the CTE as a table to select from or join.
func (c CTE) Table() *Table { return T(c.name) }

// withClause holds a statement's CTEs.
type withClause struct {
	ctes      []CTE
	recursive bool
}

// buildLeading writes the clause before an UPDATE or DELETE (verb), where
// the database allows one there.
func (w withClause) buildLeading(b *builder, verb string) error {
	if len(w.ctes) == 0 {
		return nil
	}
	if err := b.qc.LeadingWith(verb); err != nil {
		return err
	}
	return w.build(b)
}

func (w withClause) build(b *builder) error {
	if len(w.ctes) == 0 {
		return nil
	}
	b.write("WITH ")
	if w.recursive {
		b.write("RECURSIVE ")
	}
	err := list(b, w.ctes, func(c CTE) error {
		if err := b.ident(c.name); err != nil {
			return err
		}
		if len(c.columns) > 0 {
			b.write(" (")
			if err := list(b, c.columns, b.ident); err != nil {
				return err
			}
			b.write(")")
		}
		b.write(" AS (")
		if err := c.s.buildStatement(b); err != nil {
			return fmt.Errorf("CTE %q: %w", c.name, err)
		}
		b.write(")")
		return nil
	})
	b.write(" ")
	return err
}

// SelectStmt is a SELECT, built by Select and its methods. Each method
// returns a new statement; the receiver is not changed.
type SelectStmt struct {
	with     withClause
	distinct bool
	columns  []Expr
	from     []Source
	joins    []join
	where    []Cond
	groupBy  []Expr
	having   []Cond
	orderBy  []Order
	limit    int64
	offset   int64
	unions   []setOp
}

// setOp is a UNION [ALL] term.
type setOp struct {
	all bool
	s   *SelectStmt
}

// Select starts a SELECT of columns (Expr values, or values); without
// columns it selects *.
func Select(columns ...any) *SelectStmt {
	return &SelectStmt{columns: exprsOf(columns), limit: -1}
}

func (s *SelectStmt) clone() *SelectStmt {
	c := *s
	return &c
}

// Verb returns "SELECT".
func (s *SelectStmt) Verb() string { return "SELECT" }

// With adds CTEs (WITH …) to the statement.
func (s *SelectStmt) With(ctes ...CTE) *SelectStmt {
	c := s.clone()
	c.with.ctes = append(append([]CTE(nil), s.with.ctes...), ctes...)
	return c
}

// WithRecursive adds CTEs as WITH RECURSIVE: a CTE's select may read the
// CTE itself (anchor.UnionAll(recursive step)).
func (s *SelectStmt) WithRecursive(ctes ...CTE) *SelectStmt {
	c := s.With(ctes...)
	c.with.recursive = true
	return c
}

// Distinct makes it SELECT DISTINCT.
func (s *SelectStmt) Distinct() *SelectStmt { c := s.clone(); c.distinct = true; return c }

// From sets the FROM sources (several: a cross product).
func (s *SelectStmt) From(src ...Source) *SelectStmt {
	c := s.clone()
	c.from = append(append([]Source(nil), s.from...), src...)
	return c
}

func (s *SelectStmt) addJoin(kind string, src Source, on Cond) *SelectStmt {
	c := s.clone()
	c.joins = append(append([]join(nil), s.joins...), join{kind, src, on})
	return c
}

// Join adds INNER JOIN src ON on.
func (s *SelectStmt) Join(src Source, on Cond) *SelectStmt { return s.addJoin("JOIN", src, on) }

// LeftJoin adds LEFT JOIN src ON on.
func (s *SelectStmt) LeftJoin(src Source, on Cond) *SelectStmt {
	return s.addJoin("LEFT JOIN", src, on)
}

// RightJoin adds RIGHT JOIN src ON on.
func (s *SelectStmt) RightJoin(src Source, on Cond) *SelectStmt {
	return s.addJoin("RIGHT JOIN", src, on)
}

// FullJoin adds FULL JOIN src ON on (not on MySQL/MariaDB: an error).
func (s *SelectStmt) FullJoin(src Source, on Cond) *SelectStmt {
	return s.addJoin("FULL JOIN", src, on)
}

// CrossJoin adds CROSS JOIN src.
func (s *SelectStmt) CrossJoin(src Source) *SelectStmt { return s.addJoin("CROSS JOIN", src, nil) }

// Where adds conditions, joined by AND with those already there.
func (s *SelectStmt) Where(conds ...Cond) *SelectStmt {
	c := s.clone()
	c.where = append(append([]Cond(nil), s.where...), conds...)
	return c
}

// GroupBy adds GROUP BY expressions.
func (s *SelectStmt) GroupBy(e ...any) *SelectStmt {
	c := s.clone()
	c.groupBy = append(append([]Expr(nil), s.groupBy...), exprsOf(e)...)
	return c
}

// Having adds HAVING conditions (AND).
func (s *SelectStmt) Having(conds ...Cond) *SelectStmt {
	c := s.clone()
	c.having = append(append([]Cond(nil), s.having...), conds...)
	return c
}

// OrderBy adds ORDER BY items.
func (s *SelectStmt) OrderBy(o ...Order) *SelectStmt {
	c := s.clone()
	c.orderBy = append(append([]Order(nil), s.orderBy...), o...)
	return c
}

// Limit sets LIMIT n.
func (s *SelectStmt) Limit(n int64) *SelectStmt { c := s.clone(); c.limit = n; return c }

// Offset sets OFFSET n.
func (s *SelectStmt) Offset(n int64) *SelectStmt { c := s.clone(); c.offset = n; return c }

// Union appends UNION other (duplicates removed).
func (s *SelectStmt) Union(other *SelectStmt) *SelectStmt {
	c := s.clone()
	c.unions = append(append([]setOp(nil), s.unions...), setOp{false, other})
	return c
}

// UnionAll appends UNION ALL other.
func (s *SelectStmt) UnionAll(other *SelectStmt) *SelectStmt {
	c := s.clone()
	c.unions = append(append([]setOp(nil), s.unions...), setOp{true, other})
	return c
}

// As makes the SELECT a derived table (a FROM or JOIN source) named alias.
func (s *SelectStmt) As(alias string) Source { return derived{s, alias} }

func (s *SelectStmt) buildStatement(b *builder) error {
	if err := s.with.build(b); err != nil {
		return err
	}
	if err := s.buildCore(b); err != nil {
		return err
	}
	for _, u := range s.unions {
		if u.all {
			b.write(" UNION ALL ")
		} else {
			b.write(" UNION ")
		}
		if len(u.s.orderBy) > 0 || u.s.limit >= 0 || u.s.offset > 0 || len(u.s.with.ctes) > 0 {
			return errors.New("a UNION term cannot have its own WITH, ORDER BY, LIMIT or OFFSET; set them on the first SELECT")
		}
		if err := u.s.buildCore(b); err != nil {
			return err
		}
	}
	if len(s.orderBy) > 0 {
		b.write(" ORDER BY ")
		err := list(b, s.orderBy, func(o Order) error {
			if err := o.e.build(b); err != nil {
				return err
			}
			if o.desc {
				b.write(" DESC")
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if lo := b.qc.LimitOffset(s.limit, s.offset); lo != "" {
		b.write(" " + lo)
	}
	return nil
}

// buildCore writes SELECT … FROM … WHERE … GROUP BY … HAVING ….
func (s *SelectStmt) buildCore(b *builder) error {
	b.write("SELECT ")
	if s.distinct {
		b.write("DISTINCT ")
	}
	if len(s.columns) == 0 {
		b.write("*")
	} else if err := list(b, s.columns, b.typed); err != nil {
		return err
	}
	if len(s.from) > 0 {
		b.write(" FROM ")
		if err := list(b, s.from, func(src Source) error { return src.buildRef(b) }); err != nil {
			return err
		}
	}
	if err := buildJoins(b, s.joins); err != nil {
		return err
	}
	if err := buildWhere(b, " WHERE ", s.where); err != nil {
		return err
	}
	if len(s.groupBy) > 0 {
		b.write(" GROUP BY ")
		if err := b.exprs(s.groupBy); err != nil {
			return err
		}
	}
	return buildWhere(b, " HAVING ", s.having)
}

// buildJoins writes JOIN clauses.
func buildJoins(b *builder, joins []join) error {
	for _, j := range joins {
		if j.kind == "FULL JOIN" {
			if err := b.qc.FullJoin(); err != nil {
				return err
			}
		}
		b.write(" " + j.kind + " ")
		if err := j.src.buildRef(b); err != nil {
			return err
		}
		if j.on != nil {
			b.write(" ON ")
			if err := j.on.build(b); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildWhere writes kw and the conjunction of conds, if any.
func buildWhere(b *builder, kw string, conds []Cond) error {
	if len(conds) == 0 {
		return nil
	}
	b.write(kw)
	return And(conds...).build(b)
}
