package migrate_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// markedBlock returns the ```sh code of README.md between
// <!-- NAME:begin --> and <!-- NAME:end -->.
func markedBlock(t *testing.T, name string) string {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "<!-- "+name+":begin -->")
	block, _, ok2 := strings.Cut(rest, "<!-- "+name+":end -->")
	_, code, ok3 := strings.Cut(block, "```sh\n")
	code, _, ok4 := strings.Cut(code, "```")
	if !ok || !ok2 || !ok3 || !ok4 || strings.TrimSpace(code) == "" {
		t.Fatalf("README.md: no ```sh block between <!-- %s:begin --> and <!-- %s:end -->", name, name)
	}
	return code
}

// TestGoToolFromClone runs the README's commands that make migrate a tool
// of a new Go project from a clone of this repository (`../migrate`, here
// a link to the checkout), then gives the new Go revision a body and
// upgrades a SQLite database with it through `go tool migrate` (issue 11
// point 9).
func TestGoToolFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool and a compiled runner; skipped with -short")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if err := os.Symlink(root, filepath.Join(work, "migrate")); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "MIGRATE_CACHE_DIR="+t.TempDir(), "MIGRATE_DATABASE_URL=", "DATABASE_URL=", "MIGRATE_CONFIG=")
	sh := func(dir, script string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s\n%v\n%s", script, err, out.String())
		}
		return out.String()
	}
	sh(work, markedBlock(t, "gotool"))

	app := filepath.Join(work, "app")
	mod, err := os.ReadFile(filepath.Join(app, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mod), "\ntool github.com/migratego/migrate/cmd/migrate\n") {
		t.Errorf("go.mod declares no tool:\n%s", mod)
	}
	revs, err := filepath.Glob(filepath.Join(app, "migrations", "versions", "*_create_users.go"))
	if err != nil || len(revs) != 1 {
		t.Fatalf("revision file: %v %v", revs, err)
	}
	src, err := os.ReadFile(revs[0])
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(string(src), "\t\t\treturn nil\n", "\t\t\treturn op.Execute(ctx, \"CREATE TABLE users (id integer PRIMARY KEY)\")\n", 1)
	body = strings.Replace(body, "\t\t\treturn nil\n", "\t\t\treturn op.Execute(ctx, \"DROP TABLE users\")\n", 1)
	if err := os.WriteFile(revs[0], []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := sh(app, "go tool migrate upgrade head"); !strings.Contains(out, "1 revision(s) applied") {
		t.Errorf("upgrade head:\n%s", out)
	}
	if out := sh(app, "go tool migrate current"); !strings.Contains(out, "(head)") {
		t.Errorf("current:\n%s", out)
	}
	if out := sh(app, "go tool migrate downgrade base && go tool migrate current"); !strings.Contains(out, "(base)") {
		t.Errorf("downgrade base, current:\n%s", out)
	}
}
