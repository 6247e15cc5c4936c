package migratetest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/migratego/migrate"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/migratetest"
)

// benchProject returns n SQL revisions shaped like bench/gen_revisions.go:
// a main line in which every 10th revision starts a two-revision side
// branch that the next one merges back. Each revision creates a table
// with an index, and main-line revisions add a column to the previous
// table, so the schema grows as the walk goes on.
func benchProject(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	id := func(i int) string { return fmt.Sprintf("r%06d", i) }
	write := func(i int, revises []string, extra string) {
		var up, down strings.Builder
		fmt.Fprintf(&up, "CREATE TABLE t_%d (id integer PRIMARY KEY, note varchar(100), n integer NOT NULL DEFAULT 0);\n", i)
		fmt.Fprintf(&up, "CREATE INDEX ix_t_%d_note ON t_%d (note);\n", i, i)
		up.WriteString(extra)
		fmt.Fprintf(&down, "DROP TABLE t_%d;\n", i)
		if extra != "" {
			fmt.Fprintf(&down, "ALTER TABLE t_%d DROP COLUMN extra;\n", i-1)
		}
		src := fmt.Sprintf("-- migrate:id %s\n-- migrate:revises %s\n-- migrate:message rev %d\n\n-- migrate:upgrade\n%s\n-- migrate:downgrade\n%s",
			id(i), strings.Join(revises, " "), i, up.String(), down.String())
		fsys[id(i)+".sql"] = &fstest.MapFile{Data: []byte(src)}
	}
	prev := ""
	for i := 1; i <= n; i++ {
		var revises []string
		if prev != "" {
			revises = []string{prev}
		}
		switch {
		case i%10 == 1 && i > 1 && i+2 <= n:
			// a side branch off prev: i and i+1 on it, i+2 merges.
			write(i, revises, "")
			write(i+1, []string{id(i)}, "")
			write(i+2, []string{prev, id(i + 1)}, "")
			prev = id(i + 2)
			i += 2
			continue
		case i > 1:
			write(i, revises, fmt.Sprintf("ALTER TABLE t_%d ADD COLUMN extra integer;\n", i-1))
		default:
			write(i, revises, "")
		}
		prev = id(i)
	}
	return fsys
}

// BenchmarkStairway100 is the stairway of 100 revisions on an in-memory
// SQLite database: 300 steps and 300 inspections (see bench/README.md).
func BenchmarkStairway100(b *testing.B) {
	src := migrate.Source{FS: benchProject(100)}
	set, err := src.Set()
	if err != nil {
		b.Fatal(err)
	}
	if n := set.Graph().Len(); n != 100 {
		b.Fatalf("%d revisions, want 100", n)
	}
	ctx := context.Background()
	for b.Loop() {
		db, err := dialect.Open(ctx, "sqlite::memory:")
		if err != nil {
			b.Fatal(err)
		}
		res, err := migratetest.Run(ctx, db, set)
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Revisions) != 100 {
			b.Fatalf("%d revisions tested", len(res.Revisions))
		}
	}
}
