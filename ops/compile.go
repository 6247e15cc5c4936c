package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// tableRef returns a table carrying only its schema and name, which is all
// most dialect methods read.
func tableRef(schema, name string) *model.Table { return &model.Table{Schema: schema, Name: name} }

// alterTarget returns the table handed to the dialect's Alterer. Most
// databases need only its name. A database whose ALTER is limited (no
// AddConstraint, like SQLite) refuses some changes depending on the rest
// of the table, so it gets the whole definition when one is at hand: the
// enclosing batch's CopyFrom, or the live table.
func alterTarget(ctx context.Context, c *Context, schema, table string) *model.Table {
	if c.Dialect.Capabilities().AddConstraint {
		return tableRef(schema, table)
	}
	if s, ok := batchFrom(ctx); ok && s.copyFrom != nil {
		t := s.copyFrom.Clone()
		t.Schema, t.Name = schema, table
		return t
	}
	if c.LiveTable != nil {
		if t, err := c.LiveTable(ctx, schema, table); err == nil && t != nil {
			return t.Clone()
		}
	}
	return tableRef(schema, table)
}

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

// alterOrRebuild compiles a change to table (schema, table) with the
// dialect's Alterer. When the database's ALTER cannot make it — the
// dialect has no Alterer, or it returns a *dialect.UnsupportedError while
// the database lacks the ALTER capability can, or lacks AddConstraint (the
// mark of an ALTER as limited as SQLite's) — and mutate is not nil, the
// table is rebuilt by move and copy with mutate applied to its definition.
// Other errors, and refusals by a database whose ALTER could make such a
// change, are returned as they are.
func alterOrRebuild(ctx context.Context, c *Context, schema, table string, can bool,
	compile func(a dialect.Alterer) ([]string, error), mutate func(t *model.Table) error) ([]Statement, error) {
	a, ok := c.Dialect.(dialect.Alterer)
	var err error
	if ok {
		sqls, cerr := compile(a)
		if cerr == nil {
			return statements(sqls, nil)
		}
		var ue *dialect.UnsupportedError
		if !errors.As(cerr, &ue) {
			return nil, cerr
		}
		err = cerr
	} else {
		err = fmt.Errorf("the %s dialect cannot alter tables", c.Dialect.Name())
	}
	fullAlter := can && c.Dialect.Capabilities().AddConstraint
	if mutate == nil || (ok && fullAlter) {
		return nil, err
	}
	stmts, rerr := rebuildTable(ctx, c, schema, table, mutate)
	if rerr != nil {
		return nil, fmt.Errorf("%w; rebuilding the table instead: %w", err, rerr)
	}
	return stmts, nil
}

// dialectOrRebuild is alterOrRebuild for changes the Dialect interface
// itself compiles (foreign keys).
func dialectOrRebuild(ctx context.Context, c *Context, schema, table string, can bool,
	compile func(d dialect.Dialect) ([]string, error), mutate func(t *model.Table) error) ([]Statement, error) {
	sqls, err := compile(c.Dialect)
	if err == nil {
		return statements(sqls, nil)
	}
	var ue *dialect.UnsupportedError
	if !errors.As(err, &ue) || mutate == nil || (can && c.Dialect.Capabilities().AddConstraint) {
		return nil, err
	}
	stmts, rerr := rebuildTable(ctx, c, schema, table, mutate)
	if rerr != nil {
		return nil, fmt.Errorf("%w; rebuilding the table instead: %w", err, rerr)
	}
	return stmts, nil
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

// columnIndex returns the position of a column in t, or an error naming
// the table when it has none of that name.
func columnIndex(t *model.Table, name string) (int, error) {
	for i, c := range t.Columns {
		if c.Name == name {
			return i, nil
		}
	}
	return -1, fmt.Errorf("table %q has no column %q", t.QualifiedName(), name)
}
