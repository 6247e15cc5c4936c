package scratchdb

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// BenchmarkScratchDatabase measures what a SQL model costs check and
// autogenerate on each database: making and removing the scratch database
// (open-close), and the whole LoadModel of the shop model of
// internal/autogenerate (four tables, applied and inspected).
//
//	go test -run - -bench ScratchDatabase ./internal/scratchdb
func BenchmarkScratchDatabase(b *testing.B) {
	ctx := context.Background()
	for _, name := range testdb.Dialects {
		tg := testdb.New(b, name)
		model := []File{{Path: filepath.Join("..", "autogenerate", "testdata", "model", name+".sql"), Name: name + ".sql"}}
		b.Run(name+"/open-close", func(b *testing.B) {
			for b.Loop() {
				s, err := Open(ctx, tg.URL, "")
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/apply-200-tables", func(b *testing.B) {
			var script strings.Builder
			for i := range 200 {
				fmt.Fprintf(&script, "CREATE TABLE t%d (id integer NOT NULL PRIMARY KEY, a varchar(20), b integer);\nCREATE INDEX ix_t%d_b ON t%d (b);\n", i, i, i)
			}
			for b.Loop() {
				s, err := Open(ctx, tg.URL, "")
				if err != nil {
					b.Fatal(err)
				}
				if err := s.ApplyScript(ctx, "gen.sql", script.String()); err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/load-model", func(b *testing.B) {
			for b.Loop() {
				if _, err := LoadModel(ctx, tg.URL, "", model, inspect.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
