package inspect_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// splitMySQLScript splits a schema file into statements: a statement ends
// on a line ending with ';'. Lines starting with "--" are comments. (The
// real statement lexer lives in versions; these files need no more.)
func splitMySQLScript(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "--")) {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

func mysqlExecAll(ctx context.Context, t *testing.T, db *dialect.DB, stmts []string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement:\n%s", err, s)
		}
	}
}

// TestMySQLIdempotence loads each realistic schema of
// testdata/schemas/mysql into a fresh database, inspects it, creates the
// inspected model in a second fresh database with dialect.CreateAll, and
// inspects that: both inspections must be equal, view definitions
// included. This is what autogenerate relies on to report nothing after
// an upgrade.
func TestMySQLIdempotence(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", "mysql", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no schema files in testdata/schemas/mysql")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			first, _ := testdb.Open(t, "mysql")
			mysqlExecAll(ctx, t, first, splitMySQLScript(string(src)))
			md1, err := inspect.Database(ctx, first, inspect.Options{})
			if err != nil {
				t.Fatalf("inspect: %v", err)
			}
			mysqlCheckRealistic(t, md1)

			d := first.Dialect
			create, err := dialect.CreateAll(d, md1)
			if err != nil {
				t.Fatalf("CreateAll of the inspected model: %v", err)
			}
			second, _ := testdb.Open(t, "mysql")
			mysqlExecAll(ctx, t, second, create)
			md2, err := inspect.Database(ctx, second, inspect.Options{})
			if err != nil {
				t.Fatalf("inspect again: %v", err)
			}
			if diff := modeltest.Diff(dialect.Normalize(d, md1), dialect.Normalize(d, md2)); diff != "" {
				t.Fatalf("the model does not survive CreateAll and inspect:\n%s\nstatements:\n%s", diff, strings.Join(create, ";\n"))
			}
			// Normalize leaves options alone, and modeltest.Diff ignores
			// them: compare them here.
			for _, t1 := range md1.Tables {
				for _, t2 := range md2.Tables {
					if t1.Name == t2.Name && !mysqlEqualOptions(t1.Options, t2.Options) {
						t.Errorf("table %s: options %v, then %v", t1.Name, t1.Options, t2.Options)
					}
				}
			}
		})
	}
}

func mysqlEqualOptions(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// mysqlCheckRealistic spot-checks that the features the schema files use were
// read at all, so that the idempotence test cannot pass on an empty model.
func mysqlCheckRealistic(t *testing.T, md *model.MetaData) {
	t.Helper()
	if len(md.Tables) < 4 || len(md.Views) == 0 {
		t.Fatalf("inspected %d tables and %d views; the schema files have more", len(md.Tables), len(md.Views))
	}
	var enums, fks, composite, prefix, generated, comments int
	for _, tb := range md.Tables {
		if tb.Comment != "" {
			comments++
		}
		for _, c := range tb.Columns {
			if c.Type.Kind == model.KindEnum {
				enums++
			}
			if c.Generated != nil {
				generated++
			}
		}
		for _, fk := range tb.ForeignKeys {
			fks++
			if len(fk.Columns) > 1 {
				composite++
			}
		}
		for _, ix := range tb.Indexes {
			for _, p := range ix.Parts {
				if p.Length > 0 {
					prefix++
				}
			}
		}
	}
	if enums == 0 || fks == 0 || composite == 0 || prefix == 0 || generated == 0 || comments == 0 {
		t.Errorf("features missing from the inspection: %d enums, %d foreign keys (%d composite), %d prefix keys, %d generated columns, %d table comments",
			enums, fks, composite, prefix, generated, comments)
	}
}
