package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
)

// TestStairwayCommand runs `migrate test` on the testdata projects: the
// good one passes (exit 0) and the one with a broken downgrade fails
// (exit 1) naming the revision and its file, with the diff on stdout; on
// SQLite in memory by default, on PostgreSQL and MariaDB with --dev-url.
// The configured database is never created.
func TestStairwayCommand(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			var dev []string
			if name != "sqlite" {
				dev = []string{"--dev-url", testdb.New(t, name).URL}
			}
			good := filepath.Join("..", "testdata", "stairway", "good")
			code, stdout, stderr := run(t, good, nil, append([]string{"test", "--json"}, dev...)...)
			if code != 0 {
				t.Fatalf("good project: exit %d\n%s%s", code, stdout, stderr)
			}
			var res testResult
			if err := json.Unmarshal([]byte(stdout), &res); err != nil || len(res.Revisions) != 5 {
				t.Errorf("good project: --json output %q (%v), want 5 revisions", stdout, err)
			}
			if _, err := os.Stat(filepath.Join(good, "app.db")); err == nil {
				t.Errorf("migrate test created the configured database app.db")
			}

			var devBroken []string
			if name != "sqlite" {
				devBroken = []string{"--dev-url", testdb.New(t, name).URL}
			}
			code, stdout, stderr = run(t, filepath.Join("..", "testdata", "stairway", "broken"), nil, append([]string{"test"}, devBroken...)...)
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
		})
	}
}
