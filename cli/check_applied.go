package cli

import (
	"context"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/versions"
)

// checkApplied applies the safety rule of rebase or squash to the
// revisions of revs that the configured database has applied
// (project.CheckApplied), printing its warning.
func (a *App) checkApplied(ctx context.Context, s *project.Scripts, cmd string, revs []*versions.Revision, force bool, rule func([]*versions.Revision, bool) (string, error)) error {
	warning, err := a.proj.CheckApplied(ctx, s, cmd, revs, force, rule)
	if warning != "" {
		a.Warnf("%s", warning)
	}
	return err
}
