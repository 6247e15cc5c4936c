package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// currentRevisions reads the rows of the version table through the
// runner: the database's current revisions, for `history -i` and `show
// current`. It only reads: a version table that does not exist (or a
// database file that does not exist yet) means nothing is current. A
// database that cannot be reached or refuses the query is a failure
// (exit 3); rows the graph does not know are returned for currentSet to
// report.
func (a *App) currentRevisions(ctx context.Context, s *scripts) ([]string, error) {
	if a.missingDatabaseFile() != "" {
		return nil, nil
	}
	var rows []string
	err := a.withReadRunner(ctx, s, func(r *runner.Runner) (err error) {
		rows, err = currentRows(ctx, r)
		return Failure(err)
	})
	return rows, err
}

// currentSet reads the current revisions into a set, checking that the
// graph knows them: an unknown revision in the version table is an error
// naming it (the database is newer than the scripts, or the files are
// missing).
func (a *App) currentSet(ctx context.Context, s *scripts) (map[string]bool, []string, error) {
	current, err := a.currentRevisions(ctx, s)
	if err != nil {
		return nil, nil, err
	}
	set := make(map[string]bool, len(current))
	for _, id := range current {
		if s.graph.Revision(id) == nil {
			return nil, nil, Usagef("the version table names revision %s, which no revision file in %s defines; the database may be newer than the scripts", id, strings.Join(s.dir.DisplayLocations(), ", "))
		}
		set[id] = true
	}
	return set, current, nil
}

// checkApplied applies the safety rule of rebase or squash to the
// revisions of revs that the configured database has applied: rule
// returns a warning, or an error (a usage error). A database that cannot
// be read is an error naming cmd, or with force a warning.
func (a *App) checkApplied(ctx context.Context, s *scripts, cmd string, revs []*versions.Revision, force bool, rule func([]*versions.Revision, bool) (string, error)) error {
	_, current, err := a.currentSet(ctx, s)
	if err != nil {
		if force {
			a.Warnf("%s: the database could not be read (%v); going on (--force)", cmd, err)
			return nil
		}
		return fmt.Errorf("%s: cannot tell which revisions the database has applied: %w (use --force to go on without knowing)", cmd, err)
	}
	applied, err := s.graph.AppliedOf(current, revs)
	if err != nil {
		return Failure(err)
	}
	warning, err := rule(applied, force)
	if warning != "" {
		a.Warnf("%s", warning)
	}
	return Usage(err)
}
