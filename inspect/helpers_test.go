package inspect_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// execAll runs statements on db, failing the test on the first error.
func execAll(ctx context.Context, t testing.TB, db *dialect.DB, stmts ...string) {
	t.Helper()
	// One connection, as a migration has: a session setting (SET
	// sql_mode) applies to the statements after it.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement:\n%s", err, s)
		}
	}
}

// inspectDB inspects db with opts, failing the test on error.
func inspectDB(ctx context.Context, t testing.TB, db *dialect.DB, opts inspect.Options) *model.MetaData {
	t.Helper()
	md, err := inspect.Database(ctx, db, opts)
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	return md
}
