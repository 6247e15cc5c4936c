package ops

// Helpers shared by the integration tests of this package (package ops)
// and of ops_test, which reaches them by their exported names: reading a
// live table and the whole schema as the runner does, and checking that
// an operation's inverse brings the schema back.

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/model"
)

// liveTableWith returns a LiveTable function that reads the one table
// with read (the table's name as the include glob, its schema as the
// only schema when given).
func liveTableWith(read func(ctx context.Context, opts inspect.Options) (*model.MetaData, error)) func(ctx context.Context, schema, name string) (*model.Table, error) {
	return func(ctx context.Context, schema, name string) (*model.Table, error) {
		opts := inspect.Options{Include: []string{name}}
		if schema != "" {
			opts.Schemas = []string{schema}
		}
		md, err := read(ctx, opts)
		if err != nil {
			return nil, err
		}
		return md.Table(schema, name), nil
	}
}

// liveTable reads a table's definition with the dialect's inspector
// through q (the migration's own transaction, as the runner does).
func liveTable(d dialect.Dialect, q inspect.Querier) func(ctx context.Context, schema, name string) (*model.Table, error) {
	return liveTableWith(func(ctx context.Context, opts inspect.Options) (*model.MetaData, error) {
		in, err := inspect.For(d)
		if err != nil {
			return nil, err
		}
		return in.Inspect(ctx, q, opts)
	})
}

// LiveTableOf is a LiveTable function reading one table of db with
// inspect.Database, as the runner does outside a transaction.
func LiveTableOf(db *dialect.DB) func(ctx context.Context, schema, name string) (*model.Table, error) {
	return liveTableWith(func(ctx context.Context, opts inspect.Options) (*model.MetaData, error) {
		return inspect.Database(ctx, db, opts)
	})
}

// InspectNormalized inspects the whole database and normalises the model
// for its dialect, failing the test on error.
func InspectNormalized(t testing.TB, db *dialect.DB) *model.MetaData {
	t.Helper()
	md, err := inspect.Database(context.Background(), db, inspect.Options{})
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return dialect.Normalize(db.Dialect, md)
}

// RunReverse runs rev, the inverse of op, with o and checks that the
// schema of db is then what it was before op.
func RunReverse(t testing.TB, o *Op, db *dialect.DB, op, rev Operation, before *model.MetaData) {
	t.Helper()
	if err := o.Run(context.Background(), rev); err != nil {
		t.Fatalf("run the reverse %s: %v", rev.Name(), err)
	}
	after := InspectNormalized(t, db)
	if diff := modeltest.Diff(before, after); diff != "" {
		t.Fatalf("schema after %s and %s differs from before:\n%s", op.Name(), rev.Name(), diff)
	}
}
