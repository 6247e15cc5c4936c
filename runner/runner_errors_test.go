package runner

import (
	"errors"
	"strings"
	"testing"
)

// TestStatementErrorRaced: a version-table update that lost a write
// conflict says another runner may have applied the revision, and never
// offers to resume it.
func TestStatementErrorRaced(t *testing.T) {
	e := &StatementError{Step: "upgrade r1 -> r2", Direction: DirectionUpgrade, Revision: "r2", Path: "versions/r2.sql",
		Applied: []string{"DO SLEEP(1)", "INSERT INTO events (rev) VALUES ('r2')"}, Raced: true,
		Err: errors.New("Error 1213 (40001): Deadlock found when trying to get lock; try restarting transaction")}
	msg := e.Error()
	for _, want := range []string{"upgrade r1 -> r2 (versions/r2.sql) failed", "2 statement(s) of this revision ran", "another migrate process changed the version table", "certification failure", "migrate history --applied"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "resume") && !strings.Contains(msg, "nothing to resume") {
		t.Errorf("message offers to resume:\n%s", msg)
	}
}

// TestStatementErrorBatchRefusal: when the guard of a SQLite table rebuild
// refuses it, the message is the guard's, without SQLite's wording, its
// error code or the guard's statement, which the revision does not have.
func TestStatementErrorBatchRefusal(t *testing.T) {
	e := &StatementError{Step: "upgrade a -> b", Path: "versions/b.go", Index: 4, Statement: `INSERT INTO "temp"."_migrate_batch" ("no_triggers") SELECT 1`,
		Err:        errors.New(`constraint failed: CHECK constraint failed: migrate batch: table "posts" has rows, and its new columns "published" are NOT NULL without a default; give them a server default (275)`),
		RolledBack: true}
	want := `upgrade a -> b (versions/b.go) failed: SQLite cannot rebuild the table: table "posts" has rows, and its new columns "published" are NOT NULL without a default; give them a server default` +
		"\nthe revision was rolled back: nothing of it was applied and the version table is unchanged"
	if got := e.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestStatementErrorOperation: an operation that refuses before any
// statement is named by its message, without the package prefix.
func TestStatementErrorOperation(t *testing.T) {
	cases := []struct{ err, want string }{
		{`ops: add_column: postgres: type enum('a'): an enum without a type name is not supported`,
			`upgrade a -> b (versions/b.go) failed: add_column: postgres: type enum('a'): an enum without a type name is not supported`},
		{`no rows to split`, `upgrade a -> b (versions/b.go) failed: no rows to split`},
		{`backfill: ops: x`, `upgrade a -> b (versions/b.go) failed: backfill: ops: x`},
	}
	for _, c := range cases {
		e := &StatementError{Step: "upgrade a -> b", Path: "versions/b.go", Err: errors.New(c.err)}
		if got, _, _ := strings.Cut(e.Error(), "\n"); got != c.want {
			t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
		}
	}
}
