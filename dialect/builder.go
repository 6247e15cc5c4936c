package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// builder writes one SQL statement through a Dialect, keeping the first
// error (bufio.Writer style) so that DDL code reads straight through.
type builder struct {
	d   Dialect
	sb  strings.Builder
	err error
}

func newBuilder(d Dialect) *builder { return &builder{d: d} }

// raw appends SQL keywords and punctuation written by the dialect itself;
// never user input.
func (b *builder) raw(parts ...string) *builder {
	for _, p := range parts {
		b.sb.WriteString(p)
	}
	return b
}

// ident appends a quoted identifier.
func (b *builder) ident(name string) *builder {
	if b.err != nil {
		return b
	}
	q, err := b.d.QuoteIdent(name)
	if err != nil {
		b.err = err
		return b
	}
	b.sb.WriteString(q)
	return b
}

// qualified appends a quoted schema.name.
func (b *builder) qualified(schema, name string) *builder {
	if b.err != nil {
		return b
	}
	q, err := b.d.QuoteQualified(schema, name)
	if err != nil {
		b.err = err
		return b
	}
	b.sb.WriteString(q)
	return b
}

// identList appends "(a, b, c)" with quoted names.
func (b *builder) identList(names []string) *builder {
	b.raw("(")
	for i, n := range names {
		if i > 0 {
			b.raw(", ")
		}
		b.ident(n)
	}
	return b.raw(")")
}

// createView appends CREATE [modifiers] VIEW name [(columns)] [WITH
// (options)] AS def [WITH LOCAL|CASCADED CHECK OPTION]; checkView has
// validated v's options for the dialect, which wrote modifiers and
// options.
func (b *builder) createView(v *model.View, def, modifiers, options string) *builder {
	b.raw("CREATE ", modifiers, "VIEW ").qualified(v.Schema, v.Name)
	if len(v.Columns) > 0 {
		b.raw(" ").identList(v.Columns)
	}
	if options != "" {
		b.raw(" WITH (", options, ")")
	}
	b.raw(" AS ", def)
	if v.CheckOption != "" {
		b.raw(" WITH ", strings.ToUpper(v.CheckOption), " CHECK OPTION")
	}
	return b
}

// literal appends an escaped literal.
func (b *builder) literal(v any) *builder {
	if b.err != nil {
		return b
	}
	s, err := b.d.Literal(v)
	if err != nil {
		b.err = err
		return b
	}
	b.sb.WriteString(s)
	return b
}

// typ appends a rendered type.
func (b *builder) typ(t model.Type) *builder {
	if b.err != nil {
		return b
	}
	s, err := b.d.RenderType(t)
	if err != nil {
		b.err = err
		return b
	}
	b.sb.WriteString(s)
	return b
}

// fail records an error if none is recorded yet.
func (b *builder) fail(err error) *builder {
	if b.err == nil {
		b.err = err
	}
	return b
}

func (b *builder) String() string { return b.sb.String() }

// spaced appends a space and what write writes, or nothing when write
// writes nothing (an untyped SQLite column without constraints).
func (b *builder) spaced(write func(*builder)) *builder {
	nb := newBuilder(b.d)
	write(nb)
	s, err := nb.stmt()
	if err != nil {
		return b.fail(err)
	}
	if s != "" {
		b.raw(" ", s)
	}
	return b
}

// stmt returns the statement and the first error.
func (b *builder) stmt() (string, error) { return b.sb.String(), b.err }
