package cli

import (
	"context"
	"errors"
	"strings"

	"github.com/migratego/migrate/runner"
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
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	var rows []string
	err = a.withReadRunner(ctx, cfg, s, func(r *runner.Runner) error {
		var unknown *runner.UnknownRevisionError
		rows, err = r.Current(ctx)
		if err != nil && !errors.As(err, &unknown) {
			return Failure(err)
		}
		return nil
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
