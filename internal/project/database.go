package project

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/migratego/migrate/dialect"
)

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
