package inspect_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// openFastSQLite opens a fresh SQLite database on one connection that does
// not wait for the disk, so that creating 1,000 tables takes a moment
// rather than seconds; inspection is not affected.
func openFastSQLite(ctx context.Context, t testing.TB) *dialect.DB {
	t.Helper()
	db, _ := testdb.Open(t, "sqlite")
	db.SetMaxOpenConns(1)
	execAll(ctx, t, db, "PRAGMA synchronous = OFF", "PRAGMA journal_mode = MEMORY")
	return db
}

// TestSQLiteQueryCount checks that inspecting SQLite takes the same
// number of queries for 10 tables as for 1,000, and that every table of
// the 1,000 is read whole.
func TestSQLiteQueryCount(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 1,000 tables; skipped with -short")
	}
	ctx := context.Background()
	db := openFastSQLite(ctx, t)
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
	if n10 != n1000 {
		t.Errorf("%d queries for 10 tables but %d for 1,000; want the same", n10, n1000)
	}
	fks := 0
	for _, tb := range big.Tables {
		fks += len(tb.ForeignKeys)
		if len(tb.Columns) != 10 || len(tb.Indexes) != 2 {
			t.Fatalf("table %s: %d columns and %d indexes; want 10 and 2", tb.Name, len(tb.Columns), len(tb.Indexes))
		}
	}
	// createWorkload leaves out the foreign key of the first table of the
	// second batch.
	if fks != 999 {
		t.Errorf("%d foreign keys, want 999", fks)
	}
}
