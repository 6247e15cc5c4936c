package inspect_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
)

// splitSQLFile splits a schema file into statements: a statement ends
// with a line whose last character (trailing white space aside) is ';'.
func splitSQLFile(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var stmts []string
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(line, ";") {
			stmts = append(stmts, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rest := strings.TrimSpace(cur.String()); rest != "" {
		stmts = append(stmts, rest)
	}
	return stmts
}

// TestSQLiteIdempotence loads realistic, hand-written schemas, inspects
// them, recreates the inspected model with the dialect in a fresh
// database, inspects that, and expects the same model: what autogenerate
// reads from a database it can write back without losing anything.
func TestSQLiteIdempotence(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", "sqlite", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no schema files under testdata/schemas/sqlite")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ctx := context.Background()
			first, _ := testdb.Open(t, "sqlite")
			sqliteExec(ctx, t, first, splitSQLFile(t, file)...)
			md1 := sqliteInspect(ctx, t, first, inspect.Options{})
			if len(md1.Tables) == 0 || len(md1.Views) == 0 {
				t.Fatalf("inspected %d tables and %d views; the file has both", len(md1.Tables), len(md1.Views))
			}

			stmts, err := dialect.CreateAll(first.Dialect, md1)
			if err != nil {
				t.Fatalf("CreateAll of the inspected model: %v", err)
			}
			second, _ := testdb.Open(t, "sqlite")
			sqliteExec(ctx, t, second, stmts...)
			md2 := sqliteInspect(ctx, t, second, inspect.Options{})

			d := first.Dialect
			if diff := modeltest.Diff(dialect.Normalize(d, md1), dialect.Normalize(d, md2)); diff != "" {
				t.Fatalf("the recreated schema inspects differently:\n%s\nstatements:\n%s", diff, strings.Join(stmts, ";\n"))
			}
		})
	}
}
