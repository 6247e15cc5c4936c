package ops

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// AlterEnum gives a named enum type the values To, in that order, where
// ALTER TYPE … ADD VALUE cannot: a value removed, values reordered
// (alter_enum). PostgreSQL has no statement for that, so the type is
// created again: the old type renamed aside, the new one created, each
// column of Columns altered to it through its text, the old type dropped.
// A row holding a value that To lacks makes the upgrade fail on that
// column: update such rows first (an Execute before it).
//
// Columns lists every column typed by the enum, with its default
// (autogenerate fills it from the schema); a column left out keeps the
// old type and stops the old type's drop. Where enums are column types
// (MySQL, SQLite) the operation is refused like AddEnumValue.
//
// It is also the inverse that ops.ReverseFrom gives an AddEnumValue: the
// type again without the value.
type AlterEnum struct {
	Schema  string
	Enum    string
	From    []string
	To      []string
	Columns []EnumColumn
}

// EnumColumn names a column typed by an enum type, with its default, which
// an AlterEnum drops while the column changes type and sets again after.
type EnumColumn struct {
	Schema, Table, Column string
	Default               *model.Default
}

// Name returns "alter_enum".
func (o AlterEnum) Name() string { return "alter_enum" }

// Statements returns the statements that create the type again.
func (o AlterEnum) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := checkEnumValues(o.Enum, o.To); err != nil {
		return nil, err
	}
	e := &model.EnumType{Schema: o.Schema, Name: o.Enum, Values: slices.Clone(o.To)}
	if err := inlineEnums(c, e, "changing the values of an enum type"); err != nil {
		return nil, err
	}
	r, ok := c.Dialect.(dialect.EnumRecreator)
	if !ok {
		return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("enum type %q", qualified(o.Schema, o.Enum)),
			"changing the values of an enum type", "")
	}
	cols := make([]dialect.EnumColumn, len(o.Columns))
	for i, c := range o.Columns {
		cols[i] = dialect.EnumColumn{Schema: c.Schema, Table: c.Table, Column: c.Column, Default: c.Default}
	}
	return statements(r.RecreateEnum(e, cols))
}

// Reverse returns the AlterEnum from To back to From.
func (o AlterEnum) Reverse() (Operation, error) {
	if len(o.From) == 0 {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("enum type %q carries no previous values (set From)", qualified(o.Schema, o.Enum))}
	}
	return AlterEnum{Schema: o.Schema, Enum: o.Enum, From: slices.Clone(o.To), To: slices.Clone(o.From), Columns: slices.Clone(o.Columns)}, nil
}

// GoSource renders ops.AlterEnum{…}.
func (o AlterEnum) GoSource() (string, error) {
	l := newGoLit("AlterEnum").str("Schema", o.Schema).str("Enum", o.Enum)
	if len(o.From) > 0 {
		l.expr("From", goStrings(o.From))
	}
	l.expr("To", goStrings(o.To))
	if len(o.Columns) > 0 {
		cols := make([]string, len(o.Columns))
		for i, c := range o.Columns {
			lit := newGoLit("").str("Schema", c.Schema).str("Table", c.Table).str("Column", c.Column).expr("Default", c.Default.GoSource())
			cols[i] = "{" + strings.Join(lit.fields, ", ") + "}"
		}
		l.expr("Columns", "[]ops.EnumColumn{"+strings.Join(cols, ", ")+"}")
	}
	return l.String(), nil
}

// Apply gives the enum type and the columns of that type the new values.
func (o AlterEnum) Apply(m *model.MetaData) error {
	e, err := modelEnum(m, o.Schema, o.Enum)
	if err != nil {
		return err
	}
	if err := checkEnumValues(o.Enum, o.To); err != nil {
		return err
	}
	set := func(values *[]string) { *values = slices.Clone(o.To) }
	set(&e.Values)
	enumColumns(m, e, set)
	return nil
}

// enumColumnsOf lists the columns of m typed by enum e, with their
// defaults, for an AlterEnum.
func enumColumnsOf(m *model.MetaData, e *model.EnumType) []EnumColumn {
	var out []EnumColumn
	for _, t := range m.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == model.KindEnum && c.Type.EnumName == e.Name && c.Type.EnumSchema == e.Schema {
				out = append(out, EnumColumn{Schema: t.Schema, Table: t.Name, Column: c.Name, Default: clonePtrDefault(c.Default)})
			}
		}
	}
	return out
}

// clonePtrDefault copies a default, or returns nil.
func clonePtrDefault(d *model.Default) *model.Default {
	if d == nil {
		return nil
	}
	c := *d
	return &c
}

// withPrior makes the inverse of adding a value computable: the type as it
// was, and the columns to move back to it. It returns the AlterEnum that
// the addition amounts to, whose inverse removes the value again.
func (o AddEnumValue) withPrior(m *model.MetaData) Operation {
	i := findNamed(m.Enums, enumName, qualified(o.Schema, o.Enum))
	if i < 0 || o.Value == "" {
		return o
	}
	e := m.Enums[i]
	after := &model.EnumType{Schema: e.Schema, Name: e.Name, Values: slices.Clone(e.Values)}
	if err := o.Apply(&model.MetaData{Enums: []*model.EnumType{after}}); err != nil {
		return o
	}
	return AlterEnum{Schema: o.Schema, Enum: o.Enum, From: slices.Clone(e.Values), To: after.Values, Columns: enumColumnsOf(m, e)}
}
