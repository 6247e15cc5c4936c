package ops

import (
	"context"
	"fmt"
	"slices"

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
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o RenameTable) validate(*Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.NewName == "" {
		return missing("new table name", "NewName")
	}
	return nil
}

func (o RenameTable) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeRenameTable, Table: t}, nil
}

func (o RenameTable) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.RenameTable(t, o.NewName))
}

// Reverse renames the table back.
func (o RenameTable) Reverse() (Operation, error) {
	return RenameTable{Schema: o.Schema, Table: o.NewName, NewName: o.Table}, nil
}

// GoSource renders ops.RenameTable{…}.
func (o RenameTable) GoSource() (string, error) {
	return newGoLit("RenameTable").str("Schema", o.Schema).str("Table", o.Table).str("NewName", o.NewName).String(), nil
}

// Apply adds the table to m.
func (o CreateTable) Apply(m *model.MetaData) error {
	if o.Table == nil {
		return missing("table definition", "Table")
	}
	if err := needTable(o.Table.Name); err != nil {
		return err
	}
	if namedExactly(m.Tables, tableName, qualified(o.Table.Schema, o.Table.Name)) {
		return fmt.Errorf("table %q already exists", o.Table.QualifiedName())
	}
	m.Tables = append(m.Tables, o.Table.Clone())
	return nil
}

// Apply removes the table from m.
func (o DropTable) Apply(m *model.MetaData) error {
	if _, err := modelTable(m, o.Schema, o.Table); err != nil {
		return err
	}
	i := tableIndex(m, o.Schema, o.Table)
	m.Tables = slices.Delete(m.Tables, i, i+1)
	return nil
}

// Apply renames the table in m, and the references of foreign keys to it.
func (o RenameTable) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.NewName == "" {
		return missing("new table name", "NewName")
	}
	if o.NewName != t.Name && namedExactly(m.Tables, tableName, qualified(t.Schema, o.NewName)) {
		return fmt.Errorf("table %q already exists", qualified(t.Schema, o.NewName))
	}
	referencing(m, t, func(fk *model.ForeignKey) { fk.RefTable = o.NewName })
	t.Name = o.NewName
	return nil
}
