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
