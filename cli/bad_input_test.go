package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputRefused: input that used to reach the database or be
// silently changed is refused with exit 2 and a message naming it (issue
// 10 point 10).
func TestBadInputRefused(t *testing.T) {
	p := newProject(t, "--template", "sql")
	p.rev("a1", "first")
	db := "sqlite:" + filepath.Join(p.dir, "app.db")
	tests := []struct {
		name  string
		file  string // a revision file written first, removed after
		body  string
		env   map[string]string
		args  []string
		wants []string
	}{
		{name: "NUL byte", file: "b1_nul.sql",
			body: "-- migrate:id b1\n-- migrate:revises a1\n-- migrate:upgrade\nCREATE TABLE t (x int);\x00DROP TABLE t;\n",
			args: []string{"upgrade", "head"}, wants: []string{"b1_nul.sql:4: NUL byte at column 24"}},
		{name: "NUL byte, graph command", file: "b1_nul.sql",
			body: "-- migrate:id b1\n-- migrate:revises a1\n-- migrate:upgrade\nSELECT 1;\x00\n",
			args: []string{"heads"}, wants: []string{"b1_nul.sql:4: NUL byte"}},
		{name: "invalid UTF-8", file: "b1_latin1.sql",
			body: "-- migrate:id b1\n-- migrate:revises a1\n-- migrate:upgrade\nINSERT INTO t VALUES ('\xe9t\xe9');\n",
			args: []string{"upgrade", "head"}, wants: []string{"b1_latin1.sql:4: invalid UTF-8 at column 24"}},
		{name: "revises twice", file: "b1_twice.sql",
			body: "-- migrate:id b1\n-- migrate:revises a1 a1\n-- migrate:upgrade\n",
			args: []string{"history"}, wants: []string{"b1_twice.sql:2: revises: a1 is listed twice"}},
		{name: "label with a newline", args: []string{"revision", "-m", "x", "--branch-label", "a\nb"},
			wants: []string{`--branch-label "a\nb": a label may not contain`}},
		{name: "negative lock timeout", args: []string{"upgrade", "head", "--lock-timeout=-5s"},
			wants: []string{"--lock-timeout -5s: a wait cannot be negative"}},
		{name: "negative lock timeout offline", args: []string{"upgrade", "head", "--sql", "--lock-timeout=-5s"},
			wants: []string{"--lock-timeout -5s: a wait cannot be negative"}},
		// No server listens on port 1: exit 2 shows that the name was
		// refused before any connection was tried.
		{name: "MySQL version table of a space", env: map[string]string{"MIGRATE_VERSION_TABLE": " "},
			args:  []string{"upgrade", "head", "--database-url", "mysql://root@127.0.0.1:1/app"},
			wants: []string{`version_table " " (from env MIGRATE_VERSION_TABLE) cannot be used on mysql`, "ends with a space"}},
		{name: "MySQL history table too long", env: map[string]string{"MIGRATE_HISTORY_TABLE": strings.Repeat("h", 70)},
			args:  []string{"current", "--database-url", "mysql://root@127.0.0.1:1/app"},
			wants: []string{"history_table", "MySQL identifiers hold at most 64"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.file != "" {
				p.write("migrations/versions/"+tt.file, tt.body)
				defer p.remove("migrations/versions/" + tt.file)
			}
			for k, v := range tt.env {
				p.env[k] = v
				defer delete(p.env, k)
			}
			args := tt.args
			if !strings.Contains(strings.Join(args, " "), "--database-url") {
				args = append(args, "--database-url", db)
			}
			code, _, stderr := p.run(args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want 2; stderr %s", code, stderr)
			}
			for _, w := range tt.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not contain %q", stderr, w)
				}
			}
		})
	}
	// Nothing reached the database: it was not even created.
	if code, _, stderr := p.run("current", "--database-url", db); code != ExitFailure || !strings.Contains(stderr, "does not exist") {
		t.Errorf("current after the refusals: exit %d, %s", code, stderr)
	}
}

// remove deletes a file of the project.
func (p *testProject) remove(rel string) {
	p.t.Helper()
	if err := os.Remove(filepath.Join(p.dir, filepath.FromSlash(rel))); err != nil {
		p.t.Fatal(err)
	}
}

// TestMissingSQLiteFile: the commands that report on the database never
// create a SQLite file; they say it does not exist (exit 3), and whether
// upgrade could create it (issue 10 point 12).
func TestMissingSQLiteFile(t *testing.T) {
	p := newProject(t, "--template", "sql")
	p.rev("a1", "first")
	missingDir := filepath.Join(p.dir, "nonexistent", "dir")
	for _, tc := range []struct{ url, want string }{
		{"sqlite:" + filepath.Join(missingDir, "x.db"), "neither does its directory " + missingDir},
		{"sqlite:" + filepath.Join(p.dir, "x.db"), "run `migrate upgrade` to create it"},
	} {
		for _, cmd := range []string{"current", "verify"} {
			code, _, stderr := p.run(cmd, "--database-url", tc.url)
			if code != ExitFailure || !strings.Contains(stderr, "x.db does not exist") || !strings.Contains(stderr, tc.want) {
				t.Errorf("%s on %s: exit %d, stderr %q", cmd, tc.url, code, stderr)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(p.dir, "x.db")); err == nil {
		t.Error("a read-only command created the database file")
	}
}
