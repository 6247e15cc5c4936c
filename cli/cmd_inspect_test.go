package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/scriptdir"
)

// loadScript runs a SQL script, split by the dialect's lexer, on db.
func loadScript(t *testing.T, db *dialect.DB, name, script string) {
	t.Helper()
	stmts, err := scriptdir.SplitStatements(script, db.Dialect.Capabilities().Syntax)
	if err != nil {
		t.Fatalf("%s: split: %v", name, err)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s.Text); err != nil {
			t.Fatalf("%s:%d: %v\nstatement:\n%s", name, s.Line, err, s.Text)
		}
	}
}

// everySchema is how each database's inspection reads every user schema.
var everySchema = map[string][]string{"postgres": {"--schema", "*"}}

// TestInspectReloads is the acceptance check of `migrate inspect`: the SQL
// it prints for each realistic schema in testdata/schemas/<db>/ reloads
// into an empty database without error, and the JSON form reads back as a
// model with the same tables.
func TestInspectReloads(t *testing.T) {
	for _, name := range testdb.Dialects {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "schemas", name, "*.sql"))
		if len(files) == 0 {
			t.Errorf("no schema files in testdata/schemas/%s", name)
		}
		for _, file := range files {
			t.Run(name+"/"+filepath.Base(file), func(t *testing.T) {
				t.Parallel()
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				// A database of its own (extensions and schemas are
				// database-wide on PostgreSQL), and every user schema.
				tg := testdb.NewDatabase(t, name)
				db := openTarget(t, tg)
				loadScript(t, db, file, string(src))
				scope := append([]string{"--database-url", tg.URL}, everySchema[name]...)

				dir := t.TempDir()
				code, out, errOut := run(t, dir, nil, append([]string{"inspect", "--format", "sql"}, scope...)...)
				if code != 0 {
					t.Fatalf("inspect --format sql: exit %d: %s", code, errOut)
				}
				fresh := openTarget(t, testdb.NewDatabase(t, name))
				loadScript(t, fresh, "inspect output", out)

				code, js, errOut := run(t, dir, nil, append([]string{"inspect", "--format", "json"}, scope...)...)
				if code != 0 {
					t.Fatalf("inspect --format json: exit %d: %s", code, errOut)
				}
				var md model.MetaData
				if err := json.Unmarshal([]byte(js), &md); err != nil {
					t.Fatalf("inspect --format json: %v", err)
				}
				if len(md.Tables) == 0 {
					t.Errorf("inspect --format json found no tables")
				}

				code, gosrc, errOut := run(t, dir, nil, append([]string{"inspect", "--format", "go"}, scope...)...)
				if code != 0 || gosrc == "" {
					t.Fatalf("inspect --format go: exit %d: %s", code, errOut)
				}
				// The default package is env.go's, so that the output can
				// replace migrations/env.go as it is.
				if !strings.Contains(gosrc, "\npackage migrations\n") || !strings.Contains(gosrc, "func Target() *model.MetaData") {
					t.Errorf("inspect --format go is not an env.go of package migrations:\n%s", gosrc)
				}
			})
		}
	}
}

// openTarget connects to a test database and closes it at cleanup.
func openTarget(t *testing.T, tg *testdb.Target) *dialect.DB {
	t.Helper()
	db, err := dialect.Open(context.Background(), tg.URL)
	if err != nil {
		t.Fatalf("open %s: %v", tg.Name, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestInspectBadFormat(t *testing.T) {
	code, _, errOut := run(t, t.TempDir(), nil, "inspect", "--database-url", "sqlite::memory:", "--format", "yaml")
	if code != 2 || !strings.Contains(errOut, `unknown --format "yaml"`) {
		t.Errorf("exit %d, stderr %q; want 2 and a message naming the format", code, errOut)
	}
}
