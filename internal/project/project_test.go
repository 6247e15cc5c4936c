package project

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
)

// newProject writes migrate.toml (toml) and the revision files (name →
// content) of migrations/versions in a temporary directory and returns
// the project there, reading the environment from env.
func newProject(t *testing.T, toml string, env map[string]string, files map[string]string) *Project {
	t.Helper()
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if toml != "" {
		write(config.FileName, toml)
	}
	if err := os.MkdirAll(filepath.Join(dir, "migrations", "versions"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		write(filepath.Join("migrations", "versions", name), content)
	}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	var cfg *config.Config
	var cfgErr error
	return &Project{
		Config: func() (*config.Config, error) {
			if cfg == nil && cfgErr == nil {
				cfg, cfgErr = config.Load(config.Options{WorkDir: dir, LookupEnv: lookup})
			}
			return cfg, cfgErr
		},
		WorkDir: dir, LookupEnv: lookup, ToolVersion: "test",
	}
}

const rev1 = `-- migrate:id a1
-- migrate:message create t

-- migrate:upgrade
CREATE TABLE t (id integer);

-- migrate:downgrade
DROP TABLE t;
`

func isInput(err error) bool { return errors.As(err, new(*InputError)) }

func TestDatabaseURLSaysHowToSetOne(t *testing.T) {
	for _, tt := range []struct {
		name, toml string
		env        map[string]string
		want       string
		input      bool
	}{
		{name: "no file", want: "no database URL (no migrate.toml found)", input: true},
		{name: "file without URL", toml: "version_table = \"v\"\n", want: "migrate.toml has no database_url", input: true},
		{name: "unset variable", toml: "database_url = \"postgres://u:${PW}@h/db\"\n", want: "environment variable PW is not set"},
		{name: "from the environment", env: map[string]string{"DATABASE_URL": "sqlite::memory:"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject(t, tt.toml, tt.env, nil)
			u, err := p.DatabaseURL()
			if tt.want == "" {
				if err != nil || u != "sqlite::memory:" {
					t.Fatalf("DatabaseURL() = %q, %v", u, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || isInput(err) != tt.input {
				t.Fatalf("DatabaseURL() error = %v (input %v), want %q (input %v)", err, isInput(err), tt.want, tt.input)
			}
		})
	}
}

func TestOfflineDialectNeedsNoSecret(t *testing.T) {
	p := newProject(t, "database_url = \"postgres://u:${PW}@h/db\"\n", nil, nil)
	d, err := p.OfflineDialect()
	if err != nil || d.Name() != "postgres" {
		t.Fatalf("OfflineDialect() = %v, %v; want postgres", d, err)
	}
	if _, err := p.ParseURL(); err == nil {
		t.Fatal("ParseURL() connects without the variable")
	}
}

func TestLoadScripts(t *testing.T) {
	p := newProject(t, "", nil, map[string]string{"a1_create_t.sql": rev1})
	s, err := p.LoadRunnable()
	if err != nil {
		t.Fatal(err)
	}
	if s.Graph.Revision("a1") == nil || s.Set == nil || s.Config == nil {
		t.Fatalf("LoadRunnable() = %+v", s)
	}
	bad := newProject(t, "", nil, map[string]string{"b1_bad.sql": "-- migrate:id b1\n-- migrate:revises nowhere\n\n-- migrate:upgrade\nSELECT 1;\n"})
	if _, err := bad.LoadScripts(false); !isInput(err) || !strings.Contains(err.Error(), "nowhere") {
		t.Fatalf("LoadScripts() of a revision with an unknown parent: %v", err)
	}
}

func TestMissingDatabaseFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "app.db")
	p := newProject(t, "", map[string]string{"DATABASE_URL": "sqlite:" + file}, nil)
	if got := p.MissingDatabaseFile(); got != file {
		t.Fatalf("MissingDatabaseFile() = %q, want %q", got, file)
	}
	if err := p.CheckDatabaseFile(); err == nil || !strings.Contains(err.Error(), "run `migrate upgrade` to create it") {
		t.Fatalf("CheckDatabaseFile() = %v", err)
	}
	if got := MissingFileAdvice(filepath.Join(dir, "no", "app.db")); !strings.Contains(got, "neither does its directory") {
		t.Errorf("MissingFileAdvice of a file in a missing directory = %q", got)
	}
}

func TestSettings(t *testing.T) {
	cfg := &config.Config{VersionTable: "v", VersionTableSchema: "s", HistoryTable: "h", Lock: "table",
		LockLease: time.Minute, LockTimeout: time.Second, TransactionPerMigration: true}
	want := runner.Settings{VersionTableSchema: "s", VersionTable: "v", HistoryTable: "h", Lock: "table",
		LockLease: time.Minute, LockTimeout: time.Second, TransactionPerMigration: true, ToolVersion: "1.0"}
	if got := Settings(cfg, "1.0"); !reflect.DeepEqual(*got, want) {
		t.Errorf("Settings() = %+v, want %+v", *got, want)
	}
}

// TestRunnerAndCurrent upgrades a SQLite database through OpenRunner and
// reads it back with CurrentRevisions and CurrentSet; a row the scripts
// do not know is an input error for CurrentSet only.
func TestRunnerAndCurrent(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "app.db")
	p := newProject(t, "", map[string]string{"DATABASE_URL": "sqlite:" + file}, map[string]string{"a1_create_t.sql": rev1})
	s, err := p.LoadRunnable()
	if err != nil {
		t.Fatal(err)
	}
	if rows, err := p.CurrentRevisions(ctx, s); err != nil || rows != nil {
		t.Fatalf("CurrentRevisions() without the file = %v, %v", rows, err)
	}
	read := func(*Scripts, *runner.Runner) error { return nil }
	if err := p.Read(ctx, read); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("Read() without the database file: %v", err)
	}
	set := Settings(s.Config, "test")
	r, db, err := p.OpenRunner(ctx, s, set, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Upgrade(ctx, "head")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	err = p.Read(ctx, func(s *Scripts, r *runner.Runner) error {
		rows, err := r.Current(ctx)
		if s.Graph.Revision("a1") == nil || !slices.Equal(rows, []string{"a1"}) {
			t.Errorf("Read(): scripts %v, rows %v", s.Graph.Revisions(), rows)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	current, rows, err := p.CurrentSet(ctx, s)
	if err != nil || !current["a1"] || !slices.Equal(rows, []string{"a1"}) {
		t.Fatalf("CurrentSet() = %v, %v, %v", current, rows, err)
	}
	other := newProject(t, "", map[string]string{"DATABASE_URL": "sqlite:" + file}, nil)
	none, err := other.LoadScripts(false)
	if err != nil {
		t.Fatal(err)
	}
	if rows, err := other.CurrentRevisions(ctx, none); err != nil || !slices.Equal(rows, []string{"a1"}) {
		t.Errorf("CurrentRevisions() with no scripts = %v, %v; want [a1]", rows, err)
	}
	if _, _, err := other.CurrentSet(ctx, none); !isInput(err) || !strings.Contains(err.Error(), "names revision a1") {
		t.Errorf("CurrentSet() with no scripts: %v", err)
	}
	set.Transaction = "sometimes"
	if _, _, err := p.OpenRunner(ctx, s, set, true); !isInput(err) {
		t.Errorf("OpenRunner() with --transaction sometimes: %v", err)
	}
}

func TestGenerate(t *testing.T) {
	p := newProject(t, "timezone = \"Europe/Paris\"\nfile_template = \"%(rev)s_x\"\n", nil, map[string]string{"a1_create_t.sql": rev1})
	s, err := p.LoadScripts(false)
	if err != nil {
		t.Fatal(err)
	}
	if s.Now().Location().String() != "Europe/Paris" {
		t.Errorf("Now() is in %s", s.Now().Location())
	}
	gen, err := s.Generate(scriptdir.NewRevision{Op: "revision", Message: "next", ID: "b2", Heads: []string{"head"}}, false)
	if err != nil {
		t.Fatal(err)
	}
	// A project of SQL revisions gets a SQL file, named by the template.
	if gen.Kind != scriptdir.KindSQL || filepath.Base(gen.Path) != "b2_x.sql" {
		t.Errorf("Generate() = %s %s", gen.Kind, gen.Path)
	}
}

func TestAutogenRequest(t *testing.T) {
	p := newProject(t, "[autogenerate]\ndrop_views = false\n", map[string]string{"DATABASE_URL": "sqlite::memory:"}, nil)
	if err := os.WriteFile(filepath.Join(p.WorkDir, "schema.sql"), []byte("CREATE TABLE t (id integer);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	req, warning, err := p.AutogenRequest([]string{"schema.sql"}, "", true, nil)
	if err != nil || warning != "" || req.URL != "sqlite::memory:" || !req.DropViews || len(req.Model.Files) != 1 {
		t.Fatalf("AutogenRequest() = %+v, %q, %v", req, warning, err)
	}
	if _, _, err := p.AutogenRequest([]string{"missing.sql"}, "", false, nil); !isInput(err) {
		t.Errorf("AutogenRequest() of a missing model file: %v", err)
	}
}

func TestWriteErrors(t *testing.T) {
	rev2 := "-- migrate:id b2\n-- migrate:revises a1\n\n-- migrate:upgrade\nSELECT 1;\n"
	p := newProject(t, "file_template = \"%(nope)s\"\n", nil, map[string]string{"a1_create_t.sql": rev1, "b2_next.sql": rev2})
	s, err := p.LoadScripts(false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Generate(scriptdir.NewRevision{Op: "revision", Message: "x", Heads: []string{"head"}}, false)
	if !isInput(err) || !strings.Contains(err.Error(), "revision: ") || !strings.Contains(err.Error(), "(fix file_template in "+s.Config.File+")") {
		t.Errorf("Generate() with a bad template: %v", err)
	}
	_, err = s.Generate(scriptdir.NewRevision{Op: "merge", Merge: true, Heads: []string{"b2"}}, false)
	if !isInput(err) {
		t.Errorf("Generate() of a merge of one head: %v", err)
	}
	plan, err := s.Graph.PlanSquash("a1", "b2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Squash(plan, "m", false, nil); !isInput(err) || !strings.Contains(err.Error(), "squash: ") {
		t.Errorf("Squash() with a bad template: %v", err)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "", map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "app.db")}, map[string]string{"a1_create_t.sql": rev1})
	s, err := p.LoadScripts(false)
	if err != nil {
		t.Fatal(err)
	}
	if revs, err := p.Resolve(ctx, s, "head"); err != nil || len(revs) != 1 || revs[0].ID != "a1" {
		t.Errorf("Resolve(head) = %v, %v", revs, err)
	}
	// An empty database: current names no revision.
	if _, err := p.Resolve(ctx, s, "current"); !isInput(err) || !strings.Contains(err.Error(), "No revision files indicated by symbol 'current'") {
		t.Errorf("Resolve(current) = %v", err)
	}
	if _, err := p.Resolve(ctx, s, "zz"); !isInput(err) {
		t.Errorf("Resolve(zz) = %v", err)
	}
}

func TestCheckApplied(t *testing.T) {
	ctx := context.Background()
	rev2 := "-- migrate:id b2\n-- migrate:revises a1\n\n-- migrate:upgrade\nSELECT 1;\n"
	files := map[string]string{"a1_create_t.sql": rev1, "b2_next.sql": rev2}
	p := newProject(t, "", map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "app.db")}, files)
	s, err := p.LoadScripts(false)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Graph.PlanSquash("a1", "b2")
	if err != nil {
		t.Fatal(err)
	}
	last := plan.Range[len(plan.Range)-1:]
	// Nothing is applied: squash refuses, unless forced.
	if _, err := p.CheckApplied(ctx, s, "squash", last, false, plan.CheckApplied); !isInput(err) {
		t.Errorf("CheckApplied() on an empty database: %v", err)
	}
	if warning, err := p.CheckApplied(ctx, s, "squash", last, true, plan.CheckApplied); err != nil || warning == "" {
		t.Errorf("CheckApplied(force) on an empty database = %q, %v", warning, err)
	}
	// A database that cannot be read.
	down := newProject(t, "", map[string]string{"DATABASE_URL": "postgres://127.0.0.1:1/none?connect_timeout=2"}, files)
	if s, err = down.LoadScripts(false); err != nil {
		t.Fatal(err)
	}
	if _, err := down.CheckApplied(ctx, s, "squash", last, false, plan.CheckApplied); err == nil || !strings.Contains(err.Error(), "squash: cannot tell which revisions the database has applied") {
		t.Errorf("CheckApplied() of an unreachable database: %v", err)
	}
	if warning, err := down.CheckApplied(ctx, s, "squash", last, true, plan.CheckApplied); err != nil || !strings.Contains(warning, "going on (--force)") {
		t.Errorf("CheckApplied(force) of an unreachable database = %q, %v", warning, err)
	}
}
