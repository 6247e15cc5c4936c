package ops

import (
	"context"

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

// rebuildTable returns the statements that rebuild table (schema, name)
// by move-and-copy after mutate has changed a copy of its live definition:
// create the new table under a temporary name, copy the rows of the
// columns both share, drop the old table, rename the new one, recreate
// indexes — with foreign-key enforcement handled so that the rebuild never
// cascades deletes. Operations call it when the dialect's ALTER cannot make
// a change and the mode allows a rebuild.
//
// The SQLite batch implementation replaces this placeholder.
func rebuildTable(ctx context.Context, c *Context, schema, name string, mutate func(t *model.Table) error) ([]Statement, error) {
	return nil, dialect.Unsupported(c.Dialect.Name(), "table "+name, "a batch (move and copy) rebuild", "")
}
