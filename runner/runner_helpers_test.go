package runner

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// fixtureGraph loads a fixture project of testdata/runner.
func fixtureGraph(t testing.TB, name string) *Set {
	t.Helper()
	return dirGraph(t, filepath.Join("testdata", "runner", name))
}

// dirGraph loads the revisions of a directory into a set.
func dirGraph(t testing.TB, dir string) *Set {
	t.Helper()
	scripts, err := scriptdir.Load([]scriptdir.Location{scriptdir.DirLocation(dir)})
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	s, err := NewSet(scripts, nil)
	if err != nil {
		t.Fatalf("graph %s: %v", dir, err)
	}
	return s
}

// memRev is a revision made in memory: its header, its script (when Kind
// is set) and its Go code (when Upgrade or Downgrade is set).
type memRev struct {
	ID                   string
	Revises, DependsOn   []string
	BranchLabels         []string
	Message              string
	NonTransactional     bool
	Path, Kind, Checksum string
	SQL                  *scriptdir.SQLScript
	Upgrade, Downgrade   func(ctx context.Context, op *ops.Op) error
}

// newMemSet returns the migration set of revisions made in memory.
func newMemSet(revs ...*memRev) (*Set, error) {
	s := newSet(nil)
	headers := make([]*versions.Revision, 0, len(revs))
	for _, r := range revs {
		h := &versions.Revision{ID: r.ID, Revises: r.Revises, DependsOn: r.DependsOn, BranchLabels: r.BranchLabels,
			Message: r.Message, NonTransactional: r.NonTransactional, Path: r.Path}
		headers = append(headers, h)
		if r.Kind != "" {
			s.scripts[r.ID] = &scriptdir.Script{Revision: h, Kind: r.Kind, Checksum: r.Checksum, SQL: r.SQL}
		}
		if r.Upgrade != nil || r.Downgrade != nil {
			s.compiled[r.ID] = &Revision{ID: r.ID, Upgrade: r.Upgrade, Downgrade: r.Downgrade}
		}
	}
	return s.build(headers)
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
func newTestRunner(t testing.TB, db *dialect.DB, g *Set, opts ...Option) *Runner {
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
