package inspect_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// TestPostgresPoolAgreesWithTransaction inspects each realistic PostgreSQL
// schema on the pool (inspect.Database: transactions sharing one
// snapshot, queries at the same time), on pools that allow one and two
// connections (the inspection must neither wait for a connection it holds
// nor differ), and in a caller's transaction (queries one after another),
// and wants the same model, byte for byte, every time.
func TestPostgresPoolAgreesWithTransaction(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", "postgres", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no schema files in testdata/schemas/postgres")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := openFresh(t, "postgres")
			execAll(ctx, t, db, loadSchemaFile(t, file, db.Dialect.Capabilities().Syntax)...)
			opts := postgresAllSchemas(ctx, t, db)
			want := jsonOf(t, inspectDB(ctx, t, db, opts))

			in, err := inspect.For(db.Dialect)
			if err != nil {
				t.Fatal(err)
			}
			tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback() //nolint:errcheck // read-only
			md, err := in.Inspect(ctx, tx, opts)
			if err != nil {
				t.Fatalf("inspect in a transaction: %v", err)
			}
			if got := jsonOf(t, md); got != want {
				t.Errorf("in a transaction, the model differs from the pool's:\n%s", lineDiff(want, got))
			}
			for _, limit := range []int{1, 2} {
				small, err := dialect.OpenURL(ctx, db.URL)
				if err != nil {
					t.Fatal(err)
				}
				small.SetMaxOpenConns(limit)
				cq := &testdb.CountingQuerier{Q: small.DB}
				md, err := in.Inspect(ctx, cq, opts)
				small.Close()
				if err != nil {
					t.Fatalf("inspect on a pool of %d connections: %v", limit, err)
				}
				if got := jsonOf(t, md); got != want {
					t.Errorf("on a pool of %d connections, the model differs:\n%s", limit, lineDiff(want, got))
				}
			}
		})
	}
}

// jsonOf returns a model as indented JSON.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
