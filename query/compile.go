package query

import (
	"bytes"
	"fmt"

	"github.com/migratego/migrate/dialect"
)

// Statement is a complete SQL statement: *SelectStmt, *InsertStmt,
// *UpdateStmt, *DeleteStmt, or Raw.
type Statement interface {
	buildStatement(b *builder) error
	// Verb is the statement's kind for messages: "SELECT", "INSERT",
	// "UPDATE", "DELETE", or the first word of raw SQL.
	Verb() string
}

// Compiled is a statement in one database's SQL with its bound arguments.
type Compiled struct {
	SQL  string
	Args []any
}

// Compile compiles a statement for d with bound parameters in d's
// placeholder syntax ($1 on PostgreSQL, ? on MySQL and SQLite).
func Compile(d dialect.Dialect, s Statement) (Compiled, error) {
	b, err := newBuilder(d, false)
	if err != nil {
		return Compiled{}, err
	}
	if err := s.buildStatement(b); err != nil {
		return Compiled{}, fmt.Errorf("query: %s: %w", s.Verb(), err)
	}
	return Compiled{SQL: b.sb.String(), Args: b.args}, nil
}

// Render compiles a statement for d with every value written as an
// escaped literal, for --sql output. A value the dialect cannot write as
// a literal (a NUL in a PostgreSQL string, invalid UTF-8, NaN on MySQL)
// is an error naming it.
func Render(d dialect.Dialect, s Statement) (string, error) {
	b, err := newBuilder(d, true)
	if err != nil {
		return "", err
	}
	if err := s.buildStatement(b); err != nil {
		return "", fmt.Errorf("query: %s: %w", s.Verb(), err)
	}
	return b.sb.String(), nil
}

// builder accumulates one statement's SQL and arguments.
type builder struct {
	d  dialect.Dialect
	qc dialect.QueryCompiler
	sb bytes.Buffer
	// args are the bound values; literal renders values inline instead.
	args    []any
	literal bool
	// bareColumns writes columns without their table (the SET list of
	// UPDATE … FROM, the conflict target of an upsert).
	bareColumns bool
}

func newBuilder(d dialect.Dialect, literal bool) (*builder, error) {
	qc, err := dialect.QueryCompilerOf(d)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	return &builder{d: d, qc: qc, literal: literal}, nil
}

func (b *builder) write(s string) { b.sb.WriteString(s) }

// ident writes a quoted identifier.
func (b *builder) ident(name string) error {
	q, err := b.d.QuoteIdent(name)
	if err != nil {
		return err
	}
	b.write(q)
	return nil
}

// qualified writes a quoted schema.name.
func (b *builder) qualified(schema, name string) error {
	q, err := b.d.QuoteQualified(schema, name)
	if err != nil {
		return err
	}
	b.write(q)
	return nil
}

// value writes a Go value as a bound parameter, or a literal.
func (b *builder) value(v any) error {
	if b.literal {
		lit, err := b.d.Literal(v)
		if err != nil {
			return err
		}
		b.write(lit)
		return nil
	}
	b.args = append(b.args, v)
	b.write(b.qc.Placeholder(len(b.args)))
	return nil
}

// typed writes e; a bare value gets a typed placeholder, for positions
// that imply no type (select list items, CASE results).
func (b *builder) typed(e Expr) error {
	p, ok := e.(param)
	if !ok || b.literal {
		return e.build(b)
	}
	b.args = append(b.args, p.v)
	b.write(b.qc.TypedPlaceholder(len(b.args), p.v))
	return nil
}

// sub compiles into a fresh buffer, sharing the arguments, and returns
// the text: for the dialect's spellings that wrap compiled parts.
func (b *builder) sub(f func() error) (string, error) {
	start := b.sb.Len()
	err := f()
	out := b.sb.String()[start:]
	b.sb.Truncate(start)
	return out, err
}

// list writes items separated by ", ".
func list[T any](b *builder, items []T, f func(T) error) error {
	for i, it := range items {
		if i > 0 {
			b.write(", ")
		}
		if err := f(it); err != nil {
			return err
		}
	}
	return nil
}

// exprs writes expressions separated by ", ".
func (b *builder) exprs(es []Expr) error {
	return list(b, es, func(e Expr) error { return e.build(b) })
}
