package cli

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestRebaseCommand: a side branch is moved onto the main line's head;
// only its first file changes, and only in its revises line; the header
// cache reads the file again; a database at the old head and a fresh one
// both upgrade to the new single head. A branch the database has applied
// is refused (file unchanged) unless --force, which warns.
func TestRebaseCommand(t *testing.T) {
	p := newCacheProject(t)
	p.write("x1_side.sql", cacheRev("x1", "a1", "side"))
	p.write("x2_more.sql", cacheRev("x2", "x1", "more"))
	mustRun := func(args ...string) (string, string, []string) {
		t.Helper()
		code, stdout, stderr, reads := p.runIn(p.cache, args...)
		if code != 0 {
			t.Fatalf("migrate %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		return stdout, stderr, reads
	}
	if out, _, _ := mustRun("heads"); out != "a3 (head)\nx2 (head)\n" {
		t.Fatalf("heads before: %q", out)
	}
	mustRun("upgrade", "a3")

	out, _, _ := mustRun("rebase", "x1", "--onto", "a2@head")
	if want := "migrations/versions/x1_side.sql now revises a3 (was a1)\n"; out != want {
		t.Errorf("rebase printed %q, want %q", out, want)
	}
	if b, _ := os.ReadFile(p.path("x1_side.sql")); string(b) != cacheRev("x1", "a3", "side") {
		t.Errorf("x1_side.sql after the rebase:\n%s", b)
	}
	if b, _ := os.ReadFile(p.path("x2_more.sql")); string(b) != cacheRev("x2", "x1", "more") {
		t.Errorf("x2_more.sql changed:\n%s", b)
	}
	out, _, reads := mustRun("heads")
	if out != "x2 (head)\n" {
		t.Errorf("heads after: %q, want x2 alone", out)
	}
	if !slices.Contains(reads, "x1_side.sql") {
		t.Errorf("heads used the cached header of the rewritten file (read %v)", reads)
	}
	if out, _, _ := mustRun("history"); out != "x1 -> x2 (head), more\na3 -> x1, side\na2 -> a3, three\na1 -> a2, two\n<base> -> a1, one\n" {
		t.Errorf("history after:\n%s", out)
	}

	// The database at the old head a3, and a fresh one, reach x2.
	mustRun("upgrade", "head")
	if out, _, _ := mustRun("current"); !strings.HasPrefix(out, "x2") {
		t.Errorf("current after upgrade: %q", out)
	}
	fresh := "sqlite:" + p.dir + "/fresh.db"
	out, stderr, _ := mustRun("upgrade", "head", "--database-url", fresh)
	if got := strings.Count(stderr, "Running upgrade"); got != 5 || !strings.Contains(stderr, "Running upgrade a3 -> x1") {
		t.Errorf("fresh upgrade ran %d steps:\n%s%s", got, out, stderr)
	}

	// A branch the database has applied stays where it is.
	p.write("z1_applied.sql", cacheRev("z1", "a1", "applied"))
	mustRun("upgrade", "z1")
	before, _ := os.ReadFile(p.path("z1_applied.sql"))
	code, _, stderr, _ := p.runIn(p.cache, "rebase", "z1", "--onto", "x2")
	if code != ExitUsage || !strings.Contains(stderr, "the database has applied z1") {
		t.Errorf("rebase of an applied revision: exit %d, %s", code, stderr)
	}
	if after, _ := os.ReadFile(p.path("z1_applied.sql")); string(after) != string(before) {
		t.Errorf("a refused rebase changed the file")
	}
	_, stderr, _ = mustRun("rebase", "z1", "--onto", "x2", "--force")
	if !strings.Contains(stderr, "warning: rebase: the database has applied z1 (--force)") {
		t.Errorf("rebase --force: no warning in %q", stderr)
	}
}
