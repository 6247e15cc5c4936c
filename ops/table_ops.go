package ops

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// CreateTable creates a table with its columns, constraints and indexes
// (create_table). Indexes must be named.
type CreateTable struct {
	Table *model.Table
}

// Name returns "create_table".
func (o CreateTable) Name() string { return "create_table" }

// Statements returns CREATE TABLE (and comments on PostgreSQL), then
// CREATE INDEX for each index.
func (o CreateTable) Statements(_ context.Context, c *Context) ([]Statement, error) {
	t := o.Table
	if t == nil {
		return nil, missing("table definition", "Table")
	}
	if err := needTable(t.Name); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	sqls, err := c.Dialect.CreateTable(t)
	if err != nil {
		return nil, err
	}
	for _, ix := range dialect.SeparateIndexes(c.Dialect, t) {
		s, err := c.Dialect.CreateIndex(t, ix, dialect.IndexOptions{})
		if err != nil {
			return nil, err
		}
		sqls = append(sqls, s...)
	}
	return statements(sqls, nil)
}

// Reverse returns a DropTable carrying the table's definition.
func (o CreateTable) Reverse() (Operation, error) {
	if o.Table == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no table definition"}
	}
	return DropTable{Schema: o.Table.Schema, Table: o.Table.Name, Existing: o.Table.Clone()}, nil
}

// GoSource renders ops.CreateTable{Table: &model.Table{…}}.
func (o CreateTable) GoSource() (string, error) {
	return newGoLit("CreateTable").expr("Table", o.Table.GoSource()).String(), nil
}

// DropTable drops a table (drop_table). Existing is the table's definition
// as it was, which Reverse needs to create it again.
type DropTable struct {
	Schema   string
	Table    string
	Existing *model.Table
}

// Name returns "drop_table".
func (o DropTable) Name() string { return "drop_table" }

// Statements returns DROP TABLE.
func (o DropTable) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	return statements(c.Dialect.DropTable(tableRef(o.Schema, o.Table)))
}

// Reverse returns a CreateTable of the Existing definition.
func (o DropTable) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("table %q carries no definition (set Existing)", qualified(o.Schema, o.Table))}
	}
	t := o.Existing.Clone()
	t.Schema, t.Name = o.Schema, o.Table
	return CreateTable{Table: t}, nil
}

// GoSource renders ops.DropTable{…}.
func (o DropTable) GoSource() (string, error) {
	return newGoLit("DropTable").str("Schema", o.Schema).str("Table", o.Table).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// RenameTable renames a table within its schema (rename_table); its rows
// stay.
type RenameTable struct {
	Schema  string
	Table   string
	NewName string
}

// Name returns "rename_table".
func (o RenameTable) Name() string { return "rename_table" }

// Statements returns the dialect's table rename.
func (o RenameTable) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.NewName == "" {
		return nil, missing("new table name", "NewName")
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, true, func(a dialect.Alterer) ([]string, error) {
		return a.RenameTable(alterTarget(ctx, c, o.Schema, o.Table), o.NewName)
	}, nil)
}

// Reverse renames the table back.
func (o RenameTable) Reverse() (Operation, error) {
	return RenameTable{Schema: o.Schema, Table: o.NewName, NewName: o.Table}, nil
}

// GoSource renders ops.RenameTable{…}.
func (o RenameTable) GoSource() (string, error) {
	return newGoLit("RenameTable").str("Schema", o.Schema).str("Table", o.Table).str("NewName", o.NewName).String(), nil
}
