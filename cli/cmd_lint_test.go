package cli

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/goprojecttest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/lint"
)

var updateLint = flag.Bool("update-lint", false, "rewrite the golden files in testdata/lint")

// lintProject copies the SQL project of testdata/lint/sql to a temporary
// directory (the default range reads, and may create, its database).
func lintProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sql")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "lint", "sql"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkLintGolden compares got with testdata/lint/name.
func checkLintGolden(t *testing.T, name, got string) {
	t.Helper()
	compareGolden(t, filepath.Join("testdata", "lint", name), got, *updateLint, "update-lint")
}

func TestLintSQLProject(t *testing.T) {
	dir := lintProject(t)
	cases := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{"all", []string{"lint", "--all"}, 1, "sql_all.golden"},
		{"range sqlite", []string{"lint", "0002:head"}, 1, "sql_sqlite.golden"},
		{"range postgres", []string{"lint", "0002:head", "--database-url", "postgres://lint@127.0.0.1:1/none"}, 1, "sql_postgres.golden"},
		{"range mysql", []string{"lint", "0002:head", "--database-url", "mysql://lint@127.0.0.1:1/none"}, 1, "sql_mysql.golden"},
		{"accepted only", []string{"lint", "0003"}, 0, "sql_accepted.golden"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, dir, nil, c.args...)
			if code != c.code {
				t.Fatalf("migrate %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(c.args, " "), code, c.code, out, errOut)
			}
			checkLintGolden(t, c.golden, out)
		})
	}
	if code, out, _ := run(t, dir, nil, "lint", "--rules"); code != 0 || strings.Count(out, "\n") != len(lint.Rules()) || !strings.Contains(out, "index-not-concurrent") {
		t.Errorf("lint --rules: exit %d, want one line per rule:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "lint.db")); err == nil {
		t.Errorf("lint with --all or a RANGE opened the database")
	}
}

// TestLintDefaultRange lints what is not applied yet on each database:
// the tables of the applied revisions are existing tables.
func TestLintDefaultRange(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			dir := lintProject(t)
			env := map[string]string{"MIGRATE_DATABASE_URL": testdb.NewDatabase(t, name).URL}
			if code, _, errOut := run(t, dir, env, "upgrade", "0003", "-q"); code != 0 {
				t.Fatalf("upgrade: exit %d: %s", code, errOut)
			}
			code, out, errOut := run(t, dir, env, "lint", "--json")
			if code != 1 {
				t.Fatalf("lint of the unapplied revisions: exit %d, want 1\n%s%s", code, out, errOut)
			}
			var rep lint.Report
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("--json output: %v\n%s", err, out)
			}
			if len(rep.Revisions) != 1 || rep.Revisions[0] != "0004" {
				t.Errorf("linted %v, want only the unapplied 0004", rep.Revisions)
			}
			rule, _ := lint.LookupRule(lint.RuleDropTable)
			want := lint.Finding{Revision: "0004", File: "migrations/versions/0004_drop_audit.sql", Line: 7, Rule: lint.RuleDropTable,
				Severity: lint.Error, Message: "drops table audit", Lock: rule.Locks[name], Alternative: rule.Alternative}
			if !slices.Contains(rep.Findings, want) {
				t.Errorf("no finding %+v in\n%s", want, out)
			}
			if name != "sqlite" {
				return
			}
			if last := rep.Findings[len(rep.Findings)-1]; last.Rule != lint.RuleBatchRebuild || !strings.Contains(last.Message, "about 0 rows") {
				t.Errorf("the rebuild of a table of the database gives its size: %+v", last)
			}
			if code, _, _ := run(t, dir, env, "stamp", "head", "-q"); code != 0 {
				t.Fatal("stamp head failed")
			}
			if code, out, _ := run(t, dir, env, "lint"); code != 0 || !strings.Contains(out, "0 revision(s) linted") {
				t.Errorf("lint at head: exit %d, want 0 and nothing linted:\n%s", code, out)
			}
		})
	}
}

func TestLintErrors(t *testing.T) {
	dir := lintProject(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"lint", "--all", "head"}, 2, "give RANGE or --all, not both"},
		{[]string{"lint", "nosuchrev"}, 2, "nosuchrev"},
		{[]string{"lint", "--database-url", "postgres://lint@127.0.0.1:1/none"}, 3, "lint every revision with --all, or name a RANGE"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, dir, nil, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("migrate %s: exit %d, stderr %q; want exit %d and %q", strings.Join(c.args, " "), code, errOut, c.code, c.want)
		}
	}
}

// TestLintGoProject lints the sample Go project, with one more revision
// (testdata/lint/go), through the standalone binary: lint hands over to
// the project's compiled runner, which records what each upgrade asks
// for. Findings name the lines of the revision files.
func TestLintGoProject(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	proj := goprojecttest.Copy(t, "..")
	src, err := os.ReadFile(filepath.Join("..", "testdata", "lint", "go", "f6a1b2c3d4e5_lint_checks.go"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(proj, "migrations", "versions", "f6a1b2c3d4e5_lint_checks.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{EnvCacheDir + "=" + t.TempDir()}
	for _, c := range []struct {
		db, url string
	}{{"sqlite", ""}, {"postgres", "postgres://lint@127.0.0.1:1/none"}, {"mysql", "mysql://lint@127.0.0.1:1/none"}} {
		args := []string{"lint", "c3d4e5f6a1b2:head"}
		if c.url != "" {
			args = append(args, "--database-url", c.url)
		}
		out, errOut, code := goRun(t, proj, env, bin, args...)
		if code != 1 {
			t.Fatalf("migrate %s: exit %d, want 1\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
		}
		checkLintGolden(t, "go_"+c.db+".golden", out)
	}
}
