package project

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// Settings returns the run settings of cfg: tables, lock and
// transactions (the commands override them with their flags);
// toolVersion is recorded in the history table.
func Settings(cfg *config.Config, toolVersion string) *runner.Settings {
	return &runner.Settings{VersionTableSchema: cfg.VersionTableSchema, VersionTable: cfg.VersionTable, HistoryTable: cfg.HistoryTable,
		Lock: cfg.Lock, LockLease: cfg.LockLease, LockTimeout: cfg.LockTimeout, TransactionPerMigration: cfg.TransactionPerMigration,
		ToolVersion: toolVersion}
}

// OpenRunner connects and returns a runner of s's migration set with the
// settings set (checked: bad settings are input errors); with
// transactions, the database's dialect decides the default transaction
// mode. The caller closes db.
func (p *Project) OpenRunner(ctx context.Context, s *Scripts, set *runner.Settings, transactions bool) (*runner.Runner, *dialect.DB, error) {
	db, err := p.OpenDB(ctx)
	if err != nil {
		return nil, nil, err
	}
	opts, err := options(set, db.Dialect, transactions)
	if err == nil {
		var r *runner.Runner
		if r, err = runner.NewRunner(db, s.Set, opts...); err == nil {
			return r, db, nil
		}
		err = input(err)
	}
	db.Close()
	return nil, nil, err
}

// OfflineRunner returns a runner of s's migration set printing SQL for
// dialect d to w, with the settings set (see OpenRunner).
func (p *Project) OfflineRunner(d dialect.Dialect, s *Scripts, set *runner.Settings, transactions bool, w io.Writer) (*runner.OfflineRunner, error) {
	opts, err := options(set, d, transactions)
	if err != nil {
		return nil, err
	}
	o, err := runner.NewOfflineRunner(d, s.Set, w, opts...)
	return o, input(err)
}

// options returns the runner options of set, the transaction mode only
// with transactions.
func options(set *runner.Settings, d dialect.Dialect, transactions bool) ([]runner.Option, error) {
	if !transactions {
		d = nil
	}
	opts, err := set.Options(d)
	return opts, input(err)
}

// ReadRunner returns a runner on db for scripts (nil: none), with the
// configured version and history tables and no compiled revision: for
// the commands that only read the tables (current, verify, history
// --applied, info).
func (p *Project) ReadRunner(db *dialect.DB, scripts []*scriptdir.Script) (*runner.Runner, error) {
	cfg, err := p.Config()
	if err != nil {
		return nil, err
	}
	set, err := runner.NewSet(scripts, nil)
	if err != nil {
		return nil, input(err)
	}
	r, err := runner.NewRunner(db, set,
		runner.WithVersionTable(cfg.VersionTableSchema, cfg.VersionTable),
		runner.WithHistoryTable(cfg.HistoryTable))
	return r, input(err)
}

// WithReadRunner connects to the configured database and calls read with
// a ReadRunner for s's revisions; read's error is returned as it is.
func (p *Project) WithReadRunner(ctx context.Context, s *Scripts, read func(*runner.Runner) error) error {
	db, err := p.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := p.ReadRunner(db, s.Dir.Scripts)
	if err != nil {
		return err
	}
	return read(r)
}

// Read loads the scripts for running them and, unless the database is a
// file that does not exist (CheckDatabaseFile), calls read with them and
// a ReadRunner: for the commands that report on the database (current,
// verify, history --applied). read's error is returned as it is.
func (p *Project) Read(ctx context.Context, read func(*Scripts, *runner.Runner) error) error {
	s, err := p.LoadRunnable()
	if err != nil {
		return err
	}
	if err := p.CheckDatabaseFile(); err != nil {
		return err
	}
	return p.WithReadRunner(ctx, s, func(r *runner.Runner) error { return read(s, r) })
}

// CurrentRows reads the version table's rows through r; rows the graph
// does not know are returned all the same.
func CurrentRows(ctx context.Context, r *runner.Runner) ([]string, error) {
	rows, err := r.Current(ctx)
	if err != nil && !errors.As(err, new(*runner.UnknownRevisionError)) {
		return nil, err
	}
	return rows, nil
}

// CurrentRevisions reads the database's current revisions, for `history
// -i`, `show current` and lint. It only reads: a version table that does
// not exist (or a database file that does not exist yet) means nothing is
// current. Rows the graph does not know are returned (see CurrentSet).
func (p *Project) CurrentRevisions(ctx context.Context, s *Scripts) ([]string, error) {
	if p.MissingDatabaseFile() != "" {
		return nil, nil
	}
	var rows []string
	err := p.WithReadRunner(ctx, s, func(r *runner.Runner) (err error) {
		rows, err = CurrentRows(ctx, r)
		return err
	})
	return rows, err
}

// CurrentSet reads the current revisions (CurrentRevisions) into a set,
// checking that the graph knows them: an unknown revision in the version
// table is an input error naming it (the database is newer than the
// scripts, or the files are missing).
func (p *Project) CurrentSet(ctx context.Context, s *Scripts) (map[string]bool, []string, error) {
	current, err := p.CurrentRevisions(ctx, s)
	if err != nil {
		return nil, nil, err
	}
	set := make(map[string]bool, len(current))
	for _, id := range current {
		if s.Graph.Revision(id) == nil {
			return nil, nil, input(fmt.Errorf("the version table names revision %s, which no revision file in %s defines; the database may be newer than the scripts",
				id, strings.Join(s.Dir.DisplayLocations(), ", ")))
		}
		set[id] = true
	}
	return set, current, nil
}

// Resolve resolves the revision identifier ident in s's graph, as show
// and edit do; "current" reads the database's current revisions
// (CurrentSet). Naming no revision (base, or an empty database) is an
// input error, as in Alembic's edit.
func (p *Project) Resolve(ctx context.Context, s *Scripts, ident string) ([]*versions.Revision, error) {
	var current []string
	if strings.TrimSpace(ident) == "current" {
		var err error
		if _, current, err = p.CurrentSet(ctx, s); err != nil {
			return nil, err
		}
	}
	revs, err := s.Graph.Resolve(ident, current)
	if err != nil {
		return nil, input(err)
	}
	if len(revs) == 0 {
		return nil, input(fmt.Errorf("No revision files indicated by symbol '%s'", ident))
	}
	return revs, nil
}

// CheckApplied applies the safety rule of rebase or squash (the plan's
// CheckApplied) to the revisions of revs that the configured database
// has applied. It returns the warning to print: the rule's, or with force
// that the database could not be read. The rule's refusal is an input
// error; a database that cannot be read, without force, is an error
// naming cmd that says --force goes on without knowing.
func (p *Project) CheckApplied(ctx context.Context, s *Scripts, cmd string, revs []*versions.Revision, force bool,
	rule func([]*versions.Revision, bool) (string, error)) (warning string, err error) {
	_, current, err := p.CurrentSet(ctx, s)
	if err != nil {
		if force {
			return fmt.Sprintf("%s: the database could not be read (%v); going on (--force)", cmd, err), nil
		}
		return "", fmt.Errorf("%s: cannot tell which revisions the database has applied: %w (use --force to go on without knowing)", cmd, err)
	}
	applied, err := s.Graph.AppliedOf(current, revs)
	if err != nil {
		return "", err
	}
	warning, err = rule(applied, force)
	return warning, input(err)
}
