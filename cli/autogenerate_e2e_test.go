package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/goprojecttest"
	"github.com/migratego/migrate/internal/testdb"
)

// agProject is a project of the end-to-end autogenerate tests.
type agProject struct {
	t        *testing.T
	dir, bin string
	env      []string
}

// run runs migrate in the project and checks its exit status.
func (p *agProject) run(code int, args ...string) (string, string) {
	p.t.Helper()
	out, errOut, got := goRun(p.t, p.dir, p.env, p.bin, args...)
	if got != code {
		p.t.Fatalf("migrate %v: exit %d, want %d\nstdout: %s\nstderr: %s", args, got, code, out, errOut)
	}
	return out, errOut
}

// write writes a file of the project.
func (p *agProject) write(name, text string) {
	p.t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// revisions returns the revision files of the project.
func (p *agProject) revisions(ext string) []string {
	p.t.Helper()
	files, err := filepath.Glob(filepath.Join(p.dir, "migrations", "versions", "*"+ext))
	if err != nil {
		p.t.Fatal(err)
	}
	return files
}

func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// TestAutogenerateSQLModel runs a SQL project whose model is a schema
// file on the three databases (a temporary scratch database on the
// servers): check fails, autogenerate writes the baseline, upgrade head
// makes check pass and a second autogenerate finds nothing; a change of
// the model gives a second revision, and its downgrade makes check fail
// again.
func TestAutogenerateSQLModel(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			tg := testdb.New(t, name)
			p := &agProject{t: t, dir: t.TempDir(), bin: bin}
			schema, err := os.ReadFile(filepath.Join("..", "internal", "autogenerate", "testdata", "model", name+".sql"))
			if err != nil {
				t.Fatal(err)
			}
			p.write("schema/shop.sql", string(schema))
			p.write("migrate.toml", "database_url = \""+tg.URL+"\"\n\n[model]\nsql = [\"schema/*.sql\"]\n")
			p.write("migrations/versions/.keep", "")

			out, _ := p.run(1, "check")
			contains(t, "check before the baseline", out, "create_table", "+++ model", "customers")
			out, _ = p.run(0, "revision", "-m", "baseline", "--autogenerate")
			contains(t, "revision", out, "Generating", "_baseline.sql")
			revs := p.revisions(".sql")
			if len(revs) != 1 {
				t.Fatalf("want one SQL revision, have %v", revs)
			}
			text, _ := os.ReadFile(revs[0])
			contains(t, revs[0], string(text), "-- migrate:dialect "+name, "-- migrate:upgrade", "-- migrate:downgrade", "order_lines")
			p.run(0, "upgrade", "head")
			out, _ = p.run(0, "check")
			contains(t, "check after upgrade", out, "No changes: the database matches the model")
			out, _ = p.run(0, "revision", "-m", "nothing", "--autogenerate")
			contains(t, "second autogenerate", out, "No changes detected")
			if n := len(p.revisions(".sql")); n != 1 {
				t.Fatalf("an empty autogenerate wrote a file: %d revisions", n)
			}
			out, _ = p.run(0, "--json", "check")
			var rep struct {
				Equal      bool     `json:"equal"`
				Operations []string `json:"operations"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil || !rep.Equal || len(rep.Operations) != 0 {
				t.Fatalf("check --json = %s (%v), want equal", out, err)
			}

			// A new table in a second file: a second revision.
			p.write("schema/zz_notes.sql", "CREATE TABLE notes (id integer NOT NULL PRIMARY KEY, body varchar(200));\n")
			p.run(0, "revision", "-m", "notes", "--autogenerate")
			p.run(0, "upgrade", "head")
			p.run(0, "check")
			// Below the heads, the comparison would count the unapplied
			// revision's table as missing and write it again: refused.
			p.run(0, "downgrade", "-1")
			_, errOut := p.run(2, "check")
			contains(t, "check after downgrade", errOut, "the database is not up to date", "migrate upgrade heads")
			_, errOut = p.run(2, "revision", "-m", "notes again", "--autogenerate")
			contains(t, "autogenerate after downgrade", errOut, "the database is not up to date")
			if n := len(p.revisions(".sql")); n != 2 {
				t.Fatalf("autogenerate below the heads wrote a file: %d revisions", n)
			}
			p.run(0, "upgrade", "head")

			// Bad input: a statement the scratch database refuses, no model.
			p.write("schema/zz_notes.sql", "CREATE TABLE notes (id integer NOT NULL PRIMARY KEY);\n\nCREATE TABEL broken (id integer);\n")
			_, errOut = p.run(2, "check")
			contains(t, "check of a bad schema file", errOut, filepath.Join("schema", "zz_notes.sql")+":3:", "CREATE TABEL broken")
			p.write("migrate.toml", "database_url = \""+tg.URL+"\"\n")
			_, errOut = p.run(2, "check")
			contains(t, "check without a model", errOut, "no model to compare the database with")
			p.write("schema/zz_notes.sql", "CREATE TABLE notes (id integer NOT NULL PRIMARY KEY, body varchar(200));\n")
			out, _ = p.run(0, "check", "--model", "schema")
			contains(t, "check --model", out, "No changes")
		})
	}
}

// TestAutogenerateGoModel runs the sample Go project, whose env.go
// declares Target: check and revision --autogenerate run in the compiled
// runner; the generated Go revision compiles and applies, and env.go's
// Rewrite hook shapes the revision.
func TestAutogenerateGoModel(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	p := &agProject{t: t, dir: goprojecttest.Copy(t, ".."), bin: bin}
	p.env = []string{EnvCacheDir + "=" + t.TempDir()}

	p.run(0, "upgrade", "head")
	out, _ := p.run(0, "check")
	contains(t, "check at head", out, "No changes: the database matches the model")

	// The model gains a table and a column; the hook leaves out the
	// creation of table "drafts".
	env, err := os.ReadFile(filepath.Join(p.dir, "migrations", "env.go"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(env), `{Name: "last_name", Type: model.Varchar(100), Nullable: true},`,
		`{Name: "last_name", Type: model.Varchar(100), Nullable: true},
			{Name: "active", Type: model.Boolean, Default: model.DefaultLiteral(true)},`, 1)
	src = strings.Replace(src, "\t})\n}\n", `	}, &model.Table{
		Name:       "posts",
		Columns:    []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "user_id", Type: model.BigInt}, {Name: "title", Type: model.Text}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
	}, &model.Table{
		Name:    "drafts",
		Columns: []*model.Column{{Name: "id", Type: model.BigInt}},
	})
}

// Rewrite leaves the drafts table out of autogenerated revisions.
func Rewrite(up []ops.Operation) ([]ops.Operation, error) {
	var out []ops.Operation
	for _, o := range up {
		if c, ok := o.(ops.CreateTable); ok && c.Table.Name == "drafts" {
			continue
		}
		out = append(out, o)
	}
	return out, nil
}
`, 1)
	src = strings.Replace(src, `import "github.com/migratego/migrate/model"`, "import (\n\t\"github.com/migratego/migrate/model\"\n\t\"github.com/migratego/migrate/ops\"\n)", 1)
	if src == string(env) || !strings.Contains(src, "func Rewrite") || !strings.Contains(src, `"posts"`) {
		t.Fatalf("the sample env.go changed; update this test:\n%s", env)
	}
	p.write("migrations/env.go", src)

	out, _ = p.run(1, "check")
	contains(t, "check after the model changed", out, "posts", "drafts", "+++ model")
	before := len(p.revisions(".go"))
	out, _ = p.run(0, "revision", "-m", "posts", "--autogenerate")
	contains(t, "revision --autogenerate", out, "Generating", "_posts.go")
	revs := p.revisions(".go")
	if len(revs) != before+1 {
		t.Fatalf("want one more Go revision, have %v", revs)
	}
	var newest string
	for _, r := range revs {
		if strings.HasSuffix(r, "_posts.go") {
			newest = r
		}
	}
	text, _ := os.ReadFile(newest)
	contains(t, newest, string(text), "ops.CreateTable{", `Name: "posts"`, "ops.DropTable{", `"active"`)
	if strings.Contains(string(text), "drafts") {
		t.Errorf("the Rewrite hook did not leave drafts out:\n%s", text)
	}
	p.run(0, "upgrade", "head")
	out, _ = p.run(1, "check")
	contains(t, "check after upgrade (drafts left out by the hook)", out, "create_table", "drafts")
	if strings.Contains(out, `"posts"`) {
		t.Errorf("check after upgrade still lists posts:\n%s", out)
	}
}

// TestStairwayTemporaryDatabase runs `migrate test` against PostgreSQL and
// MariaDB without --dev-url: the stairway runs on a temporary database
// made on the configured server, and the configured database is left
// empty.
func TestStairwayTemporaryDatabase(t *testing.T) {
	for _, name := range []string{"postgres", "mysql"} {
		t.Run(name, func(t *testing.T) {
			db, tg := testdb.Open(t, name)
			good := filepath.Join("..", "testdata", "stairway", "good")
			code, stdout, stderr := run(t, good, nil, "--database-url", tg.URL, "test", "--json")
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
			}
			md, err := inspect.Database(context.Background(), db, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := len(md.Tables)
			if n != 0 {
				t.Errorf("the configured database has %d tables after migrate test, want none", n)
			}
		})
	}
}

// TestAutogenerateInteractiveRename: without --interactive a dropped and
// an added column of compatible type are a drop and an add with a warning
// on stderr; with it, the answer "y" makes a rename.
func TestAutogenerateInteractiveRename(t *testing.T) {
	dir := t.TempDir()
	p := &agProject{t: t, dir: dir}
	p.write("migrate.toml", "database_url = \"sqlite:app.db\"\n\n[model]\nsql = [\"schema.sql\"]\n")
	p.write("migrations/versions/.keep", "")
	p.write("schema.sql", "CREATE TABLE users (id integer PRIMARY KEY, email varchar(200) NOT NULL);\n")
	exec := func(input string, args ...string) (int, string, string) {
		var stdout, stderr strings.Builder
		code := Execute(context.Background(), args, &stdout, &stderr, WithWorkDir(dir), WithInput(strings.NewReader(input)),
			WithLookupEnv(func(string) (string, bool) { return "", false }))
		return code, stdout.String(), stderr.String()
	}
	if code, out, errOut := exec("", "revision", "-m", "users", "--autogenerate"); code != 0 {
		t.Fatalf("baseline: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := exec("", "upgrade", "head"); code != 0 {
		t.Fatalf("upgrade: exit %d\n%s%s", code, out, errOut)
	}
	p.write("schema.sql", "CREATE TABLE users (id integer PRIMARY KEY, email_address varchar(200) NOT NULL);\n")

	code, out, errOut := exec("", "check")
	if code != 1 || !strings.Contains(errOut, "users.email") || !strings.Contains(out, "email_address") {
		t.Fatalf("check: exit %d, want 1 with a warning about users.email on stderr\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	code, out, errOut = exec("y\n", "revision", "-m", "rename", "--autogenerate", "--interactive")
	if code != 0 || !strings.Contains(errOut, "Did you rename users.email to users.email_address? [y/N] ") {
		t.Fatalf("revision --interactive: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "migrations", "versions", "*_rename.sql"))
	if len(files) != 1 {
		t.Fatalf("want one rename revision, have %v", files)
	}
	text, _ := os.ReadFile(files[0])
	contains(t, files[0], string(text), `RENAME COLUMN "email" TO "email_address"`, `RENAME COLUMN "email_address" TO "email"`)
	if code, out, errOut := exec("", "upgrade", "head"); code != 0 {
		t.Fatalf("upgrade: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := exec("", "check"); code != 0 {
		t.Fatalf("check after the rename: exit %d\n%s%s", code, out, errOut)
	}
}
