package ops

// Helpers shared by the integration tests of this package (package ops)
// and of ops_test, which reaches them by their exported names: reading a
// live table and the whole schema as the runner does, and checking that
// an operation's inverse brings the schema back.

import (
	"context"
	"errors"
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
func liveTable(d dialect.Dialect, q dialect.Querier) func(ctx context.Context, schema, name string) (*model.Table, error) {
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

// InspectNormalized inspects the whole database (the schemas given, or the
// default one) and normalises the model for its dialect, failing the test
// on error.
func InspectNormalized(t testing.TB, db *dialect.DB, schemas ...string) *model.MetaData {
	t.Helper()
	md, err := inspect.Database(context.Background(), db, inspect.Options{Schemas: schemas})
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return dialect.Normalize(db.Dialect, md)
}

// RunReverse runs rev, the inverse of op, with o and checks that the
// schema of db (in the schemas given, or the default one) is then what it
// was before op.
func RunReverse(t testing.TB, o *Op, db *dialect.DB, op, rev Operation, before *model.MetaData, schemas ...string) {
	t.Helper()
	if err := o.Run(context.Background(), rev); err != nil {
		t.Fatalf("run the reverse %s: %v", rev.Name(), err)
	}
	after := InspectNormalized(t, db, schemas...)
	if diff := modeltest.Diff(before, after); diff != "" {
		t.Fatalf("schema after %s and %s differs from before:\n%s", op.Name(), rev.Name(), diff)
	}
}

// ExpectApplied checks that op applied to before, the schema the database
// had before running it, is the schema the database has after it: after,
// inspected and normalised. Lint and `migrate test` follow the schema by
// Apply, so this must hold for every schema operation on every database.
// An operation that is not a SchemaChanger must say so with an
// *UnknownChangeError; it reports false then (nothing was compared).
func ExpectApplied(t testing.TB, d dialect.Dialect, before *model.MetaData, op Operation, after *model.MetaData) bool {
	t.Helper()
	m := before.Clone()
	err := Apply(m, op)
	var ue *UnknownChangeError
	if _, ok := op.(SchemaChanger); !ok {
		if !errors.As(err, &ue) {
			t.Fatalf("apply %s: err = %v, want an *UnknownChangeError", op.Name(), err)
		}
		return false
	}
	if err != nil {
		t.Fatalf("apply %s to the model: %v", op.Name(), err)
	}
	if diff := modeltest.Diff(comparable(d, dialect.Normalize(d, m)), comparable(d, after)); diff != "" {
		t.Fatalf("%s applied to the model differs from the database after running it (want: applied, got: inspected):\n%s", op.Name(), diff)
	}
	t.Logf("apply == inspect on %s: %s", d.Name(), op.Name())
	return true
}

// comparable returns a copy of md without what Apply cannot know and the
// inspectors report in the database's own form: view definitions (opaque
// SQL, which the server rewrites: PostgreSQL qualifies and casts, MySQL
// quotes and lower-cases) are compared by name only; and the minimum of an
// ascending sequence, 1 by default, is left out as the inspectors leave it
// (dialect.Normalize does not yet). Where enums are column types (MySQL,
// SQLite), the enum types of the model are left out: the inspectors report
// none, and the columns carry the values.
func comparable(d dialect.Dialect, md *model.MetaData) *model.MetaData {
	md = md.Clone()
	if !d.Capabilities().NamedEnumTypes {
		md.Enums = nil
	}
	for _, v := range md.Views {
		v.Definition = ""
	}
	for _, s := range md.Sequences {
		if s.Increment >= 0 && s.MinValue != nil && *s.MinValue == 1 {
			s.MinValue = nil
		}
	}
	return md
}
