package ops

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// CreateEnum creates a named enum type (create_enum): PostgreSQL CREATE
// TYPE … AS ENUM. On MySQL and SQLite enums live inline in the column
// type (model.KindEnum with Values), so it compiles to no statements.
type CreateEnum struct {
	Enum *model.EnumType
}

// Name returns "create_enum".
func (o CreateEnum) Name() string { return "create_enum" }

// Statements returns CREATE TYPE … AS ENUM (PostgreSQL), or nothing where
// enums are column types.
func (o CreateEnum) Statements(_ context.Context, c *Context) ([]Statement, error) {
	e := o.Enum
	if e == nil {
		return nil, missing("enum type definition", "Enum")
	}
	if err := checkEnumValues(e.Name, e.Values); err != nil {
		return nil, err
	}
	return statements(c.Dialect.CreateEnum(e))
}

// Reverse returns a DropEnum carrying the values.
func (o CreateEnum) Reverse() (Operation, error) {
	if o.Enum == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no enum type definition"}
	}
	return DropEnum{Schema: o.Enum.Schema, Enum: o.Enum.Name, Values: slices.Clone(o.Enum.Values)}, nil
}

// GoSource renders ops.CreateEnum{Enum: &model.EnumType{…}}.
func (o CreateEnum) GoSource() (string, error) {
	return newGoLit("CreateEnum").expr("Enum", o.Enum.GoSource()).String(), nil
}

// DropEnum drops a named enum type (drop_enum): PostgreSQL DROP TYPE; no
// statements where enums are column types. Values are the type's values
// as they were, which Reverse needs to create it again.
type DropEnum struct {
	Schema string
	Enum   string
	Values []string
}

// Name returns "drop_enum".
func (o DropEnum) Name() string { return "drop_enum" }

// Statements returns DROP TYPE (PostgreSQL), or nothing where enums are
// column types.
func (o DropEnum) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Enum == "" {
		return nil, missing("enum type name", "Enum")
	}
	return statements(c.Dialect.DropEnum(&model.EnumType{Schema: o.Schema, Name: o.Enum, Values: o.Values}))
}

// Reverse returns a CreateEnum of the Values.
func (o DropEnum) Reverse() (Operation, error) {
	if len(o.Values) == 0 {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("enum type %q carries no values (set Values)", qualified(o.Schema, o.Enum))}
	}
	return CreateEnum{Enum: &model.EnumType{Schema: o.Schema, Name: o.Enum, Values: slices.Clone(o.Values)}}, nil
}

// GoSource renders ops.DropEnum{…}.
func (o DropEnum) GoSource() (string, error) {
	l := newGoLit("DropEnum").str("Schema", o.Schema).str("Enum", o.Enum)
	if len(o.Values) > 0 {
		l.expr("Values", goStrings(o.Values))
	}
	return l.String(), nil
}

// AddEnumValue adds a value to a named enum type (PostgreSQL ALTER TYPE …
// ADD VALUE), at the end or BEFORE / AFTER an existing value (at most one
// of the two).
//
// Before PostgreSQL 12 the statement cannot run inside a transaction: it
// is then marked NoTransaction, and the revision must be non-transactional.
// From PostgreSQL 12 it may, but the new value cannot be used until the
// transaction commits (put statements using it in a later revision).
//
// It cannot be reversed: PostgreSQL cannot drop a value from an enum type.
//
// MySQL and SQLite keep enum values in each column's type (MySQL
// ENUM('a','b'), SQLite a CHECK (col IN (…))), so there is no type to
// alter: the operation is refused with an *dialect.UnsupportedError that
// says to change each column's type with AlterColumn (inside a
// BatchAlterTable on SQLite, which rebuilds the table).
type AddEnumValue struct {
	Schema string
	Enum   string
	Value  string
	Before string
	After  string
}

// Name returns "add_enum_value".
func (o AddEnumValue) Name() string { return "add_enum_value" }

// Statements returns ALTER TYPE … ADD VALUE.
func (o AddEnumValue) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Enum == "" {
		return nil, missing("enum type name", "Enum")
	}
	if o.Value == "" {
		return nil, missing("new enum value", "Value")
	}
	if o.Before != "" && o.After != "" {
		return nil, fmt.Errorf("enum type %q: value %q: set Before or After, not both", qualified(o.Schema, o.Enum), o.Value)
	}
	e := &model.EnumType{Schema: o.Schema, Name: o.Enum}
	if err := inlineEnums(c, e, fmt.Sprintf("adding the value %q to an enum type", o.Value)); err != nil {
		return nil, err
	}
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	stmts, err := statements(a.AddEnumValue(e, o.Value, o.Before, o.After))
	if err != nil {
		return nil, err
	}
	if !dialect.AddEnumValueInTransaction(c.Dialect) {
		for i := range stmts {
			stmts[i].NoTransaction = true
		}
	}
	return stmts, nil
}

// Reverse returns an *IrreversibleError: enum values cannot be dropped.
func (o AddEnumValue) Reverse() (Operation, error) {
	return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf(
		"PostgreSQL cannot drop the value %q from enum type %q; to undo it, create a new type without the value, "+
			"alter the columns to it (AlterColumn with Using) and drop the old type", o.Value, qualified(o.Schema, o.Enum))}
}

// GoSource renders ops.AddEnumValue{…}.
func (o AddEnumValue) GoSource() (string, error) {
	return newGoLit("AddEnumValue").str("Schema", o.Schema).str("Enum", o.Enum).str("Value", o.Value).
		str("Before", o.Before).str("After", o.After).String(), nil
}

// RenameEnumValue renames a value of a named enum type (PostgreSQL 10+
// ALTER TYPE … RENAME VALUE); rows holding the value follow. Like
// AddEnumValue, it is refused where enums are column types.
type RenameEnumValue struct {
	Schema string
	Enum   string
	From   string
	To     string
}

// Name returns "rename_enum_value".
func (o RenameEnumValue) Name() string { return "rename_enum_value" }

// Statements returns ALTER TYPE … RENAME VALUE.
func (o RenameEnumValue) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Enum == "" {
		return nil, missing("enum type name", "Enum")
	}
	if o.From == "" || o.To == "" {
		return nil, missing("old and new enum values", "From and To")
	}
	e := &model.EnumType{Schema: o.Schema, Name: o.Enum}
	if err := inlineEnums(c, e, fmt.Sprintf("renaming the enum value %q to %q", o.From, o.To)); err != nil {
		return nil, err
	}
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.RenameEnumValue(e, o.From, o.To))
}

// Reverse renames the value back.
func (o RenameEnumValue) Reverse() (Operation, error) {
	return RenameEnumValue{Schema: o.Schema, Enum: o.Enum, From: o.To, To: o.From}, nil
}

// GoSource renders ops.RenameEnumValue{…}.
func (o RenameEnumValue) GoSource() (string, error) {
	return newGoLit("RenameEnumValue").str("Schema", o.Schema).str("Enum", o.Enum).
		str("From", o.From).str("To", o.To).String(), nil
}

// inlineEnums refuses a change to a named enum type on a database whose
// enums are column types, saying what to do instead.
func inlineEnums(c *Context, e *model.EnumType, feature string) error {
	caps := c.Dialect.Capabilities()
	if caps.NamedEnumTypes {
		return nil
	}
	hint := "enums are column types on this database: change the type of each column using the enum with ops.AlterColumn " +
		"(New.Type with the new Values)"
	if _, rebuilds := c.Dialect.(dialect.Rebuilder); rebuilds {
		hint += " inside an ops.BatchAlterTable, which rebuilds the table with the new CHECK (col IN (…))"
	}
	return dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("enum type %q", qualified(e.Schema, e.Name)), feature, hint)
}

// checkEnumValues refuses an enum type without a name, without values, or
// with an empty or repeated value.
func checkEnumValues(name string, values []string) error {
	if name == "" {
		return missing("enum type name", "Enum.Name")
	}
	if len(values) == 0 {
		return fmt.Errorf("enum type %q has no values", name)
	}
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if v == "" {
			return fmt.Errorf("enum type %q has an empty value", name)
		}
		if seen[v] {
			return fmt.Errorf("enum type %q lists the value %q twice", name, v)
		}
		seen[v] = true
	}
	return nil
}

// goStrings renders []string{"a", "b"}.
func goStrings(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(parts, ", ") + "}"
}

// enumName names an enum type for findNamed.
func enumName(e *model.EnumType) string { return qualified(e.Schema, e.Name) }

// modelEnum returns enum type (schema, name) of m, or an error naming it.
func modelEnum(m *model.MetaData, schema, name string) (*model.EnumType, error) {
	if name == "" {
		return nil, missing("enum type name", "Enum")
	}
	i := findNamed(m.Enums, enumName, qualified(schema, name))
	if i < 0 {
		return nil, fmt.Errorf("enum type %q does not exist", qualified(schema, name))
	}
	return m.Enums[i], nil
}

// enumColumns calls f with the values of every column of m typed by the
// enum e, so that a change of its values reaches the columns.
func enumColumns(m *model.MetaData, e *model.EnumType, f func(values *[]string)) {
	for _, t := range m.Tables {
		for _, c := range t.Columns {
			if c.Type.Kind == model.KindEnum && c.Type.EnumName == e.Name && c.Type.EnumSchema == e.Schema {
				f(&c.Type.Values)
			}
		}
	}
}

// Apply adds the enum type to m.
func (o CreateEnum) Apply(m *model.MetaData) error {
	if o.Enum == nil {
		return missing("enum type definition", "Enum")
	}
	if err := checkEnumValues(o.Enum.Name, o.Enum.Values); err != nil {
		return err
	}
	if namedExactly(m.Enums, enumName, enumName(o.Enum)) {
		return fmt.Errorf("enum type %q already exists", enumName(o.Enum))
	}
	e := *o.Enum
	e.Values = slices.Clone(e.Values)
	m.Enums = append(m.Enums, &e)
	return nil
}

// Apply removes the enum type from m.
func (o DropEnum) Apply(m *model.MetaData) error {
	e, err := modelEnum(m, o.Schema, o.Enum)
	if err != nil {
		return err
	}
	m.Enums = slices.DeleteFunc(m.Enums, func(x *model.EnumType) bool { return x == e })
	return nil
}

// Apply adds the value to the enum type (at the end, or before or after
// the value named), and to the columns of that type.
func (o AddEnumValue) Apply(m *model.MetaData) error {
	e, err := modelEnum(m, o.Schema, o.Enum)
	if err != nil {
		return err
	}
	if o.Value == "" {
		return missing("new enum value", "Value")
	}
	if slices.Contains(e.Values, o.Value) {
		return fmt.Errorf("enum type %q already has the value %q", enumName(e), o.Value)
	}
	at := len(e.Values)
	for _, ref := range []struct {
		value string
		after int
	}{{o.Before, 0}, {o.After, 1}} {
		if ref.value == "" {
			continue
		}
		i := slices.Index(e.Values, ref.value)
		if i < 0 {
			return fmt.Errorf("enum type %q has no value %q", enumName(e), ref.value)
		}
		at = i + ref.after
	}
	add := func(values *[]string) { *values = slices.Insert(slices.Clone(*values), min(at, len(*values)), o.Value) }
	add(&e.Values)
	enumColumns(m, e, add)
	return nil
}

// Apply renames the value in the enum type and in the columns of that
// type.
func (o RenameEnumValue) Apply(m *model.MetaData) error {
	e, err := modelEnum(m, o.Schema, o.Enum)
	if err != nil {
		return err
	}
	if o.From == "" || o.To == "" {
		return missing("old and new enum values", "From and To")
	}
	if !slices.Contains(e.Values, o.From) {
		return fmt.Errorf("enum type %q has no value %q", enumName(e), o.From)
	}
	if slices.Contains(e.Values, o.To) {
		return fmt.Errorf("enum type %q already has the value %q", enumName(e), o.To)
	}
	rename := func(values *[]string) {
		*values = slices.Clone(*values)
		if i := slices.Index(*values, o.From); i >= 0 {
			(*values)[i] = o.To
		}
	}
	rename(&e.Values)
	enumColumns(m, e, rename)
	return nil
}
