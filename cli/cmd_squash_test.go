package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/goprojecttest"
)

// TestSquashCommand: a1..a3 of r0 - a1 - a2 - a3 - c become one revision
// with a3's id. Before: a database at a3 (the configured one), one at a2
// (inside the range) and one at c. After: the files and graph, then an
// upgrade from each state: a3 and c go on, a fresh database ends with the
// same schema as one upgraded before the squash, and the one at a2 is
// refused with what to do. verify stays quiet.
func TestSquashCommand(t *testing.T) {
	p := newCacheProject(t)
	for _, f := range []string{"a1_one.sql", "a2_two.sql", "a3_three.sql"} {
		os.Remove(p.path(f))
	}
	rev := func(id, parent, msg, up, down string) string {
		return "-- migrate:id " + id + "\n-- migrate:revises " + parent + "\n-- migrate:message " + msg +
			"\n\n-- migrate:upgrade\n" + up + "\n\n-- migrate:downgrade\n" + down + "\n"
	}
	p.write("r0_base.sql", rev("r0", "", "base", "CREATE TABLE t0 (id integer);", "DROP TABLE t0;"))
	p.write("a1_one.sql", rev("a1", "r0", "one", "CREATE TABLE t1 (id integer);", "DROP TABLE t1;"))
	p.write("a2_two.sql", rev("a2", "a1", "two", "ALTER TABLE t1 ADD COLUMN x integer;", "ALTER TABLE t1 DROP COLUMN x;"))
	p.write("a3_three.sql", rev("a3", "a2", "three", "CREATE INDEX ix_t1_x ON t1 (x);", "DROP INDEX ix_t1_x;"))
	p.write("c_four.sql", rev("c", "a3", "four", "CREATE TABLE t4 (id integer);", "DROP TABLE t4;"))
	db := func(name string) string { return "sqlite:" + filepath.Join(p.dir, name) }
	mustRun := func(args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr, _ := p.runIn(p.cache, args...)
		if code != 0 {
			t.Fatalf("migrate %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		return stdout, stderr
	}
	mustRun("upgrade", "a2", "--database-url", db("mid.db"))
	mustRun("upgrade", "head", "--database-url", db("head.db"))
	before, _ := mustRun("inspect", "--database-url", db("head.db"))

	// The configured database has not applied a3 yet: refused.
	mustRun("upgrade", "a2")
	if code, _, stderr, _ := p.runIn(p.cache, "squash", "a1:a3", "-m", "one to three"); code != ExitUsage || !strings.Contains(stderr, "the database has not applied a3") {
		t.Fatalf("squash with the database at a2: exit %d, %s", code, stderr)
	}
	mustRun("upgrade", "a3")
	out, _ := mustRun("squash", "a1:a3", "-m", "one to three")
	if want := "migrations/versions/a3_one_to_three.sql replaces a1, a2, a3\n"; out != want {
		t.Errorf("squash printed %q, want %q", out, want)
	}
	entries, _ := os.ReadDir(filepath.Join(p.dir, "migrations", "versions"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "a3_one_to_three.sql c_four.sql r0_base.sql" {
		t.Errorf("files after the squash: %s", got)
	}
	squashed, _ := os.ReadFile(p.path("a3_one_to_three.sql"))
	for _, want := range []string{"-- migrate:id a3\n-- migrate:revises r0\n-- migrate:replaces a1 a2 a3\n",
		"-- migrate:upgrade\n-- a1: one\nCREATE TABLE t1 (id integer);\n\n-- a2: two\nALTER TABLE t1 ADD COLUMN x integer;\n\n-- a3: three\nCREATE INDEX",
		"-- migrate:downgrade\n-- a3: three\nDROP INDEX ix_t1_x;\n\n-- a2: two\nALTER TABLE t1 DROP COLUMN x;\n\n-- a1: one\nDROP TABLE t1;\n"} {
		if !strings.Contains(string(squashed), want) {
			t.Errorf("the squashed file lacks %q:\n%s", want, squashed)
		}
	}
	if out, _ := mustRun("history"); out != "a3 -> c (head), four\nr0 -> a3, one to three\n<base> -> r0, base\n" {
		t.Errorf("history after the squash:\n%s", out)
	}

	// From each state.
	if _, stderr := mustRun("upgrade", "head"); !strings.Contains(stderr, "Running upgrade a3 -> c") || strings.Count(stderr, "Running") != 1 {
		t.Errorf("upgrade from a3 after the squash:\n%s", stderr)
	}
	if _, stderr := mustRun("upgrade", "head", "--database-url", db("head.db")); !strings.Contains(stderr, "nothing to upgrade") {
		t.Errorf("upgrade from c after the squash:\n%s", stderr)
	}
	mustRun("upgrade", "head", "--database-url", db("fresh.db"))
	if after, _ := mustRun("inspect", "--database-url", db("fresh.db")); after != before {
		t.Errorf("a fresh database after the squash:\n%s\nbefore the squash:\n%s", after, before)
	}
	code, _, stderr, _ := p.runIn(p.cache, "upgrade", "head", "--database-url", db("mid.db"))
	if code != ExitFailure || !strings.Contains(stderr, "revision a2, which was squashed into a3") {
		t.Errorf("upgrade from a2 after the squash: exit %d, %s", code, stderr)
	}
	if out, _ := mustRun("verify", "--database-url", db("head.db")); !strings.Contains(out, "match") {
		t.Errorf("verify after the squash: %q", out)
	}
	// Downgrading through the squashed revision undoes the whole range.
	mustRun("downgrade", "r0", "--database-url", db("head.db"))
	if out, _ := mustRun("inspect", "--database-url", db("head.db")); strings.Contains(out, "t1") || !strings.Contains(out, "t0") {
		t.Errorf("schema at r0 after downgrading the squash:\n%s", out)
	}
}

// TestSquashAutogenerateSQL: --autogenerate writes the statements that
// take the schema before a1 to the schema at a2, for the project's
// database, and the result passes the stairway test.
func TestSquashAutogenerateSQL(t *testing.T) {
	p := newCacheProject(t)
	p.write("a3_three.sql", strings.NewReplacer("CREATE TABLE t_a3 (id integer);", "ALTER TABLE t_a2 ADD COLUMN note text;",
		"DROP TABLE t_a3;", "ALTER TABLE t_a2 DROP COLUMN note;").Replace(cacheRev("a3", "a2", "three")))
	for _, args := range [][]string{{"upgrade", "head"}, {"squash", "a2:a3", "-m", "two and three", "--autogenerate"}, {"test", "-q"}, {"verify"}} {
		if code, stdout, stderr, _ := p.runIn(p.cache, args...); code != 0 {
			t.Fatalf("migrate %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	src, err := os.ReadFile(p.path("a3_two_and_three.sql"))
	for _, want := range []string{"-- migrate:replaces a2 a3\n", "-- migrate:dialect sqlite\n", `CREATE TABLE "t_a2" (`, `"note" TEXT`, `DROP TABLE "t_a2";`} {
		if err != nil || !strings.Contains(string(src), want) {
			t.Errorf("the squashed file lacks %q (%v):\n%s", want, err, src)
		}
	}
}

// TestGoProjectSquashAndStairway: the sample Go project passes `migrate
// test` through its compiled runner; three of its Go revisions are
// squashed (--keep), the squashed Go file compiles and passes the
// stairway too, the database at head stays valid and verified, and a
// fresh database reaches the same schema; a second squash, autogenerated,
// joins the first and the next revision, and a fresh database then
// matches the model.
func TestGoProjectSquashAndStairway(t *testing.T) {
	bin := migrateBinary(t) // skips with -short
	proj := goprojecttest.Copy(t, "..")
	env := []string{EnvCacheDir + "=" + t.TempDir()}
	run := func(args ...string) (string, string) {
		t.Helper()
		out, errOut, code := goRun(t, proj, env, bin, args...)
		if code != 0 {
			t.Fatalf("migrate %v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
		return out, errOut
	}
	run("upgrade", "head")
	if _, errOut := run("test"); !strings.Contains(errOut, "stairway: 5 revision(s)") {
		t.Fatalf("test before the squash:\n%s", errOut)
	}
	before, _ := run("inspect")
	run("squash", "a1b2c3d4e5f6:c3d4e5f6a1b2", "-m", "bio, admin and names", "--keep")
	if _, err := os.Stat(filepath.Join(proj, "migrations", "squashed", "c3d4e5f6a1b2_seed_admin.go")); err != nil {
		t.Errorf("--keep: %v", err)
	}
	if _, errOut := run("test"); !strings.Contains(errOut, "stairway: 3 revision(s)") {
		t.Fatalf("test after the squash:\n%s", errOut)
	}
	if _, errOut := run("upgrade", "head"); !strings.Contains(errOut, "nothing to upgrade") {
		t.Errorf("upgrade at head after the squash:\n%s", errOut)
	}
	run("verify")
	fresh := "sqlite:" + filepath.Join(proj, "fresh.db")
	run("--database-url", fresh, "upgrade", "head")
	if after, _ := run("--database-url", fresh, "inspect"); after != before {
		t.Errorf("fresh database after the squash:\n%s\nbefore:\n%s", after, before)
	}

	// Autogenerated, in the compiled runner: the squash of the first
	// squash and a revision whose init does more than register (which
	// only --autogenerate can squash) replaces all four.
	_, errOut := run("squash", "c3d4e5f6a1b2:d4e5f6a1b2c3", "-m", "up to names", "--autogenerate")
	if !strings.Contains(errOut, "data the range writes") {
		t.Errorf("squash --autogenerate: no warning about data:\n%s", errOut)
	}
	src, err := os.ReadFile(filepath.Join(proj, "migrations", "versions", "d4e5f6a1b2c3_up_to_names.go"))
	if err != nil || !strings.Contains(string(src), `Replaces:   []string{"a1b2c3d4e5f6", "b2c3d4e5f6a1", "c3d4e5f6a1b2", "d4e5f6a1b2c3"}`) || !strings.Contains(string(src), "ops.CreateTable{") {
		t.Errorf("the autogenerated squash (%v):\n%s", err, src)
	}
	// The stairway compares the schema at head with env.go's Target.
	if out, errOut := run("test", "--json"); !strings.Contains(errOut, "stairway: 2 revision(s)") || !strings.Contains(out, `"model_checked": true`) {
		t.Fatalf("test after the second squash:\n%s%s", out, errOut)
	}
	run("verify")
	run("--database-url", "sqlite:"+filepath.Join(proj, "fresh2.db"), "upgrade", "head")
	run("--database-url", "sqlite:"+filepath.Join(proj, "fresh2.db"), "check")
}
