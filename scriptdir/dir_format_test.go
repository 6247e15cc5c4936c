package scriptdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

func TestDirFormatter(t *testing.T) {
	d, err := NewDir([]*Script{
		{Revision: &versions.Revision{ID: "a1", Path: "migrations/versions/a1.sql"}, Kind: KindSQL},
		{Revision: &versions.Revision{ID: "b2", Revises: []string{"a1"}, Path: "migrations/versions/b2.go"}, Kind: KindGo},
	}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := d.Formatter(nil)
	for id, kind := range map[string]string{"a1": KindSQL, "b2": KindGo} {
		j := f.JSON(d.Graph.Revision(id))
		if j.Kind != kind || j.Path != filepath.FromSlash(d.Script(id).Path) {
			t.Errorf("JSON(%s): kind %q, path %q", id, j.Kind, j.Path)
		}
	}
}

// TestOpenScriptDirErrors: a missing script directory or version location
// says what to do, naming the configuration file when there is one.
func TestOpenScriptDirErrors(t *testing.T) {
	wd := t.TempDir()
	file := filepath.Join(wd, "migrate.toml")
	if err := os.WriteFile(filepath.Join(wd, "plain"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(wd, "migrations"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		o    Options
		want string
	}{
		{Options{ScriptLocation: filepath.Join(wd, "nope")}, "no migrate.toml found here or in a parent directory, and no script directory nope; run `migrate init`"},
		{Options{ScriptLocation: filepath.Join(wd, "nope"), ConfigFile: file}, "script directory nope does not exist; run `migrate init` to create it, or fix script_location in " + file},
		{Options{ScriptLocation: filepath.Join(wd, "plain")}, "script directory plain is not a directory; fix script_location in migrate.toml"},
		{Options{ScriptLocation: filepath.Join(wd, "migrations"), Locations: []string{filepath.Join(wd, "migrations", "versions")}, ConfigFile: file},
			"version location migrations/versions does not exist; create it, or fix version_locations in " + file},
		{Options{Locations: []string{filepath.Join(wd, "plain")}}, "version location plain is not a directory; fix version_locations in migrate.toml"},
	} {
		tt.o.WorkDir = wd
		_, err := Open(tt.o)
		if err == nil || !strings.Contains(err.Error(), filepath.FromSlash(tt.want)) {
			t.Errorf("Open(%+v) = %v, want %q", tt.o, err, tt.want)
		}
	}
	_, err := Open(Options{WorkDir: wd, ScriptLocation: filepath.Join(wd, "nope")})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing script directory is not fs.ErrNotExist: %v", err)
	}
}

func TestGeneratedJSON(t *testing.T) {
	g := &Generated{Revision: &versions.Revision{ID: "a1", Message: "m", BranchLabels: []string{"x"}}, Path: "versions/a1.sql", Kind: KindSQL}
	j := g.JSON()
	if j.ID != "a1" || j.Path != "versions/a1.sql" || j.Kind != KindSQL || j.Revises == nil || len(j.Revises) != 0 || j.BranchLabels[0] != "x" || j.Message != "m" {
		t.Errorf("JSON = %+v", j)
	}
}
