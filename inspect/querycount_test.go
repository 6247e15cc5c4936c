package inspect_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// createWorkload creates tables first…first+n-1 of the benchmark workload.
func createWorkload(ctx context.Context, t testing.TB, db *dialect.DB, first, n int) *model.MetaData {
	t.Helper()
	md := schemagen.Workload(first, n)
	if first > 0 {
		// The first new table references the last existing one.
		md.Tables[0].ForeignKeys = nil
	}
	stmts, err := dialect.CreateAll(db.Dialect, md)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement: %s", err, s)
		}
	}
	return md
}

func inspectCounting(ctx context.Context, t testing.TB, db *dialect.DB) (*model.MetaData, int64) {
	t.Helper()
	in, err := inspect.For(db.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	cq := &testdb.CountingQuerier{Q: db.DB}
	md, err := in.Inspect(ctx, cq, inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return md, cq.Count()
}

// TestQueryCountConstant checks that inspection issues the same number of
// catalog queries for 10 tables as for 1,000 on the server databases.
func TestQueryCountConstant(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 1,000 tables; skipped with -short")
	}
	for _, name := range []string{"postgres", "mysql"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			createWorkload(ctx, t, db, 0, 10)
			small, n10 := inspectCounting(ctx, t, db)
			if len(small.Tables) != 10 {
				t.Fatalf("inspected %d tables, want 10", len(small.Tables))
			}
			createWorkload(ctx, t, db, 10, 990)
			big, n1000 := inspectCounting(ctx, t, db)
			if len(big.Tables) != 1000 {
				t.Fatalf("inspected %d tables, want 1000", len(big.Tables))
			}
			t.Logf("%s: %d queries for 10 tables, %d for 1,000", name, n10, n1000)
			if n10 != n1000 {
				t.Errorf("%s: %d queries for 10 tables but %d for 1,000; want the same", name, n10, n1000)
			}
		})
	}
}
