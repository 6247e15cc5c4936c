package autogen

import (
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/model"
)

// BenchmarkCompare1000 compares the benchmark workload (1,000 tables of
// ten columns, two indexes and a foreign key each) on each dialect: with
// itself (the case of `migrate check` after an upgrade), and with an empty
// database (a baseline revision).
func BenchmarkCompare1000(b *testing.B) {
	md := schemagen.Workload(0, 1000)
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		d := mustDialect(b, name)
		b.Run(name+"/equal", func(b *testing.B) {
			for b.Loop() {
				res, err := Compare(md, md, Options{Dialect: d})
				if err != nil || !res.Empty() {
					b.Fatalf("compare: %v, %d operations", err, len(res.Ops))
				}
			}
		})
		b.Run(name+"/from-empty", func(b *testing.B) {
			for b.Loop() {
				res, err := Compare(&model.MetaData{}, md, Options{Dialect: d})
				if err != nil || len(res.Ops) != 1000 {
					b.Fatalf("compare: %v, %d operations", err, len(res.Ops))
				}
			}
		})
	}
}

// BenchmarkNormalize1000 is the part of BenchmarkCompare1000/*/equal
// spent normalising the two models (dialect.Normalize), for comparison.
func BenchmarkNormalize1000(b *testing.B) {
	md := schemagen.Workload(0, 1000)
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		d := mustDialect(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				dialect.Normalize(d, md)
				dialect.Normalize(d, md)
			}
		})
	}
}
