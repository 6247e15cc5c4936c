package cli

import (
	"bytes"
	"context"
	"debug/elf"
	"debug/pe"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/migratego/migrate/internal/goprojecttest"
	"github.com/migratego/migrate/scriptdir"
)

// deployApp runs the command tree as a deploy binary does (WithBundle),
// in dir, with one SQL revision built in and the environment env.
func deployApp(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	files := fstest.MapFS{"bundle/0/a1_first.sql": {Data: []byte("-- migrate:id a1\n-- migrate:message first\n-- migrate:upgrade\nCREATE TABLE t (x integer);\n-- migrate:downgrade\nDROP TABLE t;\n")}}
	var stdout, stderr bytes.Buffer
	code := Execute(context.Background(), args, &stdout, &stderr, WithWorkDir(dir),
		WithLookupEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }),
		WithBundle(Bundle{Locations: []scriptdir.Location{BundleLocation(files, "bundle/0", "migrations/versions")}}))
	return code, stdout.String(), stderr.String()
}

// TestDeployBinaryCommands: a deploy binary runs the run-time commands,
// refuses the others with a message, shows no script directory in info,
// and reads the database URL from a migrate.toml where it runs (issue 11
// point 5).
func TestDeployBinaryCommands(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"revision", "-m", "x"}, {"init"}, {"merge", "heads", "-m", "m"}, {"edit", "head"}, {"build", "-o", "x"}, {"inspect"}} {
		code, _, stderr := deployApp(t, dir, nil, args...)
		if code != ExitUsage || !strings.Contains(stderr, args[0]+" is not available in a deploy binary") ||
			!strings.Contains(stderr, "upgrade, downgrade, stamp, current") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands wrote files: %v", entries)
	}
	code, stdout, _ := deployApp(t, dir, nil, "--help")
	if code != 0 || strings.Contains(stdout, "\n  revision ") || !strings.Contains(stdout, "\n  upgrade ") {
		t.Errorf("help of a deploy binary:\n%s", stdout)
	}

	// The database URL of a migrate.toml where the binary runs.
	toml := "database_url = \"sqlite:deploy.db\"\nversion_table = \"app_version\"\n"
	if err := os.WriteFile(filepath.Join(dir, "migrate.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"upgrade", "head"}, {"current"}, {"info"}} {
		code, stdout, stderr := deployApp(t, dir, nil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		switch args[0] {
		case "current":
			if stdout != "a1 (head)\n" {
				t.Errorf("current = %q", stdout)
			}
		case "info":
			for _, want := range []string{"revisions: 1, built into this program", "database:  sqlite:" + filepath.Join(dir, "deploy.db"),
				"from:    " + filepath.Join(dir, "migrate.toml") + ":1", "current:   a1"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("info lacks %q:\n%s", want, stdout)
				}
			}
			if strings.Contains(stdout, "scripts:") {
				t.Errorf("info shows a script directory:\n%s", stdout)
			}
		}
	}
}

// TestDeployCrossBuild: `migrate build --goos/--goarch` cross-compiles the
// deploy binary, stripped (-trimpath -ldflags="-s -w") by default; `go
// version -m` (and file(1) where installed) confirm it (issue 11 points
// 4 and 6).
func TestDeployCrossBuild(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	proj := goprojecttest.Copy(t, "..")
	goos, goarch := "linux", "arm64"
	if runtime.GOARCH == "arm64" {
		goos, goarch = "windows", "amd64"
	}
	out := filepath.Join(t.TempDir(), "app-migrate")
	// A first cross build compiles the standard library and the drivers
	// for the target: allow for a slow, busy machine.
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "build", "--goos", goos, "--goarch", goarch, "-o", out)
	cmd.Dir = proj
	cmd.Env = append(os.Environ(), EnvCacheDir+"="+t.TempDir(), "GOOS=", "GOARCH=", "MIGRATE_DATABASE_URL=", "DATABASE_URL=")
	stdout, err := cmd.Output()
	if err != nil || !strings.Contains(string(stdout), "("+goos+"/"+goarch+", ") {
		t.Fatalf("build: %v\n%s", err, stdout)
	}
	info, err := exec.Command("go", "version", "-m", out).CombinedOutput()
	if err != nil {
		t.Fatalf("go version -m: %v\n%s", err, info)
	}
	// go version -m does not record -ldflags next to -trimpath (it may
	// hold paths): the binary itself shows that it is stripped.
	for _, want := range []string{"GOOS=" + goos, "GOARCH=" + goarch, "-trimpath=true", "CGO_ENABLED=0"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("go version -m lacks %s:\n%s", want, info)
		}
	}
	if syms := symbolSections(t, goos, out); len(syms) > 0 {
		t.Errorf("the deploy binary is not stripped: it has %v", syms)
	}
	if _, err := exec.LookPath("file"); err == nil {
		desc, err := exec.Command("file", out).CombinedOutput()
		want := map[string]string{"arm64": "ARM aarch64", "amd64": "x86-64"}[goarch]
		if err != nil || !strings.Contains(string(desc), want) ||
			(goos == "linux" && (!strings.Contains(string(desc), "statically linked") || !strings.Contains(string(desc), ", stripped"))) {
			t.Errorf("file %s: %s (want %s)", out, desc, want)
		}
	}
	t.Logf("%s/%s deploy binary:\n%s", goos, goarch, info)
}

// TestBuildSQLOnlyWithoutModule: a SQL-only project outside a Go module
// is told that it needs no build, and how to get one binary anyway
// (issue 11 point 7).
func TestBuildSQLOnlyWithoutModule(t *testing.T) {
	p := newProject(t, "--template", "sql")
	p.rev("a1", "first")
	code, _, stderr := p.run("build", "-o", filepath.Join(t.TempDir(), "x"))
	if code != ExitUsage || !strings.Contains(stderr, "are all SQL, so it needs no build") || !strings.Contains(stderr, "Go module that requires migrate") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// symbolSections returns the symbol-table and DWARF sections of an ELF
// (linux) or PE (windows) executable: none when it was linked with -s -w.
func symbolSections(t *testing.T, goos, path string) []string {
	t.Helper()
	var names []string
	switch goos {
	case "linux":
		f, err := elf.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, s := range f.Sections {
			names = append(names, s.Name)
		}
	case "windows":
		f, err := pe.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, s := range f.Sections {
			names = append(names, s.Name)
		}
		if len(f.Symbols) > 0 {
			names = append(names, "COFF symbols")
		}
	}
	var found []string
	for _, n := range names {
		if n == ".symtab" || n == "COFF symbols" || strings.HasPrefix(n, ".debug_") || strings.HasPrefix(n, ".zdebug_") {
			found = append(found, n)
		}
	}
	return found
}

// TestDeploySQLOnlyModule: a project whose revisions are all SQL, in a
// Go module requiring migrate, builds into one binary with the SQL files
// inside, which runs them elsewhere (issue 11 point 7).
func TestDeploySQLOnlyModule(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	proj := goprojecttest.Copy(t, "..")
	versions := filepath.Join(proj, "migrations", "versions")
	for _, pattern := range []string{filepath.Join(versions, "*.go"), filepath.Join(proj, "migrations", "*.go")} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	sqlRev := "-- migrate:id s1\n-- migrate:message sql only\n-- migrate:upgrade\nCREATE TABLE t (x integer);\n-- migrate:downgrade\nDROP TABLE t;\n"
	if err := os.WriteFile(filepath.Join(versions, "s1_sql_only.sql"), []byte(sqlRev), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "sql-migrate")
	stdout, stderr, code := goRun(t, proj, []string{EnvCacheDir + "=" + t.TempDir()}, bin, "build", "-o", out)
	if code != 0 || !strings.Contains(stdout, "1 revision(s), 0 of them Go") {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	elsewhere := t.TempDir()
	env := []string{"PATH=" + pathWithoutGo(), "DATABASE_URL=sqlite:" + filepath.Join(elsewhere, "x.db")}
	if _, stderr, code := goRun(t, elsewhere, env, out, "upgrade", "head"); code != 0 {
		t.Fatalf("upgrade head: exit %d: %s", code, stderr)
	}
	if stdout, _, code := goRun(t, elsewhere, env, out, "current"); code != 0 || stdout != "s1 (head)\n" {
		t.Fatalf("current: exit %d, %q", code, stdout)
	}
}
