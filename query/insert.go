package query

import (
	"errors"
	"fmt"

	"github.com/migratego/migrate/dialect"
)

// Assignment is column = value, in UPDATE SET and an upsert's DoUpdate.
type Assignment struct {
	Column string
	Value  Expr
}

// Set makes an assignment; value is an Expr or a value.
func Set(column string, value any) Assignment { return Assignment{column, exprOf(value)} }

// InsertStmt is an INSERT, built by Insert and its methods.
type InsertStmt struct {
	with      withClause
	table     *Table
	columns   []string
	rows      [][]Expr
	sel       *SelectStmt
	conflict  *conflict
	returning []Expr
}

// conflict is an upsert clause.
type conflict struct {
	target    []string
	doNothing bool
	set       []Assignment
}

// Insert starts INSERT INTO table.
func Insert(t *Table) *InsertStmt { return &InsertStmt{table: t} }

func (s *InsertStmt) clone() *InsertStmt { c := *s; return &c }

// Verb returns "INSERT".
func (s *InsertStmt) Verb() string { return "INSERT" }

// With adds CTEs, which the SELECT of an INSERT … SELECT may read. (On
// MySQL the WITH is written inside the SELECT.)
func (s *InsertStmt) With(ctes ...CTE) *InsertStmt {
	c := s.clone()
	c.with.ctes = append(append([]CTE(nil), s.with.ctes...), ctes...)
	return c
}

// Columns sets the column list.
func (s *InsertStmt) Columns(cols ...string) *InsertStmt { c := s.clone(); c.columns = cols; return c }

// Values adds one row (Expr values or values, in the order of Columns);
// call it again for more rows.
func (s *InsertStmt) Values(v ...any) *InsertStmt {
	c := s.clone()
	c.rows = append(append([][]Expr(nil), s.rows...), exprsOf(v))
	return c
}

// Select makes it INSERT … SELECT.
func (s *InsertStmt) Select(sel *SelectStmt) *InsertStmt { c := s.clone(); c.sel = sel; return c }

// OnConflict starts an upsert clause; target lists the columns of the
// unique key that conflicts (PostgreSQL and SQLite need it for DoUpdate;
// MySQL takes any unique key and ignores it).
func (s *InsertStmt) OnConflict(target ...string) *InsertStmt {
	c := s.clone()
	c.conflict = &conflict{target: target}
	return c
}

// DoNothing makes a conflicting row be skipped.
func (s *InsertStmt) DoNothing() *InsertStmt {
	c := s.clone()
	cf := c.ensureConflict()
	cf.doNothing = true
	return c
}

// DoUpdate makes a conflicting row be updated; Excluded(col) is the value
// the INSERT proposed.
func (s *InsertStmt) DoUpdate(set ...Assignment) *InsertStmt {
	c := s.clone()
	cf := c.ensureConflict()
	cf.set = append(cf.set, set...)
	return c
}

func (s *InsertStmt) ensureConflict() *conflict {
	cf := &conflict{}
	if s.conflict != nil {
		*cf = *s.conflict
	}
	s.conflict = cf
	return cf
}

// Returning adds RETURNING expressions (an error where the database has
// none).
func (s *InsertStmt) Returning(e ...any) *InsertStmt {
	c := s.clone()
	c.returning = append(append([]Expr(nil), s.returning...), exprsOf(e)...)
	return c
}

func (s *InsertStmt) buildStatement(b *builder) error {
	if s.table == nil {
		return errors.New("no table")
	}
	if (s.sel == nil) == (len(s.rows) == 0) {
		return errors.New("give either Values or Select")
	}
	upsert := b.qc.Upsert()
	if s.sel != nil && len(s.with.ctes) > 0 && upsert == dialect.UpsertOnDuplicateKey {
		// MySQL: INSERT INTO t (…) WITH … SELECT ….
		inner := *s
		inner.sel = s.sel.With(s.with.ctes...)
		inner.with = withClause{}
		inner.sel.with.recursive = s.with.recursive
		return inner.buildStatement(b)
	}
	if err := s.with.build(b); err != nil {
		return err
	}
	b.write("INSERT INTO ")
	if err := s.table.buildRef(b); err != nil {
		return err
	}
	if len(s.columns) > 0 {
		b.write(" (")
		if err := list(b, s.columns, b.ident); err != nil {
			return err
		}
		b.write(")")
	}
	if s.sel != nil {
		b.write(" ")
		if err := s.sel.buildStatement(b); err != nil {
			return err
		}
	} else {
		b.write(" VALUES ")
		for i, r := range s.rows {
			if len(s.columns) > 0 && len(r) != len(s.columns) {
				return fmt.Errorf("row %d has %d values for %d columns", i+1, len(r), len(s.columns))
			}
			if i > 0 {
				b.write(", ")
			}
			b.write("(")
			if err := b.exprs(r); err != nil {
				return fmt.Errorf("row %d: %w", i+1, err)
			}
			b.write(")")
		}
	}
	if err := s.buildConflict(b, upsert); err != nil {
		return err
	}
	return buildReturning(b, "INSERT", s.returning)
}

func (s *InsertStmt) buildConflict(b *builder, upsert dialect.UpsertSyntax) error {
	cf := s.conflict
	if cf == nil {
		return nil
	}
	if !cf.doNothing && len(cf.set) == 0 {
		return errors.New("OnConflict needs DoNothing or DoUpdate")
	}
	if upsert == dialect.UpsertOnDuplicateKey {
		b.write(" ON DUPLICATE KEY UPDATE ")
		if cf.doNothing {
			// Assigning a column to itself changes nothing.
			col := firstColumn(s, cf)
			if col == "" {
				return errors.New("DoNothing on MySQL needs a column (Columns or OnConflict)")
			}
			if err := b.ident(col); err != nil {
				return err
			}
			b.write(" = ")
			return b.ident(col)
		}
		return buildAssignments(b, cf.set)
	}
	b.write(" ON CONFLICT")
	if len(cf.target) > 0 {
		b.write(" (")
		if err := list(b, cf.target, b.ident); err != nil {
			return err
		}
		b.write(")")
	} else if !cf.doNothing {
		return errors.New("DoUpdate needs the conflicting columns: OnConflict(columns…)")
	}
	if cf.doNothing {
		b.write(" DO NOTHING")
		return nil
	}
	b.write(" DO UPDATE SET ")
	return buildAssignments(b, cf.set)
}

func firstColumn(s *InsertStmt, cf *conflict) string {
	if len(cf.target) > 0 {
		return cf.target[0]
	}
	if len(s.columns) > 0 {
		return s.columns[0]
	}
	return ""
}

// buildAssignments writes col = value, … with bare column names.
func buildAssignments(b *builder, set []Assignment) error {
	return list(b, set, func(a Assignment) error {
		if err := b.ident(a.Column); err != nil {
			return err
		}
		b.write(" = ")
		return a.Value.build(b)
	})
}

// buildReturning writes RETURNING …, or the dialect's refusal.
func buildReturning(b *builder, verb string, es []Expr) error {
	if len(es) == 0 {
		return nil
	}
	if err := b.qc.Returning(verb); err != nil {
		return err
	}
	b.write(" RETURNING ")
	return b.exprs(es)
}
