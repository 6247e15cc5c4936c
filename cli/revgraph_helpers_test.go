package cli

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// updateRevGraph rewrites the golden files of testdata/revgraph.
var updateRevGraph = flag.Bool("update-revgraph", false, "rewrite the golden files in testdata/revgraph")

// testProject is a temporary migrate project driven through Execute.
type testProject struct {
	t   *testing.T
	dir string
	env map[string]string
}

// newProject runs `migrate init` (with extra init arguments; the go
// template unless they name one) in a new temporary directory.
func newProject(t *testing.T, initArgs ...string) *testProject {
	t.Helper()
	// The revision header cache goes to a directory of the test's own.
	p := &testProject{t: t, dir: t.TempDir(), env: map[string]string{EnvCacheDir: t.TempDir()}}
	if !slices.Contains(initArgs, "--template") {
		initArgs = append(initArgs, "--template", "go")
	}
	p.ok(append([]string{"init"}, initArgs...)...)
	return p
}

// run runs migrate with args in the project.
func (p *testProject) run(args ...string) (int, string, string) {
	p.t.Helper()
	return run(p.t, p.dir, p.env, args...)
}

// ok runs migrate and fails the test unless it exits 0; it returns stdout.
func (p *testProject) ok(args ...string) string {
	p.t.Helper()
	code, stdout, stderr := p.run(args...)
	if code != 0 {
		p.t.Fatalf("migrate %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// rev runs `migrate revision --rev-id id -m msg` with extra flags.
func (p *testProject) rev(id, msg string, extra ...string) {
	p.t.Helper()
	p.ok(append([]string{"revision", "--rev-id", id, "-m", msg}, extra...)...)
}

// write creates a file in the project.
func (p *testProject) write(rel, content string) {
	p.t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

var createDateRE = regexp.MustCompile(`(Create Date: |"create_date": ")\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`)

// stable replaces the create dates, which change with every run.
func stable(s string) string {
	return createDateRE.ReplaceAllString(s, "${1}2024-01-02 03:04:05")
}

// checkGolden compares got with testdata/revgraph/<name>.golden.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	compareGolden(t, filepath.Join("testdata", "revgraph", name+".golden"), got, *updateRevGraph, "update-revgraph")
}

// compareGolden compares got with the golden file at path, or writes it
// when update is set (by the test flag named flag).
func compareGolden(t *testing.T, path, got string, update bool, flag string) {
	t.Helper()
	if update {
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
		t.Fatalf("%v (run go test ./cli -run %s -%s)", err, t.Name(), flag)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./cli -run %s -%s to accept):\n--- got\n%s\n--- want\n%s", path, t.Name(), flag, got, want)
	}
}
