package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	_ RunSupport = (*sqliteDialect)(nil)
	_ Locker     = (*sqliteDialect)(nil)
)

// Placeholder returns "?".
func (d *sqliteDialect) Placeholder(int) string { return "?" }

// TableExists looks the table up in the schema's sqlite_master; an empty
// schema means main.
func (d *sqliteDialect) TableExists(ctx context.Context, q Querier, schema, table string) (bool, error) {
	if schema == "" {
		schema = "main"
	}
	qs, err := d.QuoteIdent(schema)
	if err != nil {
		return false, err
	}
	rows, err := q.QueryContext(ctx, "SELECT count(*) FROM "+qs+".sqlite_master WHERE type = 'table' AND name = ?", table)
	return countExists(rows, err)
}

var sqliteNoTxStatement = regexp.MustCompile(`(?is)^VACUUM\b`)

// Product returns "SQLite".
func (d *sqliteDialect) Product() string { return "SQLite" }

// NeedsAutocommit reports VACUUM, which SQLite refuses inside a
// transaction.
func (d *sqliteDialect) NeedsAutocommit(stmt string) bool {
	return sqliteNoTxStatement.MatchString(stripSQLComments(stmt))
}

// AcquireMigrationLock takes an exclusive flock on the sidecar file
// "<database file>.migrate-lock", polling until the timeout; releasing
// the lock removes the file (see filelock.go). The database
// file is the one attached as schema (main when empty). An in-memory
// database has no other users: its lock is a no-op.
//
// The holder writes opts.Owner and the time into the lock file, which a
// waiting process reads to say who holds the lock. The lock cannot be
// lost while the process lives: Check has nothing to ask.
func (d *sqliteDialect) AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, opts LockOptions) (*Lock, error) {
	if schema == "" {
		schema = "main"
	}
	var file string
	if err := db.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = ?", schema).Scan(&file); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("migration lock: no attached database %q", schema)
		}
		return nil, fmt.Errorf("migration lock: database file: %w", err)
	}
	if file == "" {
		return NewLock("none (in-memory database)", nil), nil
	}
	path := file + ".migrate-lock"
	name := fmt.Sprintf("flock(%s)", path)
	var f *os.File
	err := pollLock(ctx, name, opts, func(context.Context) (bool, error) {
		var err error
		if f, err = tryFileLock(path); err != nil {
			return false, fmt.Errorf("migration lock %s: %w", name, err)
		}
		return f != nil, nil
	}, func(context.Context) string { return sqliteLockHolder(path) })
	if err != nil {
		return nil, err
	}
	if opts.Owner != "" {
		// Best effort: the holder's description only serves messages.
		if f.Truncate(0) == nil {
			_, _ = f.WriteAt([]byte(opts.Owner+" since "+time.Now().UTC().Format("2006-01-02 15:04:05 UTC")), 0)
		}
	}
	return NewLock(name, func(context.Context) error {
		_ = f.Truncate(0) // where the file stays (Windows), it names no holder
		if err := releaseFileLock(f, path); err != nil {
			return fmt.Errorf("release migration lock %s: %w", name, err)
		}
		return nil
	}), nil
}

// sqliteLockHolder reads the holder's description from the lock file.
func sqliteLockHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) > 1024 || !utf8.Valid(b) {
		return ""
	}
	return strings.TrimSpace(string(b))
}
