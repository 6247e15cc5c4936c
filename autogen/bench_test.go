package autogen_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// benchTables is the size of the benchmark schema: 1,000 tables, or
// $MIGRATE_BENCH_TABLES.
func benchTables() int {
	if n, err := strconv.Atoi(os.Getenv("MIGRATE_BENCH_TABLES")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// benchDatabase creates the benchmark schema in a fresh database.
func benchDatabase(ctx context.Context, b *testing.B, name string, md *model.MetaData) *dialect.DB {
	b.Helper()
	db, _ := testdb.Open(b, name)
	if name == "sqlite" {
		db.SetMaxOpenConns(1)
		for _, s := range []string{"PRAGMA synchronous = OFF", "PRAGMA journal_mode = MEMORY"} {
			if _, err := db.ExecContext(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
	}
	stmts, err := dialect.CreateAll(db.Dialect, md)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			b.Fatalf("%v\nstatement: %s", err, s)
		}
	}
	return db
}

// BenchmarkCheck is what `migrate check` does with a Go model, without
// the process: inspect the live database holding the benchmark schema
// and compare it with the model (no change found), reporting the queries
// sent to the database per check (queries/op).
//
//	go test ./autogen -run '^$' -bench '^BenchmarkCheck$' -benchtime 5x
func BenchmarkCheck(b *testing.B) {
	n := benchTables()
	for _, name := range testdb.Dialects {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			target := schemagen.CompareWorkload(n)
			db := benchDatabase(ctx, b, name, target)
			in, err := inspect.For(db.Dialect)
			if err != nil {
				b.Fatal(err)
			}
			cq := &testdb.CountingQuerier{Q: db.DB}
			b.ResetTimer()
			for b.Loop() {
				current, err := in.Inspect(ctx, cq, inspect.Options{})
				if err != nil {
					b.Fatal(err)
				}
				res, err := autogen.Compare(current, target, autogen.Options{Dialect: db.Dialect})
				if err != nil {
					b.Fatal(err)
				}
				if !res.Empty() {
					b.Fatalf("the database compares unequal to its model:\n%s", describe(res.Ops))
				}
			}
			b.ReportMetric(float64(cq.Count())/float64(b.N), "queries/op")
		})
	}
}

// BenchmarkScratchModel is the extra cost of a SQL model: a scratch
// database (a temporary database on the PostgreSQL and MariaDB servers,
// in memory for SQLite) created, loaded with the benchmark schema's SQL
// file, inspected and dropped.
//
//	go test ./autogen -run '^$' -bench '^BenchmarkScratchModel$' -benchtime 3x
func BenchmarkScratchModel(b *testing.B) {
	n := benchTables()
	for _, name := range testdb.Dialects {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			tg := testdb.New(b, name)
			d, err := dialect.ForName(name)
			if err != nil {
				b.Fatal(err)
			}
			stmts, err := dialect.CreateAll(d, schemagen.CompareWorkload(n))
			if err != nil {
				b.Fatal(err)
			}
			file := filepath.Join(b.TempDir(), "schema.sql")
			if err := os.WriteFile(file, []byte(dialect.Script(d, stmts)), 0o644); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				md, err := scratchdb.LoadModel(ctx, tg.URL, "", []scratchdb.File{{Path: file, Name: "schema.sql"}}, inspect.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(md.Tables) != n {
					b.Fatalf("scratch model has %d tables, want %d", len(md.Tables), n)
				}
			}
		})
	}
}
