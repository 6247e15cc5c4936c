package dialect

import (
	"fmt"

	"github.com/migratego/migrate/model"
)

// EnumColumn names a column whose type is a named enum type, with its
// default, which must be dropped while the column changes type and set
// again after.
type EnumColumn struct {
	Schema, Table, Column string
	Default               *model.Default
}

// EnumRecreator is implemented by dialects with named enum types whose
// values can be removed or reordered only by creating the type again
// (PostgreSQL).
type EnumRecreator interface {
	// RecreateEnum returns the statements that give enum type e the
	// values e.Values, in that order: the old type renamed aside, the new
	// type created, every column in columns altered to it through its
	// text (a row holding a value the new type lacks makes that statement
	// fail), and the old type dropped.
	RecreateEnum(e *model.EnumType, columns []EnumColumn) ([]string, error)
}

var _ EnumRecreator = (*postgresDialect)(nil)

// RecreateEnum implements EnumRecreator: ALTER TYPE … RENAME TO, CREATE
// TYPE, ALTER TABLE … ALTER COLUMN … TYPE … USING col::text::type (with
// DROP DEFAULT before and SET DEFAULT after where the column has a
// default), DROP TYPE.
func (d *postgresDialect) RecreateEnum(e *model.EnumType, columns []EnumColumn) ([]string, error) {
	if e == nil || e.Name == "" {
		return nil, fmt.Errorf("postgres: recreate enum type: the enum type's name is needed")
	}
	aside := e.Name + "__old"
	if len(aside) > postgresMaxEnumLabel {
		aside = e.Name[:postgresMaxEnumLabel-len("__old")] + "__old"
	}
	var out []string
	add := func(b *builder) error { return d.appendStmt(&out, b) }
	b := newBuilder(d)
	b.raw("ALTER TYPE ").qualified(e.Schema, e.Name).raw(" RENAME TO ").ident(aside)
	if err := add(b); err != nil {
		return nil, err
	}
	create, err := d.CreateEnum(e)
	if err != nil {
		return nil, err
	}
	out = append(out, create...)
	for _, c := range columns {
		alter := func() *builder {
			b := newBuilder(d)
			b.raw("ALTER TABLE ").qualified(c.Schema, c.Table).raw(" ALTER COLUMN ").ident(c.Column)
			return b
		}
		if c.Default != nil {
			if err := add(alter().raw(" DROP DEFAULT")); err != nil {
				return nil, err
			}
		}
		b := alter().raw(" TYPE ").qualified(e.Schema, e.Name).raw(" USING ").ident(c.Column).raw("::text::").qualified(e.Schema, e.Name)
		if err := add(b); err != nil {
			return nil, err
		}
		if c.Default != nil {
			b := alter().raw(" SET DEFAULT ")
			d.defaultValue(b, model.Type{Kind: model.KindEnum}, c.Default)
			if err := add(b); err != nil {
				return nil, err
			}
		}
	}
	b = newBuilder(d)
	b.raw("DROP TYPE ").qualified(e.Schema, aside)
	if err := add(b); err != nil {
		return nil, err
	}
	return out, nil
}
