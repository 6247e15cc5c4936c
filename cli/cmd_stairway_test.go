package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/migratetest"
)

// TestStairwayCommand runs `migrate test` on the testdata projects: the
// good one passes (exit 0) and the one with a broken downgrade fails
// (exit 1) naming the revision and its file, with the diff on stdout; so
// does a model that differs from the schema at head. On each database's
// scratch database: SQLite in memory, a temporary PostgreSQL database, the
// --dev-url MariaDB database. The configured database is never created.
func TestStairwayCommand(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			// PostgreSQL: a temporary database on the project's server;
			// MariaDB: the empty --dev-url database.
			var dev []string
			switch name {
			case "postgres":
				dev = []string{"--database-url", testdb.New(t, name).URL}
			case "mysql":
				dev = []string{"--database-url", testdb.New(t, name).URL, "--dev-url", testdb.New(t, name).URL}
			}
			good := filepath.Join("..", "testdata", "stairway", "good")
			code, stdout, stderr := run(t, good, nil, append([]string{"test", "--json"}, dev...)...)
			if code != 0 {
				t.Fatalf("good project: exit %d\n%s%s", code, stdout, stderr)
			}
			var res migratetest.Report
			if err := json.Unmarshal([]byte(stdout), &res); err != nil || len(res.Revisions) != 5 || !res.ModelChecked {
				t.Errorf("good project: --json output %q (%v), want 5 revisions and the model checked", stdout, err)
			}
			if _, err := os.Stat(filepath.Join(good, "app.db")); err == nil {
				t.Errorf("migrate test created the configured database app.db")
			}

			// A model with a column more: exit 1, the operation and the diff.
			model := filepath.Join(t.TempDir(), "model.sql")
			schema, err := os.ReadFile(filepath.Join(good, "schema.sql"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(model, []byte(strings.Replace(string(schema), "name varchar(50) NOT NULL", "name varchar(50) NOT NULL,\n    color varchar(20)", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr = run(t, good, nil, append([]string{"test", "--model", model}, dev...)...)
			if code != ExitCheckFailed || !strings.Contains(stderr, "the schema at head differs from the target model") ||
				!strings.Contains(stdout, "autogenerate would write 1 operation(s)") || !strings.Contains(stdout, "color") {
				t.Errorf("a model with a column more: exit %d\n%s%s", code, stdout, stderr)
			}

			code, stdout, stderr = run(t, filepath.Join("..", "testdata", "stairway", "broken"), nil, append([]string{"test", "-q"}, dev...)...)
			if code != ExitCheckFailed {
				t.Fatalf("broken project: exit %d, want 1\n%s%s", code, stdout, stderr)
			}
			for _, want := range []string{"revision b2b2b2b2b2b2 (migrations/versions/b2b2b2b2b2b2_audit.sql)", "the downgrade does not restore"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr %q does not contain %q", stderr, want)
				}
			}
			if !strings.Contains(stdout, "+++ after downgrade b2b2b2b2b2b2") || !strings.Contains(stdout, "+CREATE INDEX ") {
				t.Errorf("stdout does not show the forgotten index as a diff:\n%s", stdout)
			}
			code, stdout, _ = run(t, filepath.Join("..", "testdata", "stairway", "broken"), nil, append([]string{"test", "-q", "--json"}, dev...)...)
			var failed migratetest.Report
			if err := json.Unmarshal([]byte(stdout), &failed); code != ExitCheckFailed || err != nil || failed.Failed == nil ||
				failed.Failed.Revision != "b2b2b2b2b2b2" || failed.Failed.Phase != "downgrade" || !strings.Contains(failed.Failed.Diff, "+CREATE INDEX ") ||
				strings.Join(failed.Revisions, " ") != "a1a1a1a1a1a1" {
				t.Errorf("--json of the broken project: exit %d, %v\n%s", code, err, stdout)
			}
		})
	}
}
