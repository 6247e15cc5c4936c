package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/goprojecttest"
	"github.com/migratego/migrate/internal/runnerbuild"
)

// pathWithoutGo returns $PATH without the directories holding a go
// command.
func pathWithoutGo() string {
	var keep []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "go")); err == nil {
			continue
		}
		keep = append(keep, dir)
	}
	return strings.Join(keep, string(filepath.ListSeparator))
}

// goRun runs a binary in dir with extra environment variables and returns
// stdout, stderr and the exit status.
func goRun(t *testing.T, dir string, env []string, bin string, args ...string) (string, string, int) {
	t.Helper()
	// A hang guard, not a speed check: a cold `go build` of the runner
	// (every driver, no build cache) took over 5 minutes at load 22.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "MIGRATE_DATABASE_URL=", "DATABASE_URL="), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", bin, args, err)
	}
	return out.String(), errb.String(), code
}

// cachedRunners lists the compiled runners in a cache directory.
func cachedRunners(t *testing.T, cache string) []string {
	t.Helper()
	bins, err := filepath.Glob(filepath.Join(cache, "runners", "*", "migrate-runner"+runnerbuild.ExeSuffix()))
	if err != nil {
		t.Fatal(err)
	}
	return bins
}

// TestGoProjectEndToEnd runs the sample Go project (testdata/goproject)
// with the standalone migrate binary: the first upgrade builds the
// compiled runner into the cache, later commands reuse it without a
// build, and `migrate build -o` writes a deploy binary that runs from
// another directory without the sources and without a Go toolchain.
func TestGoProjectEndToEnd(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	proj := goprojecttest.Copy(t, "..")
	cache := t.TempDir()
	env := []string{EnvCacheDir + "=" + cache}
	run := func(args ...string) (string, string) {
		t.Helper()
		out, errOut, code := goRun(t, proj, env, bin, args...)
		if code != 0 {
			t.Fatalf("migrate %v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
		return out, errOut
	}

	_, errOut := run("-v", "upgrade", "head")
	if !strings.Contains(errOut, "Compiling the Go revisions") || !strings.Contains(errOut, "seed admin user ... done") || !strings.Contains(errOut, "split user names ... done") {
		t.Fatalf("first upgrade: want a build and five steps, stderr:\n%s", errOut)
	}
	runners := cachedRunners(t, cache)
	if len(runners) != 1 {
		t.Fatalf("cache %s: want one compiled runner, have %v", cache, runners)
	}
	st, err := os.Stat(runners[0])
	if err != nil {
		t.Fatal(err)
	}
	mtime := st.ModTime()

	for _, args := range [][]string{{"-v", "downgrade", "base"}, {"-v", "upgrade", "head"}} {
		_, errOut := run(args...)
		if strings.Contains(errOut, "Compiling") || !strings.Contains(errOut, "using the compiled runner") {
			t.Fatalf("migrate %v: want the cached runner and no build, stderr:\n%s", args, errOut)
		}
	}
	if st, err := os.Stat(runners[0]); err != nil || !st.ModTime().Equal(mtime) || len(cachedRunners(t, cache)) != 1 {
		t.Fatalf("the cached runner was rebuilt (err %v)", err)
	}
	if out, _ := run("current"); !strings.Contains(out, "e5f6a1b2c3d4 (head)") {
		t.Fatalf("current: %q", out)
	}
	checkAdmin(t, "sqlite:"+filepath.Join(proj, "goproject.db"))

	// Offline: the compiled Go revisions print their SQL for each dialect
	// of the URL, without connecting (nothing listens on these ports).
	for _, tc := range []struct{ url, quoted string }{
		{"postgres://u:p@127.0.0.1:1/x", `CREATE TABLE "users"`},
		{"mysql://u:p@127.0.0.1:1/x", "CREATE TABLE `users`"},
		{"sqlite:" + filepath.Join(t.TempDir(), "offline.db"), `CREATE TABLE "users"`},
	} {
		out, _ := run("--database-url", tc.url, "upgrade", "head", "--sql")
		for _, want := range []string{tc.quoted, "ix_users_email", "-- Running upgrade b2c3d4e5f6a1 -> c3d4e5f6a1b2", "'Grace Brewster Hopper'", "-- Running upgrade d4e5f6a1b2c3 -> e5f6a1b2c3d4"} {
			if !strings.Contains(out, want) {
				t.Errorf("upgrade head --sql on %s: output lacks %q:\n%s", tc.url, want, out)
			}
		}
	}

	// In-process (an App embedded in a test): the runner is a child
	// process writing to the App's writers.
	var stdout, stderr bytes.Buffer
	t.Setenv(EnvCacheDir, cache)
	code := Execute(context.Background(), []string{"downgrade", "-1", "--json"}, &stdout, &stderr, WithWorkDir(proj))
	if code != 0 || !strings.Contains(stdout.String(), `"after": [`) || !strings.Contains(stdout.String(), "d4e5f6a1b2c3") {
		t.Fatalf("in-process downgrade -1: exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
	}
	checkJoinedNames(t, "sqlite:"+filepath.Join(proj, "goproject.db"))

	// A deploy binary, run elsewhere without Go on PATH.
	deploy := filepath.Join(t.TempDir(), "app-migrate")
	if out, _ := run("build", "-o", deploy); !strings.Contains(out, "5 of them Go and the target model") {
		t.Fatalf("build: %q", out)
	}
	elsewhere := t.TempDir()
	denv := []string{"PATH=" + pathWithoutGo(), "DATABASE_URL=sqlite:" + filepath.Join(elsewhere, "deploy.db")}
	for _, args := range [][]string{{"upgrade", "head"}, {"current"}, {"heads"}, {"history"}} {
		out, errOut, code := goRun(t, elsewhere, denv, deploy, args...)
		if code != 0 {
			t.Fatalf("deploy binary %v: exit %d\n%s%s", args, code, out, errOut)
		}
		if args[0] != "upgrade" && !strings.Contains(out, "e5f6a1b2c3d4") {
			t.Fatalf("deploy binary %v: %q", args, out)
		}
	}
	checkAdmin(t, "sqlite:"+filepath.Join(elsewhere, "deploy.db"))

	// Without a toolchain, the standalone says what to do.
	_, errOut, code = goRun(t, proj, []string{EnvCacheDir + "=" + t.TempDir(), "PATH=" + pathWithoutGo()}, bin, "upgrade", "head")
	if code != ExitUsage || !strings.Contains(errOut, "install the Go toolchain") || !strings.Contains(errOut, "migrate build") {
		t.Fatalf("no toolchain: exit %d, stderr %q", code, errOut)
	}
}

// checkAdmin checks that the data migration of the sample project ran.
func checkAdmin(t *testing.T, url string) {
	t.Helper()
	db, err := dialect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var email string
	var bio sql.NullString
	if err := db.QueryRow("SELECT email, bio FROM users WHERE id = 1").Scan(&email, &bio); err != nil || email != "admin@example.com" {
		t.Fatalf("users row 1: %q, %v", email, err)
	}
	// The split of the names (revision e5f6a1b2c3d4, a backfill).
	var got []string
	rows, err := db.Query("SELECT first_name, last_name FROM users ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var first, last sql.NullString
		if err := rows.Scan(&first, &last); err != nil {
			t.Fatal(err)
		}
		got = append(got, first.String+"|"+last.String)
	}
	if strings.Join(got, " ") != "Ada|Lovelace Grace|Brewster Hopper Plato|" {
		t.Fatalf("names after the split: %q", got)
	}
}

// checkJoinedNames checks that the downgrade of the split joined the names
// back and dropped the split columns.
func checkJoinedNames(t *testing.T, url string) {
	t.Helper()
	db, err := dialect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	rows, err := db.Query("SELECT name FROM users ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		got = append(got, name)
	}
	if strings.Join(got, ",") != "Ada Lovelace,Grace Brewster Hopper,Plato" {
		t.Fatalf("names after the downgrade: %q", got)
	}
	if _, err := db.Exec("SELECT first_name FROM users"); err == nil {
		t.Fatal("first_name is still there after the downgrade")
	}
}

// TestGoProjectNeedsModule: Go revisions outside a Go module get one
// clear message, before any build.
func TestGoProjectNeedsModule(t *testing.T) {
	proj := goprojecttest.Copy(t, "..")
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := os.Remove(filepath.Join(proj, f)); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	t.Setenv(EnvCacheDir, t.TempDir())
	code := Execute(context.Background(), []string{"upgrade", "head"}, &stdout, &stderr, WithWorkDir(proj))
	if code != ExitUsage || !strings.Contains(stderr.String(), "Go revisions need a Go module: run `go mod init") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
}
