package cli

import (
	"context"
	"errors"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
)

// readRunner returns a runner on db for scripts (nil: none), with the
// configured version and history tables and no compiled revision: for
// the commands that only read the tables (current, verify, history
// --applied, info). A runner that cannot be made is a usage error.
func (a *App) readRunner(db *dialect.DB, scripts []*scriptdir.Script) (*runner.Runner, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	set, err := runner.NewSet(scripts, nil)
	if err != nil {
		return nil, Usage(err)
	}
	r, err := runner.NewRunner(db, set,
		runner.WithVersionTable(cfg.VersionTableSchema, cfg.VersionTable),
		runner.WithHistoryTable(cfg.HistoryTable))
	return r, Usage(err)
}

// withReadRunner connects to the configured database and calls read with
// a readRunner for the scripts' graph.
func (a *App) withReadRunner(ctx context.Context, s *scripts, read func(*runner.Runner) error) error {
	db, err := a.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := a.readRunner(db, s.dir.Scripts)
	if err != nil {
		return err
	}
	return read(r)
}

// currentRows reads the version table's rows through r; rows the graph
// does not know are returned all the same.
func currentRows(ctx context.Context, r *runner.Runner) ([]string, error) {
	rows, err := r.Current(ctx)
	if err != nil && !errors.As(err, new(*runner.UnknownRevisionError)) {
		return nil, err
	}
	return rows, nil
}
