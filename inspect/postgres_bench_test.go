package inspect_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// BenchmarkInspectPostgres inspects the benchmark workload (ten columns,
// two indexes and one foreign key per table) of 100 and 1,000 tables:
//
//	go test ./inspect -run '^$' -bench InspectPostgres -benchtime 20x
func BenchmarkInspectPostgres(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			db, _ := testdb.Open(b, "postgres")
			// Runs before testdb's DROP SCHEMA … CASCADE, which would need
			// more locks than a default server has for 1,000 tables.
			b.Cleanup(func() { dropWorkload(ctx, b, db, n) })
			createWorkload(ctx, b, db, 0, n)
			in, err := inspect.For(db.Dialect)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				md, err := in.Inspect(ctx, db.DB, inspect.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(md.Tables) != n {
					b.Fatalf("inspected %d tables, want %d", len(md.Tables), n)
				}
			}
		})
	}
}

// dropWorkload drops the workload's tables, newest first, a hundred per
// transaction.
func dropWorkload(ctx context.Context, tb testing.TB, db *dialect.DB, n int) {
	for hi := n; hi > 0; hi -= 100 {
		stmt := "DROP TABLE IF EXISTS "
		for i := hi - 1; i >= max(0, hi-100); i-- {
			if i < hi-1 {
				stmt += ", "
			}
			stmt += fmt.Sprintf("t%04d", i)
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			tb.Errorf("drop workload: %v", err)
			return
		}
	}
}
