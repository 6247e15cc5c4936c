package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// branched is a project with two heads: ord1 and aud1 (label audit) on
// base1.
func branched(t *testing.T) *testProject {
	p := newProject(t)
	p.rev("base1", "create users")
	p.rev("ord1", "create orders")
	p.rev("aud1", "audit log", "--head", "base1", "--splice", "--branch-label", "audit")
	return p
}

func TestRevisionGraphErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(p *testProject)
		args  []string
		code  int
		want  string
	}{
		{name: "multiple heads", args: []string{"revision", "-m", "x"}, code: 2,
			want: "migrate: Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.\n"},
		{name: "not a head", args: []string{"revision", "-m", "x", "--head", "base1"}, code: 2,
			want: "migrate: Revision base1 is not a head revision; please specify --splice to create a new branch from this revision\n"},
		{name: "model without autogenerate", args: []string{"revision", "-m", "x", "--model", "schema.sql"}, code: 2,
			want: "--model, --dev-url, --drop-views, --interactive and --allow-empty go with --autogenerate"},
		{name: "bad rev id", args: []string{"revision", "-m", "x", "--head", "ord1", "--rev-id", "a-b"}, code: 2,
			want: `--rev-id: revision id "a-b": the character '-' is not allowed`},
		{name: "reserved rev id", args: []string{"revision", "-m", "x", "--head", "ord1", "--rev-id", "heads"}, code: 2,
			want: "reserved word"},
		{name: "existing rev id", args: []string{"revision", "-m", "x", "--head", "ord1", "--rev-id", "ord1"}, code: 2,
			want: "--rev-id: revision ord1 already exists (migrations/versions/ord1_create_orders.go)"},
		{name: "rev id equal to a label", args: []string{"revision", "-m", "x", "--head", "ord1", "--rev-id", "audit"}, code: 2,
			want: "--rev-id: audit is a branch label of revision aud1"},
		{name: "unknown head", args: []string{"revision", "-m", "x", "--head", "zzzz"}, code: 2,
			want: "No such revision or branch 'zzzz'"},
		{name: "head current", args: []string{"revision", "-m", "x", "--head", "current"}, code: 2,
			want: "'current' cannot be used here"},
		{name: "version path not configured", args: []string{"revision", "-m", "x", "--head", "ord1", "--version-path", "elsewhere"}, code: 2,
			want: "Path elsewhere is not represented in current version locations (migrations/versions)"},
		{name: "unknown dependency", args: []string{"revision", "-m", "x", "--head", "ord1", "--depends-on", "nope"}, code: 2,
			want: "--depends-on nope: No such revision or branch 'nope'"},
		{name: "dependency base", args: []string{"revision", "-m", "x", "--head", "ord1", "--depends-on", "base"}, code: 2,
			want: "--depends-on base: names no revision"},
		{name: "duplicate label", args: []string{"revision", "-m", "x", "--head", "ord1", "--branch-label", "audit", "--rev-id", "n1"}, code: 2,
			want: "revision: revision graph: Branch name 'audit' in revision n1 already used by revision aud1"},
		{name: "label equal to an id", args: []string{"revision", "-m", "x", "--head", "ord1", "--branch-label", "base1", "--rev-id", "n1"}, code: 2,
			want: "Branch name 'base1' in revision n1 already used by revision base1"},
		{name: "reserved label", args: []string{"revision", "-m", "x", "--head", "ord1", "--branch-label", "head"}, code: 2,
			want: `--branch-label "head": head is a reserved word`},
		{name: "label with @", args: []string{"revision", "-m", "x", "--head", "ord1", "--branch-label", "a@b"}, code: 2,
			want: `a label may not contain '@'`},
		{name: "relative label", args: []string{"revision", "-m", "x", "--head", "ord1", "--branch-label", "v-1"}, code: 2,
			want: "reads as a relative revision identifier"},
		{name: "new base depending on a head", args: []string{"revision", "-m", "x", "--head", "base", "--depends-on", "ord1", "--rev-id", "n1"}, code: 0},
		{name: "duplicate heads", args: []string{"merge", "ord1", "ord1", "-m", "m"}, code: 2,
			want: "migrate: Duplicate head revisions specified\n"},
		{name: "merge one head", args: []string{"merge", "ord1", "-m", "m"}, code: 2,
			want: "merge: ord1 names only revision ord1; a merge revises two or more revisions"},
		{name: "merge non-head", args: []string{"merge", "ord1", "base1", "-m", "m"}, code: 2,
			want: "Revision base1 is not a head revision"},
		{name: "merge nothing", args: []string{"merge", "-m", "m"}, code: 2,
			want: "merge: name the revisions to merge"},
		{name: "show unknown", args: []string{"show", "nope"}, code: 2,
			want: "migrate: No such revision or branch 'nope'"},
		{name: "show ambiguous prefix", setup: func(p *testProject) { p.rev("ord2", "more orders", "--head", "ord1") },
			args: []string{"show", "or"}, code: 2, want: "ord1"},
		{name: "show base", args: []string{"show", "base"}, code: 2,
			want: "No revision files indicated by symbol 'base'"},
		{name: "show without argument", args: []string{"show"}, code: 2,
			want: "takes 1 argument(s), got 0"},
		{name: "show head with two heads", args: []string{"show", "head"}, code: 2,
			want: "Multiple head revisions are present"},
		{name: "edit without editor", args: []string{"edit", "ord1"}, code: 2,
			want: "No suitable editor found: set the EDITOR or VISUAL environment variable"},
		{name: "history bad range", args: []string{"history", "-r", "a:b:c"}, code: 2,
			want: "History range requires [start]:[end], [start]:, or :[end]"},
		{name: "history unknown in range", args: []string{"history", "-r", "nope:"}, code: 2,
			want: "history: No such revision or branch 'nope'"},
		{name: "history range across branches", args: []string{"history", "-r", "ord1:aud1"}, code: 2,
			want: "does not refer to ancestor/descendant revisions along the same branch"},
		{name: "history bad format", args: []string{"history", "--format", "png"}, code: 2,
			want: `unknown --format "png" (use dot or mermaid)`},
		{name: "history graph and format", args: []string{"history", "--graph", "--format", "dot"}, code: 2,
			want: "--graph and --format cannot be used together"},
		{name: "history json and graph", args: []string{"history", "--graph", "--json"}, code: 2,
			want: "--json cannot be used with --graph or --format"},
		{name: "history applied and graph", args: []string{"history", "--applied", "--graph"}, code: 2,
			want: "--applied cannot be used with -r, -i, --graph or --format"},
		{name: "heads with argument", args: []string{"heads", "x"}, code: 2, want: `migrate heads takes no arguments, got "x" (see 'migrate heads --help')`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := branched(t)
			if tt.setup != nil {
				tt.setup(p)
			}
			before := versionFiles(t, p)
			code, stdout, stderr := p.run(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.want)
			}
			if code != 0 && len(versionFiles(t, p)) != len(before) {
				t.Errorf("a refused command wrote a file")
			}
		})
	}
}

func versionFiles(t *testing.T, p *testProject) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(p.dir, "migrations", "versions", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadErrorsNameFiles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  []string
	}{
		{name: "no project", args: []string{"heads"}, want: []string{"no migrate.toml found", "run `migrate init`"}},
		{name: "malformed SQL file",
			files: map[string]string{"migrate.toml": "", "migrations/versions/bad.sql": "-- migrate:id x\n-- migrate:frobnicate y\n"},
			args:  []string{"history"}, want: []string{"load revisions: migrations/versions/bad.sql:"}},
		{name: "duplicate id",
			files: map[string]string{"migrate.toml": "",
				"migrations/versions/one.sql": "-- migrate:id a1\n-- migrate:revises\n\n-- migrate:upgrade\n",
				"migrations/versions/two.sql": "-- migrate:id a1\n-- migrate:revises\n\n-- migrate:upgrade\n"},
			args: []string{"heads"}, want: []string{"Revision a1 is present more than once", "migrations/versions/one.sql", "migrations/versions/two.sql"}},
		{name: "unknown parent",
			files: map[string]string{"migrate.toml": "",
				"migrations/versions/one.sql": "-- migrate:id a1\n-- migrate:revises zz\n\n-- migrate:upgrade\n"},
			args: []string{"history", "--graph"}, want: []string{"Revision zz referenced from a1 is not present", "migrations/versions/one.sql"}},
		{name: "missing version location",
			files: map[string]string{"migrate.toml": "version_locations = [\"nowhere\"]\n", "migrations/env.go": "package migrations\n"},
			args:  []string{"heads"}, want: []string{"version location nowhere does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &testProject{t: t, dir: t.TempDir()}
			for name, content := range tt.files {
				p.write(name, content)
			}
			code, _, stderr := p.run(tt.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not contain %q", stderr, w)
				}
			}
		})
	}
}

func TestRevisionFiles(t *testing.T) {
	t.Run("sql file and Go file", func(t *testing.T) {
		p := newProject(t)
		out := p.ok("revision", "-m", "Create users!", "--rev-id", "a1", "--sql-file")
		if out != "  Generating migrations/versions/a1_create_users.sql ...  done\n" {
			t.Errorf("stdout %q", out)
		}
		p.rev("a2", "add email")
		src, err := os.ReadFile(filepath.Join(p.dir, "migrations", "versions", "a2_add_email.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"package versions", `Revises:    []string{"a1"}`, `Message:    "add email"`} {
			if !strings.Contains(string(src), w) {
				t.Errorf("Go revision lacks %q:\n%s", w, src)
			}
		}
		if got := p.ok("heads"); got != "a2 (head)\n" {
			t.Errorf("heads = %q", got)
		}
	})
	t.Run("sql template writes SQL by default", func(t *testing.T) {
		p := newProject(t, "--template", "sql")
		p.rev("a1", "first")
		if _, err := os.Stat(filepath.Join(p.dir, "migrations", "versions", "a1_first.sql")); err != nil {
			t.Error(err)
		}
	})
	t.Run("default message and random id", func(t *testing.T) {
		p := newProject(t)
		out := p.ok("revision")
		if !strings.HasPrefix(out, "  Generating migrations/versions/") || !strings.HasSuffix(out, "_empty_message.go ...  done\n") {
			t.Errorf("stdout %q", out)
		}
		heads := p.ok("heads")
		if len(strings.TrimSuffix(heads, " (head)\n")) != 12 {
			t.Errorf("heads %q: want a 12-character id", heads)
		}
	})
	t.Run("depends_on keeps labels and completes prefixes", func(t *testing.T) {
		p := branched(t)
		p.rev("n1", "needs both", "--head", "ord1", "--depends-on", "audit", "--depends-on", "bas")
		got := p.ok("show", "n1")
		if !strings.Contains(got, "Also depends on: audit, base1\n") {
			t.Errorf("show n1:\n%s", got)
		}
	})
	t.Run("branch label at base and branch@head", func(t *testing.T) {
		p := newProject(t)
		p.rev("a1", "first")
		p.rev("x1", "other line", "--head", "base", "--branch-label", "other")
		p.rev("x2", "more", "--head", "other@head")
		p.rev("a2", "main more", "--head", "a1")
		if got := p.ok("heads"); got != "x2 (other) (head)\na2 (head)\n" && got != "a2 (head)\nx2 (other) (head)\n" {
			t.Errorf("heads = %q", got)
		}
	})
	t.Run("several version locations", func(t *testing.T) {
		p := newProject(t)
		toml, err := os.ReadFile(filepath.Join(p.dir, "migrate.toml"))
		if err != nil {
			t.Fatal(err)
		}
		p.write("migrate.toml", strings.Replace(string(toml), "# version_locations = [\"migrations/versions\"]",
			"version_locations = [\"migrations/versions\", \"extra\"]", 1))
		p.rev("a1", "first", "--version-path", "migrations/versions")
		p.rev("a2", "second") // follows its head into migrations/versions
		code, _, stderr := p.run("revision", "-m", "x", "--head", "base", "--branch-label", "x")
		if code != 2 || !strings.Contains(stderr, "Multiple version locations present, please specify --version-path (one of migrations/versions, extra)") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		p.rev("e1", "extra base", "--head", "base", "--branch-label", "x", "--version-path", "extra")
		for _, f := range []string{"migrations/versions/a2_second.go", "extra/e1_extra_base.go"} {
			if _, err := os.Stat(filepath.Join(p.dir, f)); err != nil {
				t.Error(err)
			}
		}
		if got := p.ok("heads"); got != "a2 (head)\ne1 (x) (head)\n" {
			t.Errorf("heads = %q", got)
		}
	})
	t.Run("file exists", func(t *testing.T) {
		p := newProject(t)
		p.write("migrations/versions/_a1_first.go.bak", "")
		p.write("migrations/versions/a1_first.sql", "-- migrate:id zz\n-- migrate:revises\n\n-- migrate:upgrade\n")
		code, _, stderr := p.run("revision", "-m", "first", "--rev-id", "a1", "--sql-file")
		if code != 2 || !strings.Contains(stderr, "a1_first.sql already exists") {
			t.Errorf("exit %d: %s", code, stderr)
		}
	})
}

func TestEdit(t *testing.T) {
	p := branched(t)
	log := filepath.Join(p.dir, "edited")
	script := filepath.Join(p.dir, "fake-editor")
	p.write("fake-editor", "#!/bin/sh\necho \"$@\" >> "+log+"\n")
	if err := os.Chmod(script, 0o755); err != nil {
		t.Fatal(err)
	}
	p.env["VISUAL"] = script + " --wait"
	p.ok("edit", "audit")
	got, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	want := "--wait " + filepath.Join(p.dir, "migrations", "versions", "aud1_audit_log.go") + "\n"
	if string(got) != want {
		t.Errorf("editor got %q, want %q", got, want)
	}
	p.env["EDITOR"] = "false"
	code, _, stderr := p.run("edit", "ord1")
	if code != 3 || !strings.Contains(stderr, `the editor "false" exited with status 1`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestHistoryIndicateCurrent(t *testing.T) {
	p := branched(t)
	db := filepath.Join(p.dir, "app.db")

	// No database file yet: nothing is current, and none is created.
	out := p.ok("history", "-i")
	if strings.Contains(out, "(current)") {
		t.Errorf("history -i without a database:\n%s", out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("history -i created the database file (%v)", err)
	}

	sqlDB, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	// A database without the version table: nothing is current.
	if _, err := sqlDB.Exec(`CREATE TABLE other (x int)`); err != nil {
		t.Fatal(err)
	}
	if out := p.ok("history", "-i"); strings.Contains(out, "(current)") {
		t.Errorf("history -i without a version table:\n%s", out)
	}
	for _, q := range []string{
		`CREATE TABLE migrate_version (version_num varchar(255) PRIMARY KEY)`,
		`INSERT INTO migrate_version VALUES ('aud1')`,
	} {
		if _, err := sqlDB.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	out = p.ok("history", "-i")
	if !strings.Contains(out, "base1 -> aud1 (audit) (head) (current), audit log\n") || strings.Count(out, "(current)") != 1 {
		t.Errorf("history -i:\n%s", out)
	}
	if out := p.ok("history", "-r", "current:"); strings.TrimSpace(out) != "base1 -> aud1 (audit) (head), audit log" {
		t.Errorf("history -r current: = %q", out)
	}
	if out := p.ok("show", "current"); !strings.HasPrefix(out, "Rev: aud1 (head) (current)\n") && !strings.HasPrefix(out, "Rev: aud1 (head)\n") {
		t.Errorf("show current:\n%s", out)
	}

	// A row no file defines.
	if _, err := sqlDB.Exec(`INSERT INTO migrate_version VALUES ('ffff')`); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := p.run("history", "-i")
	if code != 2 || !strings.Contains(stderr, "the version table names revision ffff, which no revision file in migrations/versions defines") {
		t.Errorf("exit %d: %s", code, stderr)
	}

	// An unreachable database is a failure.
	p.env["MIGRATE_DATABASE_URL"] = "postgres://u:secret@127.0.0.1:1/db?connect_timeout=5"
	code, _, stderr = p.run("history", "-i")
	if code != 3 || !strings.Contains(stderr, "connect to") || strings.Contains(stderr, "secret") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestHistoryMasksPasswords(t *testing.T) {
	p := newProject(t)
	p.env["MIGRATE_DATABASE_URL"] = "postgres://app:hunter2@db.example/app"
	p.rev("a1", "rotate hunter2 away")
	p.rev("a2", "copy from postgres://bob:s3cret@old/db")
	for _, args := range [][]string{{"history"}, {"history", "--graph"}, {"history", "--format", "dot"}} {
		out := p.ok(args...)
		// The password field of a URL is masked; the same text outside a
		// URL is the user's own words and stays (issue 10 point 11).
		if strings.Contains(out, "s3cret") || !strings.Contains(out, "bob:xxxxx@old") || !strings.Contains(out, "rotate hunter2 away") {
			t.Errorf("%v does not mask passwords:\n%s", args, out)
		}
	}
}
