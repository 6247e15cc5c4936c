package query

import "github.com/migratego/migrate/model"

// Table is a table (or a CTE) by name, optionally in a schema and under
// an alias. Its columns are Expr values made by C.
type Table struct {
	schema, name, alias string
}

// T names a table in the connection's default schema.
func T(name string) *Table { return &Table{name: name} }

// TableIn names a table in a schema (a PostgreSQL schema, a MySQL
// database, an attached SQLite database).
func TableIn(schema, name string) *Table { return &Table{schema: schema, name: name} }

// Of names the table of a model table.
func Of(t *model.Table) *Table { return &Table{schema: t.Schema, name: t.Name} }

// As returns the table under an alias; its columns are qualified by it.
func (t *Table) As(alias string) *Table {
	c := *t
	c.alias = alias
	return &c
}

// Name returns the table's name.
func (t *Table) Name() string { return t.name }

// Schema returns the table's schema, "" for the default.
func (t *Table) Schema() string { return t.schema }

// C returns the column name of this table, qualified by the table's alias
// or name.
func (t *Table) C(name string) Column { return Column{table: t, name: name} }

// Star returns table.* .
func (t *Table) Star() Expr { return star{table: t} }

// buildRef writes the table as a FROM item: name, with its alias.
func (t *Table) buildRef(b *builder) error {
	if err := b.qualified(t.schema, t.name); err != nil {
		return err
	}
	if t.alias != "" {
		b.write(" AS ")
		return b.ident(t.alias)
	}
	return nil
}

// buildQualifier writes what qualifies the table's columns.
func (t *Table) buildQualifier(b *builder) error {
	if t.alias != "" {
		return b.ident(t.alias)
	}
	return b.qualified(t.schema, t.name)
}

// Column is a column reference; it is an Expr.
type Column struct {
	table *Table
	name  string
}

// Col names a column without a table: in a single-table statement, or the
// output column of a CTE or derived table.
func Col(name string) Column { return Column{name: name} }

// Name returns the column's name.
func (c Column) Name() string { return c.name }

func (c Column) build(b *builder) error {
	if c.table != nil && !b.bareColumns {
		if err := c.table.buildQualifier(b); err != nil {
			return err
		}
		b.write(".")
	}
	return b.ident(c.name)
}

// star is * or table.* .
type star struct{ table *Table }

// Star is the * of a SELECT.
func Star() Expr { return star{} }

func (s star) build(b *builder) error {
	if s.table != nil {
		if err := s.table.buildQualifier(b); err != nil {
			return err
		}
		b.write(".")
	}
	b.write("*")
	return nil
}
