package query

import (
	"errors"

	"github.com/migratego/migrate/dialect"
)

// UpdateStmt is an UPDATE, built by Update and its methods.
type UpdateStmt struct {
	with      withClause
	table     *Table
	set       []Assignment
	from      []Source
	where     []Cond
	returning []Expr
}

// Update starts UPDATE table.
func Update(t *Table) *UpdateStmt { return &UpdateStmt{table: t} }

func (s *UpdateStmt) clone() *UpdateStmt { c := *s; return &c }

// Verb returns "UPDATE".
func (s *UpdateStmt) Verb() string { return "UPDATE" }

// With adds CTEs.
func (s *UpdateStmt) With(ctes ...CTE) *UpdateStmt {
	c := s.clone()
	c.with.ctes = append(append([]CTE(nil), s.with.ctes...), ctes...)
	return c
}

// Set adds assignments.
func (s *UpdateStmt) Set(a ...Assignment) *UpdateStmt {
	c := s.clone()
	c.set = append(append([]Assignment(nil), s.set...), a...)
	return c
}

// From makes the update read other tables, joined by the Where
// conditions: UPDATE … FROM on PostgreSQL and SQLite 3.33+, the
// multi-table UPDATE on MySQL, correlated subqueries where the database
// has neither.
func (s *UpdateStmt) From(src ...Source) *UpdateStmt {
	c := s.clone()
	c.from = append(append([]Source(nil), s.from...), src...)
	return c
}

// Where adds conditions (AND).
func (s *UpdateStmt) Where(conds ...Cond) *UpdateStmt {
	c := s.clone()
	c.where = append(append([]Cond(nil), s.where...), conds...)
	return c
}

// Returning adds RETURNING expressions (an error where the database has
// none: MySQL, MariaDB).
func (s *UpdateStmt) Returning(e ...any) *UpdateStmt {
	c := s.clone()
	c.returning = append(append([]Expr(nil), s.returning...), exprsOf(e)...)
	return c
}

func (s *UpdateStmt) buildStatement(b *builder) error {
	if s.table == nil {
		return errors.New("no table")
	}
	if len(s.set) == 0 {
		return errors.New("nothing to set")
	}
	if err := s.with.buildLeading(b, "UPDATE"); err != nil {
		return err
	}
	b.write("UPDATE ")
	if err := s.table.buildRef(b); err != nil {
		return err
	}
	style := b.qc.UpdateFrom()
	if len(s.from) == 0 {
		style = dialect.UpdateFromClause
	}
	switch style {
	case dialect.UpdateMultiTable:
		for _, src := range s.from {
			b.write(", ")
			if err := src.buildRef(b); err != nil {
				return err
			}
		}
		b.write(" SET ")
		err := list(b, s.set, func(a Assignment) error {
			if err := s.table.C(a.Column).build(b); err != nil {
				return err
			}
			b.write(" = ")
			return a.Value.build(b)
		})
		if err != nil {
			return err
		}
		if err := buildWhere(b, " WHERE ", s.where); err != nil {
			return err
		}
	case dialect.UpdateSubquery:
		if err := s.buildSubqueryForm(b); err != nil {
			return err
		}
	default:
		b.write(" SET ")
		if err := buildAssignments(b, s.set); err != nil {
			return err
		}
		if len(s.from) > 0 {
			b.write(" FROM ")
			if err := list(b, s.from, func(src Source) error { return src.buildRef(b) }); err != nil {
				return err
			}
		}
		if err := buildWhere(b, " WHERE ", s.where); err != nil {
			return err
		}
	}
	return buildReturning(b, "UPDATE", s.returning)
}

// buildSubqueryForm writes the portable UPDATE with other tables:
// SET c = (SELECT v FROM sources WHERE conds) … WHERE EXISTS (SELECT 1
// FROM sources WHERE conds). The conditions must join the sources to the
// updated table, one row of the sources per row updated.
func (s *UpdateStmt) buildSubqueryForm(b *builder) error {
	b.write(" SET ")
	err := list(b, s.set, func(a Assignment) error {
		if err := b.ident(a.Column); err != nil {
			return err
		}
		b.write(" = ")
		return Subquery(Select(a.Value).From(s.from...).Where(s.where...)).build(b)
	})
	if err != nil {
		return err
	}
	b.write(" WHERE ")
	return Exists(Select(Value(1)).From(s.from...).Where(s.where...)).build(b)
}

// DeleteStmt is a DELETE, built by Delete and its methods.
type DeleteStmt struct {
	with      withClause
	table     *Table
	where     []Cond
	returning []Expr
}

// Delete starts DELETE FROM table.
func Delete(t *Table) *DeleteStmt { return &DeleteStmt{table: t} }

func (s *DeleteStmt) clone() *DeleteStmt { c := *s; return &c }

// Verb returns "DELETE".
func (s *DeleteStmt) Verb() string { return "DELETE" }

// With adds CTEs.
func (s *DeleteStmt) With(ctes ...CTE) *DeleteStmt {
	c := s.clone()
	c.with.ctes = append(append([]CTE(nil), s.with.ctes...), ctes...)
	return c
}

// Where adds conditions (AND); use In or Exists with a subquery to delete
// by other tables' rows.
func (s *DeleteStmt) Where(conds ...Cond) *DeleteStmt {
	c := s.clone()
	c.where = append(append([]Cond(nil), s.where...), conds...)
	return c
}

// Returning adds RETURNING expressions (an error where the database has
// none: MySQL).
func (s *DeleteStmt) Returning(e ...any) *DeleteStmt {
	c := s.clone()
	c.returning = append(append([]Expr(nil), s.returning...), exprsOf(e)...)
	return c
}

func (s *DeleteStmt) buildStatement(b *builder) error {
	if s.table == nil {
		return errors.New("no table")
	}
	if err := s.with.buildLeading(b, "DELETE"); err != nil {
		return err
	}
	b.write("DELETE FROM ")
	if err := s.table.buildRef(b); err != nil {
		return err
	}
	if err := buildWhere(b, " WHERE ", s.where); err != nil {
		return err
	}
	return buildReturning(b, "DELETE", s.returning)
}
