package cli

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/versions"
)

// checkApplied applies the safety rule of rebase or squash to the
// revisions of revs that the configured database has applied: rule
// returns a warning, or an error (a usage error). A database that cannot
// be read is an error naming cmd, or with force a warning.
func (a *App) checkApplied(ctx context.Context, s *project.Scripts, cmd string, revs []*versions.Revision, force bool, rule func([]*versions.Revision, bool) (string, error)) error {
	_, current, err := a.proj.CurrentSet(ctx, s)
	if err != nil {
		if force {
			a.Warnf("%s: the database could not be read (%v); going on (--force)", cmd, err)
			return nil
		}
		return fmt.Errorf("%s: cannot tell which revisions the database has applied: %w (use --force to go on without knowing)", cmd, err)
	}
	applied, err := s.Graph.AppliedOf(current, revs)
	if err != nil {
		return Failure(err)
	}
	warning, err := rule(applied, force)
	if warning != "" {
		a.Warnf("%s", warning)
	}
	return Usage(err)
}
