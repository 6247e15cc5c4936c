package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/runner"
)

// runProject is a migrate project on a test database, for the runner's
// commands.
type runProject struct {
	t   *testing.T
	dir string
	url string
}

// newRunProject writes migrate.toml for url and copies the revision files
// of versions/testdata/runner/<fixture> into migrations/versions.
func newRunProject(t *testing.T, url, fixture string) *runProject {
	t.Helper()
	p := &runProject{t: t, dir: t.TempDir(), url: url}
	vdir := filepath.Join(p.dir, "migrations", "versions")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	toml := fmt.Sprintf("script_location = \"migrations\"\ndatabase_url = %q\n", url)
	if err := os.WriteFile(filepath.Join(p.dir, "migrate.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if fixture != "" {
		src := filepath.Join("..", "runner", "testdata", "runner", fixture)
		entries, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			p.write(e.Name(), string(b))
		}
	}
	return p
}

// write writes a revision file.
func (p *runProject) write(name, content string) {
	p.t.Helper()
	if err := os.WriteFile(filepath.Join(p.dir, "migrations", "versions", name), []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// migrate runs the command tree in the project, with the extra command
// "applied" standing for `history --applied`.
func (p *runProject) migrate(args ...string) (int, string, string) {
	p.t.Helper()
	var stdout, stderr bytes.Buffer
	applied := func(app *App) *cobra.Command {
		return &cobra.Command{Use: "applied", RunE: func(cmd *cobra.Command, _ []string) error {
			return runHistoryApplied(cmd.Context(), app)
		}}
	}
	code := Execute(context.Background(), args, &stdout, &stderr, WithWorkDir(p.dir),
		WithLookupEnv(func(string) (string, bool) { return "", false }), WithCommand(applied), WithVersion("v-test"))
	if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic:") {
		p.t.Errorf("migrate %s crashed:\n%s", strings.Join(args, " "), stderr.String())
	}
	return code, stdout.String(), stderr.String()
}

// want runs migrate and checks its exit status.
func (p *runProject) want(code int, args ...string) (string, string) {
	p.t.Helper()
	got, stdout, stderr := p.migrate(args...)
	if got != code {
		p.t.Fatalf("migrate %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, code, stdout, stderr)
	}
	return stdout, stderr
}

func TestRunnerCommands(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			p := newRunProject(t, tg.URL, "linear")

			if name == "sqlite" {
				// Read-only commands never create the database file, and
				// say that it does not exist (issue 10 point 12).
				for _, args := range [][]string{{"current"}, {"verify"}, {"applied"}} {
					if _, errOut := p.want(3, args...); !strings.Contains(errOut, "test.db does not exist") {
						t.Errorf("%v on a missing file: %s", args, errOut)
					}
				}
				// An empty file is an empty SQLite database.
				if err := os.WriteFile(strings.TrimPrefix(tg.URL, "sqlite:"), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// current never creates the version table; at base it says so.
			out, _ := p.want(0, "current")
			if out != "(base)\n" {
				t.Errorf("current on an empty database: %q", out)
			}
			p.want(1, "current", "--check-heads")
			out, _ = p.want(0, "applied")
			if strings.Count(out, "\n") != 1 {
				t.Errorf("history --applied on an empty database: %q", out)
			}

			_, errOut := p.want(0, "upgrade", "head", "--tag", "release-1")
			for _, want := range []string{"Running upgrade  -> a1, create users ... done (", "Running upgrade a2 -> a3, add comments ... done ("} {
				if !strings.Contains(errOut, want) {
					t.Errorf("upgrade progress lacks %q:\n%s", want, errOut)
				}
			}
			out, _ = p.want(0, "current")
			if out != "a3 (head)\n" {
				t.Errorf("current = %q", out)
			}
			p.want(0, "current", "--check-heads")
			out, _ = p.want(0, "current", "-v")
			for _, want := range []string{"Rev: a3 (head)", "Parent: a2", "a3_add_comments.sql", "add comments"} {
				if !strings.Contains(out, want) {
					t.Errorf("current -v lacks %q:\n%s", want, out)
				}
			}

			p.want(0, "downgrade", "-1")
			out, _ = p.want(0, "current")
			if out != "a2\n" {
				t.Errorf("current after downgrade -1 = %q", out)
			}
			_, errOut = p.want(1, "current", "--check-heads")
			if !strings.Contains(errOut, "not at the heads") {
				t.Errorf("check-heads message: %s", errOut)
			}
			// upgrade -1 is a target, not a flag: refused with what to do.
			_, errOut = p.want(2, "upgrade", "-1")
			if !strings.Contains(errOut, "to revert, run `migrate downgrade -1`") {
				t.Errorf("upgrade -1 message: %s", errOut)
			}

			out, _ = p.want(0, "applied")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 5 || !strings.Contains(lines[1], "downgrade a3 -> a2") || !strings.Contains(lines[4], "upgrade  -> a1") ||
				!strings.Contains(lines[4], "release-1") || !strings.Contains(lines[4], "v-test") {
				t.Errorf("history --applied:\n%s", out)
			}
			out, _ = p.want(0, "--json", "applied")
			var hist struct {
				Entries []struct {
					Revision, Direction, Status string
				}
			}
			decodeJSON(t, out, &hist)
			if len(hist.Entries) != 4 || hist.Entries[0].Direction != "downgrade" {
				t.Errorf("history --applied --json: %+v", hist)
			}

			out, _ = p.want(0, "verify")
			if !strings.Contains(out, "all applied revisions match") {
				t.Errorf("verify: %q", out)
			}
			p.write("a1_create_users.sql", strings.Replace(readRev(t, p, "a1_create_users.sql"), "varchar(50)", "varchar(60)", 1))
			out, _ = p.want(1, "verify")
			if !strings.Contains(out, "a1: changed since it was applied") {
				t.Errorf("verify after edit: %q", out)
			}

			p.want(0, "stamp", "head")
			out, _ = p.want(0, "current")
			if out != "a3 (head)\n" {
				t.Errorf("current after stamp = %q", out)
			}
			p.want(0, "stamp", "--purge", "a2")
			out, _ = p.want(0, "--json", "current")
			var cur runner.CurrentReport
			decodeJSON(t, out, &cur)
			if len(cur.Revisions) != 1 || cur.Revisions[0].ID != "a2" || cur.AtHeads {
				t.Errorf("current --json: %s", out)
			}
			p.want(0, "ensure-version")

			// Input errors: exit 2.
			p.want(2, "upgrade", "a1:a3")
			p.want(2, "downgrade", "--sql", "base")
			p.want(2, "upgrade", "nosuchrev")
			p.want(2, "upgrade", "head", "--transaction", "sometimes")
			if name == "mysql" {
				_, errOut = p.want(2, "upgrade", "head", "--transaction", "all")
				if !strings.Contains(errOut, "transactional DDL") {
					t.Errorf("--transaction all on MySQL: %s", errOut)
				}
			} else {
				p.want(0, "upgrade", "head", "--transaction", "all")
			}

			// Offline SQL needs no connection.
			out, _ = p.want(0, "upgrade", "head", "--sql")
			for _, want := range []string{"CREATE TABLE", "migrate_version", "-- Running upgrade a1 -> a2, create posts", "INSERT INTO"} {
				if !strings.Contains(out, want) {
					t.Errorf("upgrade --sql lacks %q:\n%s", want, out)
				}
			}
			out, _ = p.want(0, "downgrade", "--sql", "a3:a1")
			if !strings.Contains(out, "-- Running downgrade a3 -> a2") || strings.Contains(out, "CREATE TABLE \"migrate_version\"") {
				t.Errorf("downgrade --sql:\n%s", out)
			}
			out, _ = p.want(0, "stamp", "--sql", "head")
			if !strings.Contains(out, "INSERT INTO") {
				t.Errorf("stamp --sql:\n%s", out)
			}

			// A database newer than the checkout.
			p.want(0, "upgrade", "head")
			if err := os.Remove(filepath.Join(p.dir, "migrations", "versions", "a3_add_comments.sql")); err != nil {
				t.Fatal(err)
			}
			_, errOut = p.want(3, "upgrade", "head")
			if !strings.Contains(errOut, "database is at revision a3, which is not in the scripts: is the database newer than this checkout?") {
				t.Errorf("newer database: %s", errOut)
			}
			p.want(3, "current")
			out, _ = p.want(1, "verify")
			if !strings.Contains(out, "a3: applied, but no revision file has it any more") {
				t.Errorf("verify after removal: %q", out)
			}
		})
	}
}

func TestRunnerCommandFailure(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			p := newRunProject(t, tg.URL, "failing")
			_, errOut := p.want(3, "upgrade", "head")
			for _, want := range []string{"upgrade f1 -> f2", "f2_broken.sql:8", "statement 3 of 4", "INSERT INTO no_such_table"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("failure message lacks %q:\n%s", want, errOut)
				}
			}
			if name == "mysql" {
				if !strings.Contains(errOut, "2 statement(s) of this revision ran") {
					t.Errorf("MySQL failure does not list what ran:\n%s", errOut)
				}
			} else if !strings.Contains(errOut, "rolled back") {
				t.Errorf("failure does not say it rolled back:\n%s", errOut)
			}
			out, _ := p.want(0, "current")
			if name == "mysql" {
				// The revision is partly applied: current says so (issue 10).
				if !strings.HasPrefix(out, "f1\npartly applied: upgrade f1 -> f2") {
					t.Errorf("current after failure = %q", out)
				}
			} else if out != "f1\n" {
				t.Errorf("current after failure = %q", out)
			}
			out, _ = p.want(0, "applied", "-v")
			if !strings.Contains(out, "failed") || !strings.Contains(out, "statement: INSERT INTO no_such_table") {
				t.Errorf("history --applied -v after failure:\n%s", out)
			}
		})
	}
}

func TestRunnerCommandUnreachable(t *testing.T) {
	p := newRunProject(t, "postgres://postgres:s3cr3tpw@127.0.0.1:1/nodb?sslmode=disable&connect_timeout=2", "linear")
	_, errOut := p.want(3, "upgrade", "head")
	if strings.Contains(errOut, "s3cr3tpw") {
		t.Errorf("password printed: %s", errOut)
	}
	_, errOut = p.want(3, "current")
	if strings.Contains(errOut, "s3cr3tpw") {
		t.Errorf("password printed: %s", errOut)
	}
	// Offline work needs no database.
	p.want(0, "upgrade", "head", "--sql")
}

func readRev(t *testing.T, p *runProject, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(p.dir, "migrations", "versions", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decodeJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, s)
	}
}
