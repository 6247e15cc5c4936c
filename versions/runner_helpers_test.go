package versions

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// fixtureGraph loads a fixture project of testdata/runner.
func fixtureGraph(t testing.TB, name string) *Graph {
	t.Helper()
	return dirGraph(t, filepath.Join("testdata", "runner", name))
}

// dirGraph loads the revisions of a directory.
func dirGraph(t testing.TB, dir string) *Graph {
	t.Helper()
	revs, err := Load([]Location{DirLocation(dir)})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	g, err := NewGraph(revs)
	if err != nil {
		t.Fatalf("graph %s: %v", dir, err)
	}
	return g
}

// copyFixture copies a fixture project into a temporary directory, so
// that a test may change its files.
func copyFixture(t testing.TB, name string) string {
	t.Helper()
	src := filepath.Join("testdata", "runner", name)
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// newTestRunner returns a runner that reports nothing and waits little
// for the lock.
func newTestRunner(t testing.TB, db *dialect.DB, g *Graph, opts ...Option) *Runner {
	t.Helper()
	opts = append([]Option{WithLockTimeout(10 * time.Second), WithToolVersion("test"), WithOperator("tester@test")}, opts...)
	r, err := NewRunner(db, g, opts...)
	if err != nil {
		t.Fatalf("NewRunner: %v", err)
	}
	return r
}

// eachDB runs f on a fresh database of each dialect.
func eachDB(t *testing.T, f func(t *testing.T, db *dialect.DB, tg *testdb.Target)) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, tg := testdb.Open(t, name)
			f(t, db, tg)
		})
	}
}

// wantRows checks the version table's rows.
func wantRows(t *testing.T, r *Runner, want ...string) {
	t.Helper()
	got, err := r.Current(context.Background())
	if err != nil {
		t.Fatalf("Current: %v", err)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("version table rows = %v, want %v", got, want)
	}
}

// wantTables checks which of the named tables exist.
func wantTables(t *testing.T, db *dialect.DB, present []string, absent []string) {
	t.Helper()
	rs, err := dialect.RunSupportOf(db.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range present {
		ok, err := rs.TableExists(context.Background(), db.DB, "", name)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Errorf("table %s is missing", name)
		}
	}
	for _, name := range absent {
		ok, err := rs.TableExists(context.Background(), db.DB, "", name)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			t.Errorf("table %s exists, want it gone", name)
		}
	}
}

// stepIDs lists the revisions of a result's steps.
func stepIDs(res *Result) []string {
	var ids []string
	for _, s := range res.Steps {
		ids = append(ids, s.Revision.ID)
	}
	return ids
}

func readFile(t testing.TB, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
