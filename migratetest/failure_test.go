package migratetest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// TestFailureHeadline: a step the runner reports names the revision and
// its file once (the runner's message has them), after the phase.
func TestFailureHeadline(t *testing.T) {
	rev := &versions.Revision{ID: "b2", Path: "versions/b2.sql"}
	stmtErr := &runner.StatementError{Step: "upgrade a1 -> b2", Path: "versions/b2.sql", Index: 2, Count: 3,
		Statement: "INSERT INTO t VALUES (1)", RolledBack: true, Err: errors.New("UNIQUE constraint failed: t.id")}
	cases := []struct {
		name string
		f    *Failure
		want string
	}{
		{"runner error", &Failure{Revision: rev, Phase: PhaseUpgradeAgain, Err: fmt.Errorf("wrapped: %w", stmtErr)},
			"stairway upgrade again: wrapped: " + stmtErr.Error() +
				"; the first upgrade of this revision succeeded, so its downgrade likely leaves behind what the upgrade makes (rows, objects): undo it there"},
		{"runner error, first upgrade", &Failure{Revision: rev, Phase: PhaseUpgrade, Err: stmtErr},
			"stairway upgrade: " + stmtErr.Error()},
		{"other error", &Failure{Revision: rev, Phase: PhaseDowngrade, Err: errors.New("no connection")},
			"revision b2 (versions/b2.sql): downgrade failed: no connection"},
		{"schema", &Failure{Revision: rev, Phase: PhaseDowngrade},
			"revision b2 (versions/b2.sql): the downgrade does not restore the schema the database had before the upgrade"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.f.Headline(); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}
