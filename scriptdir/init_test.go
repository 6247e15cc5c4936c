package scriptdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitCleansUpOnFailure(t *testing.T) {
	// A configuration file appearing between the checks and the write (a
	// race with another process) makes init fail; the script directory it
	// created must go, so that init can be re-run.
	dir := t.TempDir()
	tomlPath := filepath.Join(dir, "migrate.toml")
	if err := os.WriteFile(tomlPath, []byte("# other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scriptDir := filepath.Join(dir, "a", "migrations")
	var inputErr *InputError
	if _, err := createProject(tomlPath, scriptDir, "go", "x"); !errors.As(err, &inputErr) {
		t.Fatalf("createProject over an existing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Errorf("created directories were left behind (%v)", err)
	}
	if data, _ := os.ReadFile(tomlPath); string(data) != "# other\n" {
		t.Errorf("existing file changed: %q", data)
	}
}

func TestInitReport(t *testing.T) {
	wd := t.TempDir()
	res, err := Init(InitOptions{ConfigPath: filepath.Join(wd, "migrate.toml"), ScriptDir: filepath.Join(wd, "db"), Template: TemplateSQL, WorkDir: wd})
	if err != nil {
		t.Fatal(err)
	}
	if res.Config != filepath.Join(wd, "migrate.toml") || res.Template != TemplateSQL {
		t.Errorf("Init() = %+v", res)
	}
	var b strings.Builder
	if err := res.Write(&b, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Created migrate.toml\n", "Created " + filepath.Join("db", "versions") + string(filepath.Separator) + "\n",
		"Next: set database_url in migrate.toml (now a SQLite file, app.db), then run `migrate info`.\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Write() lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if res.Write(&b, false); strings.Contains(b.String(), "Next:") {
		t.Errorf("Write() without advice:\n%s", b.String())
	}
}

func TestCommandName(t *testing.T) {
	cases := []struct{ tmpl, want string }{
		{TemplateGo, "go tool migrate"},
		{TemplateSQL, "migrate"},
		{"", "migrate"},
	}
	for _, c := range cases {
		if got := CommandName(c.tmpl); got != c.want {
			t.Errorf("CommandName(%q) = %q, want %q", c.tmpl, got, c.want)
		}
	}
}
