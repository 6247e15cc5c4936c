package inspect_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// BenchmarkInspectMySQL inspects the benchmark workload (ten columns, two
// indexes and one foreign key per table) at 100 and 1,000 tables, in the
// read-only transaction inspect.Database uses. The database grows from the
// first size to the second, so the 1,000 tables are created once.
//
//	go test ./inspect -run '^$' -bench InspectMySQL -benchtime 10x
func BenchmarkInspectMySQL(b *testing.B) {
	ctx := context.Background()
	db, _ := testdb.Open(b, "mysql")
	have := 0
	for _, n := range []int{100, 1000} {
		createWorkload(ctx, b, db, have, n-have)
		have = n
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				md, err := inspect.Database(ctx, db, inspect.Options{})
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
