// Package project opens a migrate project as the commands work on it:
// the revision files its configuration names (or the bundle of a deploy
// binary) loaded into a graph, its database, and runners with the
// configured tables, lock and transactions. It knows nothing of command
// lines or exit codes: an *InputError marks a problem of the user's input
// (files, configuration, settings), anything else is a failure.
package project

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// Project is a project's configuration and what opens its parts.
type Project struct {
	// Config loads the configuration on first use; it is called by every
	// method that needs it and returns the same result every time.
	Config func() (*config.Config, error)
	// WorkDir is the working directory (absolute), LookupEnv reads the
	// environment and ToolVersion is the version of migrate.
	WorkDir     string
	LookupEnv   func(string) (string, bool)
	ToolVersion string
	// Compiled registers the Go revisions compiled into this program (nil:
	// none), and Bundle the revision files of a deploy binary (nil: read
	// the script directory).
	Compiled *runner.Registry
	Bundle   *runnerbuild.Bundle
	// Now is the clock of the revision header cache (nil: time.Now);
	// OnRead, when set, is called with the path of every revision file
	// read, possibly from several goroutines at once.
	Now    func() time.Time
	OnRead func(path string)
	// Debugf, when set, receives detail messages.
	Debugf func(format string, args ...any)
}

// InputError is a problem of the user's input: a revision file, the
// configuration, a setting, a database URL.
type InputError struct{ Err error }

// Error implements the error interface.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// input marks err as an *InputError; nil stays nil.
func input(err error) error {
	if err == nil {
		return nil
	}
	return &InputError{Err: err}
}

func (p *Project) debugf(format string, args ...any) {
	if p.Debugf != nil {
		p.Debugf(format, args...)
	}
}

// Scripts are a project's revision files loaded into a validated graph.
type Scripts struct {
	Config *config.Config
	Dir    *scriptdir.Dir
	// Graph is Dir.Graph.
	Graph *versions.Graph
	// Set is the migration set to run (LoadRunnable only).
	Set *runner.Set
}

// LoadScripts reads the configured version locations (or the bundle)
// into a validated graph. Problems are input errors that name the files
// at fault: a missing script directory or version location, malformed
// revision files, and graph errors (duplicate ids, unknown parents,
// cycles, …). With missingOK, a version location that does not exist yet
// is loaded as empty (revision and merge create it when they write to
// it).
func (p *Project) LoadScripts(missingOK bool) (*Scripts, error) {
	return p.load(missingOK, false)
}

// LoadGraph loads the scripts for the commands that need nothing but the
// revision graph (heads, branches, history, show): the headers of files
// that have not changed since the last run come from the header cache
// (scriptdir/cache.go), without reading the files, so scripts may lack
// Checksum and SQL sections. Never use it to run or verify revisions.
func (p *Project) LoadGraph() (*Scripts, error) {
	return p.load(false, true)
}

// LoadRunnable loads the scripts for running them: the graph, with the
// Go revisions compiled into this program bound to their files.
func (p *Project) LoadRunnable() (*Scripts, error) {
	s, err := p.LoadScripts(false)
	if err != nil {
		return nil, err
	}
	if s.Set, err = runner.NewSet(s.Dir.Scripts, p.Compiled); err != nil {
		return nil, input(err)
	}
	return s, nil
}

// load is LoadScripts, using the header cache when cached is set.
func (p *Project) load(missingOK, cached bool) (*Scripts, error) {
	cfg, err := p.Config()
	if err != nil {
		return nil, err
	}
	var d *scriptdir.Dir
	if p.Bundle != nil {
		// A deploy binary (migrate build) carries its revisions.
		d, err = p.Bundle.Open(p.WorkDir)
	} else {
		o := scriptdir.Options{Locations: slices.Clone(cfg.VersionLocations), WorkDir: p.WorkDir, MissingOK: missingOK,
			ScriptLocation: cfg.ScriptLocation, ConfigFile: cfg.File, ToolVersion: p.ToolVersion, Now: p.Now, OnRead: p.OnRead, Debugf: p.Debugf}
		if len(o.Locations) == 0 {
			o.Locations = []string{filepath.Join(cfg.ScriptLocation, "versions")}
		}
		if cached && scriptdir.CacheSupported {
			if o.CacheRoot, err = runnerbuild.CacheRoot(p.LookupEnv); err != nil {
				p.debugf("revision header cache not used: %v", err)
			}
		}
		d, err = scriptdir.Open(o)
	}
	if err != nil {
		return nil, input(err)
	}
	return &Scripts{Config: cfg, Dir: d, Graph: d.Graph}, nil
}

// Now is the time of a new revision: now, in the configured time zone.
func (s *Scripts) Now() time.Time { return time.Now().In(cmp.Or(s.Config.Location, time.UTC)) }

// Generate writes a new revision file (scriptdir.Dir.Generate) with the
// configured file name template, time zone and, unless sqlSet (the
// request says whether it is SQL), the project's kind of revision
// (scriptdir.DefaultSQL).
func (s *Scripts) Generate(n scriptdir.NewRevision, sqlSet bool) (*scriptdir.Generated, error) {
	n.Now, n.FileTemplate = s.Now(), s.Config.FileTemplate
	if !sqlSet {
		n.SQL = scriptdir.DefaultSQL(s.Config.ScriptLocation)
	}
	return s.Dir.Generate(n)
}

// DatabaseURL returns the configured database URL, or an input error
// saying how to set one.
func (p *Project) DatabaseURL() (string, error) {
	cfg, err := p.Config()
	if err != nil {
		return "", err
	}
	raw, err := cfg.DatabaseURLValue()
	if err != nil || raw != "" {
		return raw, err
	}
	where := "no migrate.toml found"
	if cfg.Found() {
		where = cfg.File + " has no database_url"
	}
	return "", input(fmt.Errorf("no database URL (%s): set database_url in migrate.toml, MIGRATE_DATABASE_URL or DATABASE_URL, or pass --database-url", where))
}

// ParseURL parses the configured database URL without connecting.
func (p *Project) ParseURL() (*dialect.URL, error) {
	raw, err := p.DatabaseURL()
	if err != nil {
		return nil, err
	}
	u, err := dialect.ParseURL(raw)
	return u, input(err)
}

// OfflineURL parses the configured database URL for offline (--sql)
// work, which needs only its dialect: environment variables of
// migrate.toml's database_url that are not set count as empty, since
// nothing connects.
func (p *Project) OfflineURL() (*dialect.URL, error) {
	cfg, err := p.Config()
	if err != nil {
		return nil, err
	}
	if _, err := cfg.DatabaseURLValue(); err == nil {
		return p.ParseURL()
	}
	u, perr := dialect.ParseURL(cfg.DatabaseURLForDialect())
	if perr != nil {
		_, err := cfg.DatabaseURLValue()
		return nil, err
	}
	return u, nil
}

// OfflineDialect returns the dialect of the configured URL, without
// connecting (see OfflineURL).
func (p *Project) OfflineDialect() (dialect.Dialect, error) {
	u, err := p.OfflineURL()
	if err != nil {
		return nil, err
	}
	d, err := dialect.ForName(u.Dialect)
	return d, input(err)
}

// OpenDB connects to the configured database with dialect.Open, after
// checking that its dialect can name the version and history tables. The
// caller closes the database.
func (p *Project) OpenDB(ctx context.Context) (*dialect.DB, error) {
	u, err := p.ParseURL()
	if err != nil {
		return nil, err
	}
	if err := p.checkTableNames(u); err != nil {
		return nil, err
	}
	raw, _ := p.DatabaseURL()
	db, err := dialect.Open(ctx, raw)
	if err != nil {
		return nil, err
	}
	p.debugf("connected to %s (%s)", db.URL.Redacted, db.Dialect.Name())
	return db, nil
}

// checkTableNames asks the dialect of u whether it can name the
// configured version and history tables (and their schema), so that a
// name the database refuses is an input error before any server call.
func (p *Project) checkTableNames(u *dialect.URL) error {
	cfg, err := p.Config()
	if err != nil {
		return err
	}
	d, err := dialect.ForName(u.Dialect)
	if err != nil {
		return input(err)
	}
	for _, t := range []struct{ key, name string }{{"version_table", cfg.VersionTable}, {"history_table", cfg.HistoryTable}} {
		if _, err := d.QuoteQualified(cfg.VersionTableSchema, t.name); err != nil {
			return input(fmt.Errorf("%s %q (from %s) cannot be used on %s: %w", t.key, t.name, cfg.Origin(t.key), d.Name(), err))
		}
	}
	return nil
}

// MissingDatabaseFile returns the path of the configured database when it
// is a file that does not exist (SQLite), which opening would create; ""
// otherwise.
func (p *Project) MissingDatabaseFile() string {
	if u, err := p.ParseURL(); err == nil && u.FileMissing() {
		return u.Database
	}
	return ""
}

// MissingFileAdvice says what to do about a database file that does not
// exist: upgrade creates it, but not the directory it would be in.
func MissingFileAdvice(path string) string {
	if dir := filepath.Dir(path); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return fmt.Sprintf("neither does its directory %s: check the database URL", dir)
		}
	}
	return "check the database URL, or run `migrate upgrade` to create it"
}

// CheckDatabaseFile is for the commands that report on the database
// (current, verify, history --applied): they never create it, so a
// database file that does not exist is an error that says so, instead of
// an empty answer that looks like a database where nothing is applied.
func (p *Project) CheckDatabaseFile() error {
	if path := p.MissingDatabaseFile(); path != "" {
		return fmt.Errorf("database file %s does not exist; %s", path, MissingFileAdvice(path))
	}
	return nil
}

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
