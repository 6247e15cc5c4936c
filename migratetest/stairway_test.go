package migratetest_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/migratetest"
	"github.com/migratego/migrate/versions"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// project returns the source of a testdata project under
// testdata/stairway.
func project(name string) migrate.Source {
	return migrate.Source{FS: os.DirFS(filepath.Join("..", "testdata", "stairway", name, "migrations", "versions"))}
}

func run(t *testing.T, db *dialect.DB, src migrate.Source, opts ...migratetest.Option) (*migratetest.Result, error) {
	t.Helper()
	set, err := src.Set()
	if err != nil {
		t.Fatal(err)
	}
	return migratetest.Run(context.Background(), db, set, opts...)
}

// TestRunGoodProject: a project with a branch, a merge point and a
// dependency passes on the three databases, walked parents first, and
// the database is left at its heads.
func TestRunGoodProject(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			db, _ := testdb.Open(t, name)
			var passed []string
			res, err := run(t, db, project("good"), migratetest.WithPassed(func(r *versions.Revision) { passed = append(passed, r.ID) }))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			// Alembic's order: the branch that e5 depends on comes first.
			want := "a1a1a1a1a1a1 c3c3c3c3c3c3 e5e5e5e5e5e5 b2b2b2b2b2b2 d4d4d4d4d4d4"
			if got := strings.Join(versions.IDs(res.Revisions), " "); got != want {
				t.Errorf("revisions walked: %s, want %s", got, want)
			}
			if got := strings.Join(passed, " "); got != want {
				t.Errorf("WithPassed saw %s, want %s", got, want)
			}
			var n int
			if err := db.QueryRow("SELECT count(*) FROM migrate_version").Scan(&n); err != nil || n != 2 {
				t.Errorf("version rows after the run: %d (%v), want the two heads", n, err)
			}
			// A second run is refused: the database is no longer empty.
			if _, err := run(t, db, project("good")); !errors.Is(err, migratetest.ErrNotEmpty) {
				t.Errorf("second run: %v, want ErrNotEmpty", err)
			}
		})
	}
}

// TestRunBrokenDowngrade: a downgrade that forgets an index is caught on
// each database; the failure names the revision and its file and shows
// the index in a unified diff (golden per database).
func TestRunBrokenDowngrade(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			db, _ := testdb.Open(t, name)
			res, err := run(t, db, project("broken"))
			var f *migratetest.Failure
			if !errors.As(err, &f) {
				t.Fatalf("Run: %v, want a *Failure", err)
			}
			if f.Revision == nil || f.Revision.ID != "b2b2b2b2b2b2" || f.Phase != migratetest.PhaseDowngrade || f.Err != nil {
				t.Fatalf("failure %+v, want the downgrade of b2b2b2b2b2b2 restoring the wrong schema", f)
			}
			if got := versions.IDs(res.Revisions); len(got) != 1 || got[0] != "a1a1a1a1a1a1" {
				t.Errorf("revisions passed: %v, want a1a1a1a1a1a1 only", got)
			}
			golden(t, filepath.Join("testdata", "broken_"+name+".txt"), err.Error())
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
