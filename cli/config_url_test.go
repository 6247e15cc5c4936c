package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDatabaseURLVariables: a database_url naming an unset environment
// variable blocks only the commands that connect; a flag or environment
// variable that overrides it is used without expanding the file's value
// (issue 11 point 1).
func TestDatabaseURLVariables(t *testing.T) {
	p := newProject(t, "--template", "sql")
	p.write("migrate.toml", "script_location = \"migrations\"\n"+
		"database_url = \"postgres://app:${DB_PASSWORD}@localhost:5432/app?sslmode=disable\"\n")
	p.rev("a1", "first")

	for _, args := range [][]string{
		{"heads"}, {"history"}, {"show", "a1"}, {"revision", "-m", "second"},
		{"upgrade", "head", "--sql"}, {"downgrade", "head:base", "--sql"}, {"stamp", "heads", "--sql"},
	} {
		if code, _, stderr := p.run(args...); code != 0 {
			t.Errorf("migrate %s with DB_PASSWORD unset: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	out := p.ok("upgrade", "a1", "--sql")
	if !strings.Contains(out, "CREATE TABLE \"migrate_version\"") {
		t.Errorf("upgrade --sql did not print PostgreSQL's script:\n%s", out)
	}

	for _, args := range [][]string{{"current"}, {"upgrade", "head"}, {"info"}} {
		code, _, stderr := p.run(args...)
		want := filepath.Join(p.dir, "migrate.toml") + ":2: database_url: environment variable DB_PASSWORD is not set"
		if code != ExitUsage || !strings.Contains(stderr, want) {
			t.Errorf("migrate %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(args, " "), code, stderr, want)
		}
	}

	db := "sqlite:" + filepath.Join(p.dir, "override.db")
	p.ok("upgrade", "head", "--database-url", db)
	if out := p.ok("current", "--database-url", db); !strings.Contains(out, "(head)") {
		t.Errorf("current with --database-url: %q", out)
	}
	p.env["MIGRATE_DATABASE_URL"] = db
	if out := p.ok("current"); !strings.Contains(out, "(head)") {
		t.Errorf("current with MIGRATE_DATABASE_URL: %q", out)
	}
	delete(p.env, "MIGRATE_DATABASE_URL")
	p.env["DB_PASSWORD"] = "s3cret"
	if code, _, stderr := p.run("current"); code != ExitFailure || strings.Contains(stderr, "s3cret") || !strings.Contains(stderr, "app:xxxxx@localhost") {
		// The expanded URL is used (and fails to connect: no server
		// listens for it), its password masked.
		t.Errorf("current with DB_PASSWORD set: exit %d, stderr %q", code, stderr)
	}
}
