package runner

import (
	"context"
	"fmt"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/scriptdir"
)

// emptyRevisionsGraph returns a line of n SQL revisions without
// statements: running them costs only the runner's own work per revision.
func emptyRevisionsGraph(b *testing.B, n int) *Set {
	b.Helper()
	revs := make([]*scriptdir.Script, n)
	for i := range revs {
		src := fmt.Sprintf("-- migrate:id r%05d\n", i+1)
		if i > 0 {
			src += fmt.Sprintf("-- migrate:revises r%05d\n", i)
		}
		src += "\n-- migrate:upgrade\n\n-- migrate:downgrade\n"
		rev, err := scriptdir.ParseRevisionFile(fmt.Sprintf("r%05d.sql", i+1), []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		revs[i] = rev
	}
	g, err := NewSet(revs, nil)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkUpgradeEmpty1000 upgrades 1,000 empty revisions to head and
// downgrades them to base, in the default mode (a transaction per
// revision: savepoints of a shared transaction), on a SQLite file and on
// the PostgreSQL and MariaDB test servers when MIGRATE_TEST_*_URL name
// them: the runner's overhead per revision (µs/step, over 2,000 steps).
//
//	go test ./runner -run XXX -bench UpgradeEmpty1000 -benchtime 3x
func BenchmarkUpgradeEmpty1000(b *testing.B) {
	ctx := context.Background()
	g := emptyRevisionsGraph(b, 1000)
	for _, name := range testdb.Dialects {
		b.Run(name, func(b *testing.B) {
			db, _ := testdb.Open(b, name)
			r, err := NewRunner(db, g)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := r.Upgrade(ctx, "head"); err != nil {
					b.Fatal(err)
				}
				if _, err := r.Downgrade(ctx, "base"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*2000), "µs/step")
		})
	}
}
