package cli

import (
	"context"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/runner"
)

// withReadRunner connects to the configured database and calls read with
// a runner on it for the scripts' graph, with the configured version and
// history tables: for the commands that only read them (current, verify,
// history --applied). A runner that cannot be made is a usage error.
func (a *App) withReadRunner(ctx context.Context, cfg *config.Config, s *scripts, read func(*runner.Runner) error) error {
	db, err := a.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	set, err := runner.NewSet(s.dir.Scripts, nil)
	if err != nil {
		return Usage(err)
	}
	r, err := runner.NewRunner(db, set,
		runner.WithVersionTable(cfg.VersionTableSchema, cfg.VersionTable),
		runner.WithHistoryTable(cfg.HistoryTable))
	if err != nil {
		return Usage(err)
	}
	return read(r)
}
