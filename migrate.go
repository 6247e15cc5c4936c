// Package migrate runs schema migrations from a Go program, for programs
// that migrate their database at start-up:
//
//	//go:embed migrations/versions
//	var files embed.FS
//
//	versionsFS, _ := fs.Sub(files, "migrations/versions")
//	err := migrate.Upgrade(ctx, db, migrate.Source{FS: versionsFS}, "head")
//
// It is a small facade over the packages that do the work: scriptdir (the
// revision files), versions (the graph), runner (execution) and dialect
// (one object per database). Revisions are the files the migrate command
// writes: SQL files, and Go files whose compiled revisions are in a
// runner.Registry. The version and history tables, the migration lock and
// the transactions are exactly those of the migrate command, so the
// command and the program can work on the same database.
//
// No package of the module registers a database/sql driver: the program
// imports the driver of its database (pgx stdlib, go-sql-driver/mysql,
// modernc.org/sqlite, …) and links only that one.
//
// Nothing here uses package-level state: a program migrating several
// databases passes one Source per migration set.
package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
)

// Source is where the revisions come from: revision files, compiled Go
// revisions, or both.
type Source struct {
	// FS holds revision files (.sql, and .go files whose headers are read)
	// at its root, such as an embed.FS narrowed with fs.Sub, or os.DirFS.
	FS fs.FS
	// Registry holds compiled Go revisions (their init funcs call
	// Registry.Register, or runner.Register for runner.DefaultRegistry()).
	// When FS holds Go revision files, each is bound to the compiled
	// revision with its ID (runner.Registry.Bind: a file missing from the
	// program, or a compiled revision without a file, is an error); when FS
	// holds none, the registry's revisions join the files' as they are.
	Registry *runner.Registry
}

// Option configures a call.
type Option func(*settings)

type settings struct {
	dialect  dialect.Dialect
	runner   []runner.Option
	logger   *slog.Logger
	progress func(runner.Progress)
	purge    bool
}

// WithDialect names the database's dialect (dialect.Postgres(),
// dialect.MySQL(), dialect.MariaDB(), dialect.SQLite()) instead of
// detecting it from the driver and the server (dialect.Detect). A dialect
// named this way does not know whether the server is a node of a Galera
// cluster: there, let it be detected, or use WithLock(dialect.LockTable).
func WithDialect(d dialect.Dialect) Option { return func(s *settings) { s.dialect = d } }

// WithVersionTable names the version table and its schema (default
// "migrate_version" in the connection's default schema), as version_table
// and version_table_schema in migrate.toml.
func WithVersionTable(schema, name string) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithVersionTable(schema, name)) }
}

// WithHistoryTable names the history table (default "migrate_history").
func WithHistoryTable(name string) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithHistoryTable(name)) }
}

// WithLockTimeout bounds the wait for the migration lock held by another
// process (default 60s).
func WithLockTimeout(d time.Duration) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithLockTimeout(d)) }
}

// WithLock chooses the migration lock: the database's own
// (dialect.LockAuto, the default) or a lease row in the lock table
// (dialect.LockTable), as lock in migrate.toml.
func WithLock(m dialect.LockMethod) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithLock(m)) }
}

// WithLockLease sets how long a lease lock stays valid without a
// heartbeat (default 30s), as lock_lease in migrate.toml.
func WithLockLease(d time.Duration) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithLockLease(d)) }
}

// WithTransactionMode chooses one transaction per revision (the default)
// or one for the whole run (PostgreSQL, SQLite).
func WithTransactionMode(m runner.TransactionMode) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithTransactionMode(m)) }
}

// WithTag records a tag with every step in the history table.
func WithTag(tag string) Option {
	return func(s *settings) { s.runner = append(s.runner, runner.WithTag(tag)) }
}

// WithLogger logs every step at level Info when it finishes ("Running
// upgrade a -> b, add users") and at level Error when it fails.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.logger = l } }

// WithProgress calls f when each step starts and ends.
func WithProgress(f func(runner.Progress)) Option { return func(s *settings) { s.progress = f } }

// WithPurge makes Stamp empty the version table first, so that it works
// on a table holding unknown revisions.
func WithPurge() Option { return func(s *settings) { s.purge = true } }

// Upgrade applies target ("head", "heads", a revision id or unique prefix,
// a branch label, "+1", "branch@head", …) and every revision it needs that
// the database does not have yet, in order, recording each in the version
// and history tables.
func Upgrade(ctx context.Context, db *sql.DB, source Source, target string, opts ...Option) error {
	r, _, err := newRunner(ctx, db, source, opts)
	if err != nil {
		return fmt.Errorf("migrate: upgrade %s: %w", target, err)
	}
	if _, err := r.Upgrade(ctx, target); err != nil {
		return fmt.Errorf("migrate: upgrade %s: %w", target, libraryAdvice(err))
	}
	return nil
}

// libraryAdvice gives a Go revision that is not compiled into the program
// the advice for library users, instead of the command-line tool's.
func libraryAdvice(err error) error {
	var nc *runner.NotCompiledError
	if errors.As(err, &nc) {
		nc.Advice = "pass its compiled revisions in Source.Registry: import the package of the Go revision files " +
			"(their init funcs call runner.Register) and set Source{FS: …, Registry: runner.DefaultRegistry()}"
	}
	return err
}

// Downgrade reverts every applied revision above target ("base", an id,
// "-1", "branch@-1", …), children first.
func Downgrade(ctx context.Context, db *sql.DB, source Source, target string, opts ...Option) error {
	r, _, err := newRunner(ctx, db, source, opts)
	if err != nil {
		return fmt.Errorf("migrate: downgrade %s: %w", target, err)
	}
	if _, err := r.Downgrade(ctx, target); err != nil {
		return fmt.Errorf("migrate: downgrade %s: %w", target, libraryAdvice(err))
	}
	return nil
}

// Stamp sets the version table to target without running any migration
// (WithPurge empties it first).
func Stamp(ctx context.Context, db *sql.DB, source Source, target string, opts ...Option) error {
	r, s, err := newRunner(ctx, db, source, opts)
	if err != nil {
		return fmt.Errorf("migrate: stamp %s: %w", target, err)
	}
	if _, err := r.Stamp(ctx, []string{target}, s.purge); err != nil {
		return fmt.Errorf("migrate: stamp %s: %w", target, err)
	}
	return nil
}

// Current returns the revisions the database is at: the rows of the
// version table, one per applied head, sorted; none for a database that
// was never migrated (the version table is not created).
func Current(ctx context.Context, db *sql.DB, source Source, opts ...Option) ([]string, error) {
	r, _, err := newRunner(ctx, db, source, opts)
	if err != nil {
		return nil, fmt.Errorf("migrate: current: %w", err)
	}
	rows, err := r.Current(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: current: %w", err)
	}
	return rows, nil
}

// newRunner loads the source into a graph and returns a runner on db.
func newRunner(ctx context.Context, db *sql.DB, source Source, opts []Option) (*runner.Runner, *settings, error) {
	s := &settings{}
	for _, o := range opts {
		o(s)
	}
	if db == nil {
		return nil, nil, errors.New("no database (nil *sql.DB)")
	}
	set, err := source.Set()
	if err != nil {
		return nil, nil, err
	}
	d := s.dialect
	if d == nil {
		if d, err = dialect.Detect(ctx, db); err != nil {
			return nil, nil, err
		}
	}
	ropts := append(s.runner, runner.WithProgress(s.report))
	r, err := runner.NewRunner(&dialect.DB{DB: db, Dialect: d}, set, ropts...)
	if err != nil {
		return nil, nil, err
	}
	return r, s, nil
}

// report hands a step to the progress callback and the logger.
func (s *settings) report(p runner.Progress) {
	if s.progress != nil {
		s.progress(p)
	}
	if s.logger == nil {
		return
	}
	switch p.Phase {
	case runner.StepFinished:
		s.logger.Info(p.Message, "revision", p.Step.Revision.ID, "elapsed", p.Elapsed)
	case runner.StepFailed:
		s.logger.Error(p.Message, "revision", p.Step.Revision.ID, "elapsed", p.Elapsed, "error", p.Err)
	}
}

// Set loads the source's revisions into a migration set, ready for a
// runner.Runner (or migratetest.Run).
func (src Source) Set() (*runner.Set, error) {
	if src.FS == nil && src.Registry == nil {
		return nil, errors.New("the source has neither files (Source.FS) nor compiled revisions (Source.Registry)")
	}
	var scripts []*scriptdir.Script
	if src.FS != nil {
		var err error
		if scripts, err = scriptdir.Load([]scriptdir.Location{{FS: src.FS}}); err != nil {
			return nil, err
		}
	}
	if src.Registry == nil || slices.ContainsFunc(scripts, func(s *scriptdir.Script) bool { return s.Kind == scriptdir.KindGo }) {
		return runner.NewSet(scripts, src.Registry)
	}
	return runner.NewCompiledSet(scripts, src.Registry)
}
