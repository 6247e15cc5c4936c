package inspect_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// BenchmarkInspect inspects the benchmark workload (ten columns, two
// indexes and one foreign key per table) of 100, 1,000 and, with
// MIGRATE_BENCH_5000=1, 5,000 tables on each database, and reports the
// catalog queries each inspection issues (queries/op). The database grows
// from one size to the next, so each table is created once:
//
//	bash bench/inspect.sh            # or:
//	go test ./inspect -run '^$' -bench Inspect -benchtime 10x
func BenchmarkInspect(b *testing.B) {
	sizes := []int{100, 1000}
	if os.Getenv("MIGRATE_BENCH_5000") == "1" {
		sizes = append(sizes, 5000)
	}
	for _, name := range testdb.Dialects {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			var db *dialect.DB
			if name == "sqlite" {
				db = openFastSQLite(ctx, b)
			} else {
				db, _ = testdb.Open(b, name)
			}
			in, err := inspect.For(db.Dialect)
			if err != nil {
				b.Fatal(err)
			}
			have := 0
			for _, n := range sizes {
				createWorkload(ctx, b, db, have, n-have)
				have = n
				b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
					cq := &testdb.CountingQuerier{Q: db.DB}
					b.ReportAllocs()
					for b.Loop() {
						md, err := in.Inspect(ctx, cq, inspect.Options{})
						if err != nil {
							b.Fatal(err)
						}
						if len(md.Tables) != n {
							b.Fatalf("inspected %d tables, want %d", len(md.Tables), n)
						}
					}
					b.ReportMetric(float64(cq.Count())/float64(b.N), "queries/op")
				})
			}
		})
	}
}
