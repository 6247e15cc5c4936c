package ops

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/model"
)

// tableRef returns a table carrying only its schema and name, which is all
// most dialect methods read.
func tableRef(schema, name string) *model.Table { return &model.Table{Schema: schema, Name: name} }

// missing reports a required field left empty.
func missing(what, field string) error {
	return fmt.Errorf("the %s is missing (set %s)", what, field)
}

// needTable checks that an operation names its table.
func needTable(table string) error {
	if table == "" {
		return missing("table name", "Table")
	}
	return nil
}

// liveColumn reads a column's current definition through c.LiveTable, or
// returns nil when there is no live access (offline) or no such column.
func liveColumn(ctx context.Context, c *Context, schema, table, column string) (*model.Column, error) {
	if c.LiveTable == nil {
		return nil, nil
	}
	t, err := c.LiveTable(ctx, schema, table)
	if err != nil {
		return nil, fmt.Errorf("reading table %q: %w", qualified(schema, table), err)
	}
	if t == nil {
		return nil, nil
	}
	if col := t.Column(column); col != nil {
		return col.Clone(), nil
	}
	return nil, nil
}

// qualified names schema.table for messages.
func qualified(schema, table string) string {
	if schema == "" {
		return table
	}
	return schema + "." + table
}
