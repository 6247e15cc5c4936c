package migratetest

import (
	"context"
	"database/sql"
	"strings"

	"github.com/migratego/migrate"
	"github.com/migratego/migrate/dialect"
)

// TB is the part of testing.TB that Stairway uses (*testing.T and
// *testing.B satisfy it).
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Context() context.Context
}

// Stairway runs the stairway test (see Run) of the revisions of source on
// db and fails t with the failing revision, its file and the schema diff.
// db must be a scratch database: empty of revisions, and left at the
// heads. An in-memory SQLite database must be limited to one connection
// (db.SetMaxOpenConns(1)), so that every statement sees it. Go revisions
// run from source.Registry, compiled into the test binary.
func Stairway(t TB, db *sql.DB, source migrate.Source, opts ...Option) *Result {
	t.Helper()
	ctx := t.Context()
	set, err := source.Set()
	if err != nil {
		t.Fatalf("stairway: load the revisions: %v", err)
		return nil
	}
	d, err := dialect.Detect(ctx, db)
	if err != nil {
		t.Fatalf("stairway: %v", err)
		return nil
	}
	res, err := Run(ctx, &dialect.DB{DB: db, Dialect: d}, set, opts...)
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "stairway") { // Run's own errors and a runner failure say it already
			msg = "stairway: " + msg
		}
		t.Fatalf("%s", msg)
	}
	return res
}
