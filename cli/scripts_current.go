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

// appliedOf returns the revisions of revs that the configured database
// has applied. A database that cannot be read is an error naming cmd, or
// with force a warning and ok=false.
func (a *App) appliedOf(ctx context.Context, s *scripts, cmd string, revs []*versions.Revision, force bool) (applied []*versions.Revision, ok bool, err error) {
	_, current, err := a.currentSet(ctx, s)
	if err != nil {
		if force {
			a.Warnf("%s: the database could not be read (%v); going on (--force)", cmd, err)
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("%s: cannot tell which revisions the database has applied: %w (use --force to go on without knowing)", cmd, err)
	}
	if applied, err = s.graph.AppliedOf(current, revs); err != nil {
		return nil, false, Failure(err)
	}
	return applied, true, nil
}

// refuseApplied is the safety rule of rebase: it returns an error naming
// the revisions of revs that the configured database has applied, or,
// with force, warns about them and returns nil.
func (a *App) refuseApplied(ctx context.Context, s *scripts, cmd string, revs []*versions.Revision, force bool) error {
	applied, ok, err := a.appliedOf(ctx, s, cmd, revs, force)
	if err != nil || !ok || len(applied) == 0 {
		return err
	}
	hit := strings.Join(versions.IDs(applied), ", ")
	if !force {
		return Usagef("%s: the database has applied %s; other databases may have too, and would no longer match the graph. Downgrade first, or use --force", cmd, hit)
	}
	a.Warnf("%s: the database has applied %s (--force): its version table no longer matches the graph; check it with `migrate current` and fix it with `migrate stamp`", cmd, hit)
	return nil
}

// requireApplied is the safety rule of squash: the configured database
// must have applied rev (or, with force, a warning says it has not).
func (a *App) requireApplied(ctx context.Context, s *scripts, cmd string, rev *versions.Revision, force bool) error {
	applied, ok, err := a.appliedOf(ctx, s, cmd, []*versions.Revision{rev}, force)
	if err != nil || !ok || len(applied) == 1 {
		return err
	}
	if !force {
		return Usagef("%s: the database has not applied %s: squash only revisions that every database has applied (upgrade first, or use --force if the others have)", cmd, rev.ID)
	}
	a.Warnf("%s: the database has not applied %s (--force): it will run the squashed revision instead of the rest of the range", cmd, rev.ID)
	return nil
}
