package runnerbuild

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/migratego/migrate/internal/goprojecttest"
)

// TestRunnerKey: the cache key changes with the Go sources and the module
// files, and not with SQL revisions or other files.
func TestRunnerKey(t *testing.T) {
	proj := goprojecttest.Copy(t, filepath.Join("..", ".."))
	key := func() string {
		t.Helper()
		p, err := FindProject(filepath.Join(proj, "migrations"), []string{filepath.Join(proj, "migrations", "versions")})
		if err != nil || p.GoRevisions != 5 || !p.EnvTarget {
			t.Fatalf("FindProject: %+v, %v", p, err)
		}
		if err := p.ResolveModule(""); err != nil {
			t.Fatal(err)
		}
		if p.envPkg != "example.com/goproject/migrations" || len(p.versionPkgs) != 1 || p.versionPkgs[0] != "example.com/goproject/migrations/versions" {
			t.Fatalf("import paths: %q %q", p.envPkg, p.versionPkgs)
		}
		src, err := renderRunnerMain(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		k, err := runnerKey("test", p, src, []string{"GOOS=linux", "GOARCH=amd64"})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	write := func(rel, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(proj, rel), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	k0 := key()
	if k0 != key() {
		t.Fatal("the key is not stable")
	}
	write("migrations/versions/d4e5_more.sql", "-- migrate:id d4e5\n-- migrate:revises c3d4e5f6a1b2\n\n-- migrate:upgrade\nSELECT 1;\n")
	write("README.md", "notes")
	if key() != k0 {
		t.Fatal("a SQL revision or a README changed the key")
	}
	for _, change := range []struct{ file, content string }{
		{"migrations/versions/helpers.go", "package versions\n\nconst x = 1\n"},
		{"migrations/env.go", "package migrations\n\nimport \"github.com/migratego/migrate/model\"\n\nfunc Target() *model.MetaData { return &model.MetaData{} }\n"},
		{"go.sum", "changed\n"},
	} {
		before := key()
		write(change.file, change.content)
		if key() == before {
			t.Errorf("changing %s kept the key", change.file)
		}
	}
}

// TestReadGoMod reads the module path and local replacements.
func TestReadGoMod(t *testing.T) {
	dir := t.TempDir()
	gomod := "module \"example.com/app\" // the app\n\ngo 1.26\n\nreplace example.com/a => ../a\n\nreplace (\n\texample.com/b v1.0.0 => /abs/b\n\texample.com/c => example.com/c2 v1.2.0\n)\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	mf, err := readGoMod(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []goModule{{Path: "example.com/a", Dir: filepath.Join(filepath.Dir(dir), "a")}, {Path: "example.com/b", Dir: "/abs/b"}}
	if mf.module != "example.com/app" || len(mf.replaces) != 2 || mf.replaces[0] != want[0] || mf.replaces[1] != want[1] {
		t.Fatalf("readGoMod: %+v", mf)
	}
	if _, err := readGoMod(t.TempDir()); err == nil {
		t.Fatal("no go.mod: want an error")
	}
}

func TestCompiledNamesWhatIsBuilt(t *testing.T) {
	tests := []struct {
		versionPkgs []string
		envPkg      string
		want        string
	}{
		{[]string{"m/versions"}, "", "the Go revisions"},
		{[]string{"m/versions"}, "m/migrations", "the Go revisions and env.go"},
		{nil, "m/migrations", "env.go"},
	}
	for _, tt := range tests {
		p := &Project{versionPkgs: tt.versionPkgs, envPkg: tt.envPkg}
		if got := p.compiled(); got != tt.want {
			t.Errorf("compiled() with revisions %q, env %q = %q, want %q", tt.versionPkgs, tt.envPkg, got, tt.want)
		}
	}
}
