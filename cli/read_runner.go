package cli

import (
	"context"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/versions"
)

// withReadRunner connects to the configured database and calls read with
// a runner on it for the scripts' graph, with the configured version and
// history tables: for the commands that only read them (current, verify,
// history --applied). A runner that cannot be made is a usage error.
func (a *App) withReadRunner(ctx context.Context, cfg *config.Config, s *scripts, read func(*versions.Runner) error) error {
	db, err := a.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := versions.NewRunner(db, s.graph,
		versions.WithVersionTable(cfg.VersionTableSchema, cfg.VersionTable),
		versions.WithHistoryTable(cfg.HistoryTable))
	if err != nil {
		return Usage(err)
	}
	return read(r)
}
