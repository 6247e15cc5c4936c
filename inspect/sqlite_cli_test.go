package inspect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// sqliteCLI returns the path of the sqlite3 command-line tool, whose
// SQLite has FTS3 and FTS4 (modernc.org/sqlite has neither); without it
// the test is skipped, unless CI is set.
func sqliteCLI(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the sqlite3 command-line tool is needed: %v", err)
		}
		t.Skip("no sqlite3 command-line tool")
	}
	return path
}

// runSQLiteCLI runs the sqlite3 tool on the database file db with the SQL
// script on its standard input, and returns its output.
func runSQLiteCLI(t *testing.T, cli, db, script string) string {
	t.Helper()
	cmd := exec.Command(cli, "-bail", db)
	cmd.Stdin = strings.NewReader(script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("sqlite3 %s: %v\n%s\nscript:\n%s", db, err, errOut.String(), script)
	}
	return out.String()
}

// sqliteCLICatalog lists what the sqlite3 tool sees in a database file:
// every object of sqlite_schema (shadow tables included), the text of
// virtual tables and triggers, and the columns of every table, virtual
// ones included (the tool has their modules).
const sqliteCLICatalog = `SELECT type, name, tbl_name,
  CASE WHEN type = 'trigger' OR sql LIKE 'CREATE VIRTUAL%' THEN sql END FROM sqlite_schema ORDER BY type, name;
SELECT m.name, p.cid, p.name, p.type, p."notnull", p.pk FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
  WHERE m.type = 'table' ORDER BY m.name, p.cid;`

// TestSQLiteFTS4FromCLI checks the virtual tables of modules the linked
// SQLite lacks (FTS3, FTS4), on a database file made by the sqlite3 tool
// from testdata/schemas/sqlite3-cli: inspect keeps their CREATE VIRTUAL
// TABLE text as written and leaves their shadow tables out, the SQL of
// the inspection reloads with the tool into an empty file, whose catalog
// holds the same objects (shadow tables and triggers included) and which
// inspects to the same JSON.
func TestSQLiteFTS4FromCLI(t *testing.T) {
	cli := sqliteCLI(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", "sqlite3-cli", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema files in testdata/schemas/sqlite3-cli (%v)", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".sql"), func(t *testing.T) {
			ctx := context.Background()
			script, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			srcPath, dstPath := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
			runSQLiteCLI(t, cli, srcPath, string(script))
			src := openSQLiteFile(t, srcPath)
			first := inspectDB(ctx, t, src, inspect.Options{})
			var virtuals []string
			for _, d := range first.Definitions {
				if d.Kind == model.DefVirtualTable {
					virtuals = append(virtuals, d.SQL)
				}
			}
			if len(virtuals) == 0 || !strings.Contains(strings.Join(virtuals, "\n"), "USING fts4(") {
				t.Fatalf("virtual tables %q; want the FTS4 table of %s as written", virtuals, file)
			}
			for _, tb := range first.Tables {
				for _, suffix := range []string{"_segments", "_segdir", "_docsize", "_stat", "_content"} {
					if strings.HasSuffix(tb.Name, suffix) {
						t.Errorf("shadow table %s inspected as a table", tb.Name)
					}
				}
			}
			stmts, err := dialect.CreateAllAsIs(src.Dialect, first)
			if err != nil {
				t.Fatalf("CreateAllAsIs of the inspected model: %v", err)
			}
			runSQLiteCLI(t, cli, dstPath, strings.Join(stmts, ";\n")+";\n")
			if a, b := runSQLiteCLI(t, cli, srcPath, sqliteCLICatalog), runSQLiteCLI(t, cli, dstPath, sqliteCLICatalog); a != b {
				t.Errorf("the reloaded file's catalog differs:\n%s\nwant:\n%s", b, a)
			}
			second := inspectDB(ctx, t, openSQLiteFile(t, dstPath), inspect.Options{})
			j1, _ := json.MarshalIndent(first, "", "  ")
			j2, _ := json.MarshalIndent(second, "", "  ")
			if !bytes.Equal(j1, j2) {
				t.Errorf("the reloaded file inspects differently:\n%s\nwant:\n%s", j2, j1)
			}
		})
	}
}

// openSQLiteFile opens a database file with the linked SQLite.
func openSQLiteFile(t *testing.T, path string) *dialect.DB {
	t.Helper()
	db, err := dialect.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
