package cli

import (
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/cli/config"
)

func TestInitGoTemplate(t *testing.T) {
	dir := t.TempDir()
	// In a Go module, init chooses the go template.
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, dir, nil, "init")
	if code != 0 || !strings.Contains(stdout, "then run `go tool migrate info`") {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	for _, p := range []string{"migrate.toml", "migrations/versions", "migrations/env.go"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("init did not create %s: %v", p, err)
		}
		if !strings.Contains(stdout, "Created "+filepath.FromSlash(p)) {
			t.Errorf("stdout does not mention %s:\n%s", p, stdout)
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, "migrations", "env.go"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "env.go", src, 0)
	if err != nil {
		t.Fatalf("env.go does not parse: %v", err)
	}
	if f.Name.Name != "migrations" {
		t.Errorf("package %s, want migrations", f.Name.Name)
	}
	if formatted, err := format.Source(src); err != nil || string(formatted) != string(src) {
		t.Errorf("env.go is not gofmt'd (%v)", err)
	}

	// The new project loads without errors and points at what init made.
	cfg, err := config.Load(config.Options{WorkDir: dir, LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatalf("the written migrate.toml does not load: %v", err)
	}
	if cfg.ScriptLocation != filepath.Join(dir, "migrations") || cfg.DatabaseURL != "sqlite:"+filepath.Join(dir, "app.db") {
		t.Errorf("config %+v", cfg)
	}

	// The quick start: info works at once on the SQLite default.
	code, stdout, stderr = run(t, dir, nil, "info")
	if code != 0 || !strings.Contains(stdout, "dialect:   sqlite") {
		t.Errorf("info after init: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestInitSQLTemplateAndDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "db"), 0o755); err != nil { // empty: allowed
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, dir, nil, "init", "db", "--template", "sql")
	if code != 0 || !strings.Contains(stdout, "then run `migrate info`") {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "db", "env.go")); !os.IsNotExist(err) {
		t.Errorf("sql template wrote env.go (%v)", err)
	}
	toml, _ := os.ReadFile(filepath.Join(dir, "migrate.toml"))
	for _, w := range []string{`script_location = "db"`, "-- migrate:upgrade", "-- migrate:revises", `migrate revision -m "create users"`} {
		if !strings.Contains(string(toml), w) {
			t.Errorf("migrate.toml lacks %q", w)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "db", "versions")); err != nil {
		t.Error(err)
	}
}

// TestInitDefaultTemplate checks that outside a Go module init chooses the
// sql template: Go revisions could not be built there.
func TestInitDefaultTemplate(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, dir, nil, "init")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "migrations", "env.go")); err == nil {
		t.Errorf("init wrote env.go outside a Go module")
	}
	code, _, stderr = run(t, dir, nil, "revision", "-m", "first")
	if code != 0 {
		t.Fatalf("revision: exit %d: %s", code, stderr)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "migrations", "versions", "*_first.sql")); len(m) != 1 {
		t.Errorf("revision did not write a SQL file: %v", m)
	}
}

func TestInitConfigElsewhere(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, dir, nil, "-c", "conf/migrate.toml", "init", "schema/my-migrations", "--template", "go")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	toml, err := os.ReadFile(filepath.Join(dir, "conf", "migrate.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(toml), `script_location = "../schema/my-migrations"`) {
		t.Errorf("script_location not relative to the file:\n%s", toml)
	}
	env, _ := os.ReadFile(filepath.Join(dir, "schema", "my-migrations", "env.go"))
	if !strings.Contains(string(env), "package my_migrations\n") {
		t.Errorf("env.go package not derived from the directory:\n%s", env)
	}
}

func TestInitRefusals(t *testing.T) {
	tests := []struct {
		name  string
		setup map[string]string // files to create first
		args  []string
		want  string
	}{
		{name: "existing migrate.toml", setup: map[string]string{"migrate.toml": "# mine\n"}, args: []string{"init"},
			want: "migrate.toml already exists"},
		{name: "non-empty script directory", setup: map[string]string{"migrations/keep.sql": "x"}, args: []string{"init"},
			want: "is not empty; choose another directory"},
		{name: "script directory is a file", setup: map[string]string{"db": "x"}, args: []string{"init", "db"},
			want: "exists and is not a directory"},
		{name: "unknown template", args: []string{"init", "--template", "python"}, want: `unknown template "python" (use go or sql)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.setup {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := run(t, dir, nil, tt.args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
			if data, err := os.ReadFile(filepath.Join(dir, "migrate.toml")); err == nil && string(data) != tt.setup["migrate.toml"] {
				t.Errorf("migrate.toml was written despite the refusal")
			}
		})
	}
}

// TestInitGitignore: init ignores the default SQLite database and its side
// files in git, in a new .gitignore or appended to an existing one
// without repeating lines (issue 11 point 3).
func TestInitGitignore(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, dir, nil, "init", "--template", "sql"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n/app.db\n", "\n/app.db-journal\n", "\n/app.db.migrate-lock\n"} {
		if !strings.Contains(string(got), want) {
			t.Errorf(".gitignore lacks %q:\n%s", want, got)
		}
	}

	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("bin/\n/app.db"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, dir, nil, "init", "--template", "sql"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err = os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "bin/\n/app.db\n# migrate:") || strings.Count(string(got), "/app.db\n") != 1 ||
		!strings.Contains(string(got), "/app.db-wal\n") {
		t.Errorf("appended .gitignore:\n%s", got)
	}
}

// TestSQLiteRunLeavesNoLockFile: after upgrade and downgrade on the
// default SQLite database, no app.db.migrate-lock is left next to it
// (issue 11 point 3).
func TestSQLiteRunLeavesNoLockFile(t *testing.T) {
	p := newProject(t, "--template", "sql")
	p.rev("a1", "first")
	p.ok("upgrade", "head")
	p.ok("downgrade", "base")
	entries, err := os.ReadDir(p.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".migrate-lock") {
			t.Errorf("%s left next to the database", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(p.dir, "app.db")); err != nil {
		t.Errorf("the database itself: %v", err)
	}
}

// TestInitQuiet: -q prints what was created, without the advice.
func TestInitQuiet(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, dir, nil, "init", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Created migrate.toml") || strings.Contains(stdout, "Next:") {
		t.Errorf("init -q printed:\n%s", stdout)
	}
}
