package ops

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// BatchMode says when a table is rebuilt by move-and-copy (Alembic's
// batch_alter_table recreate option).
type BatchMode int

// Batch modes.
const (
	// RecreateAuto rebuilds only when the database's ALTER cannot make the
	// change (SQLite: type, nullability, constraints).
	RecreateAuto BatchMode = iota
	// RecreateAlways rebuilds for every change.
	RecreateAlways
	// RecreateNever refuses a change the ALTER cannot make.
	RecreateNever
)

// String returns "auto", "always" or "never".
func (m BatchMode) String() string {
	switch m {
	case RecreateAuto:
		return "auto"
	case RecreateAlways:
		return "always"
	case RecreateNever:
		return "never"
	}
	return fmt.Sprintf("BatchMode(%d)", int(m))
}

// goSource returns the mode as a Go expression.
func (m BatchMode) goSource() (string, error) {
	switch m {
	case RecreateAuto:
		return "ops.RecreateAuto", nil
	case RecreateAlways:
		return "ops.RecreateAlways", nil
	case RecreateNever:
		return "ops.RecreateNever", nil
	}
	return "", fmt.Errorf("ops: unknown batch mode %d", int(m))
}

// errNeedsRebuild is what rebuildTable returns while a batch in
// RecreateAuto mode probes whether its operations can do without a
// rebuild.
var errNeedsRebuild = errors.New("batch: the change needs a table rebuild")

// batchScope is what a BatchAlterTable tells the operations it compiles,
// through the context given to their Statements.
// errCaptured is what rebuildTable returns when it only captures an
// operation's mutation.
var errCaptured = errors.New("batch: mutation captured")

type batchScope struct {
	mode BatchMode
	// probe: report a needed rebuild (errNeedsRebuild) instead of
	// building it.
	probe bool
	// copyFrom is the definition to rebuild from instead of the live table.
	copyFrom *model.Table
	// capture receives the mutation of an operation compiled only to
	// learn how it changes the table (see mutation).
	capture *func(t *model.Table) error
}

type batchKey struct{}

func withBatch(ctx context.Context, s batchScope) context.Context {
	return context.WithValue(ctx, batchKey{}, s)
}

func batchFrom(ctx context.Context) (batchScope, bool) {
	s, ok := ctx.Value(batchKey{}).(batchScope)
	return s, ok
}

// rebuildTable returns the statements that rebuild table (schema, name)
// by move-and-copy after mutate has changed a copy of its live definition:
// create the new table under a temporary name, copy the rows of the
// columns both share, drop the old table, rename the new one, recreate
// indexes — with foreign-key enforcement handled so that the rebuild never
// cascades deletes. Operations call it when the dialect's ALTER cannot make
// a change and the mode allows a rebuild.
//
// The definition comes from the enclosing BatchAlterTable's CopyFrom, or
// else from c.LiveTable; offline, without CopyFrom, the rebuild is refused.
// mutate works on a deep copy, and may rename columns (the copy follows a
// column object through its renames), drop them (indexes and constraints
// on a dropped column go with it, as on PostgreSQL), add them and change
// constraints; see planRebuild. The SQL is the dialect's (see
// dialect.Rebuilder, and the SQLite procedure it documents).
func rebuildTable(ctx context.Context, c *Context, schema, name string, mutate func(t *model.Table) error) ([]Statement, error) {
	scope, inBatch := batchFrom(ctx)
	table := qualified(schema, name)
	switch {
	case inBatch && scope.capture != nil:
		*scope.capture = mutate
		return nil, errCaptured
	case inBatch && scope.probe:
		return nil, errNeedsRebuild
	case inBatch && scope.mode == RecreateNever:
		return nil, fmt.Errorf("batch: table %q: the change needs a batch (move and copy) rebuild, which RecreateNever forbids", table)
	}
	rb, ok := c.Dialect.(dialect.Rebuilder)
	if !ok {
		return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("table %q", table), "a batch (move and copy) rebuild",
			"the database's own ALTER TABLE makes such changes")
	}
	base, err := rebuildSource(ctx, c, scope.copyFrom, schema, name)
	if err != nil {
		return nil, err
	}
	plan, err := planRebuild(c.Dialect, base, mutate, !inBatch)
	if err != nil {
		return nil, fmt.Errorf("batch: table %q: %w", table, err)
	}
	sqls, err := rb.RebuildTable(plan)
	if err != nil {
		return nil, fmt.Errorf("batch: table %q: %w", table, err)
	}
	return statements(sqls, nil)
}

// rebuildSource returns the definition a rebuild starts from: copyFrom
// when given (it must be the same table), else the live table.
func rebuildSource(ctx context.Context, c *Context, copyFrom *model.Table, schema, name string) (*model.Table, error) {
	table := qualified(schema, name)
	if copyFrom != nil {
		if !sameTableName(copyFrom, schema, name) {
			return nil, fmt.Errorf("batch: table %q: CopyFrom describes table %q", table, copyFrom.QualifiedName())
		}
		t := copyFrom.Clone()
		t.Schema, t.Name = schema, name
		return t, nil
	}
	if c.LiveTable == nil {
		return nil, fmt.Errorf("batch: table %q must be rebuilt (move and copy), which restates the whole table, "+
			"and offline (--sql) there is no database to read its definition from; wrap the change in "+
			"ops.BatchAlterTable{Table: %q, CopyFrom: &model.Table{…}, Ops: …} giving the table as it is before the change", table, name)
	}
	t, err := c.LiveTable(ctx, schema, name)
	if err != nil {
		return nil, fmt.Errorf("batch: reading table %q: %w", table, err)
	}
	if t == nil {
		return nil, fmt.Errorf("batch: table %q does not exist", table)
	}
	return t.Clone(), nil
}

// sameTableName reports whether t is (schema, name); an empty name or
// schema in t matches, and names compare without regard to case, as
// SQLite's do.
func sameTableName(t *model.Table, schema, name string) bool {
	return (t.Name == "" || strings.EqualFold(t.Name, name)) && (t.Schema == "" || strings.EqualFold(t.Schema, schema))
}
