package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"time"
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
func (d *sqliteDialect) AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, timeout time.Duration) (*Lock, error) {
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
	err := pollLock(ctx, name, timeout, func(context.Context) (bool, error) {
		var err error
		if f, err = tryFileLock(path); err != nil {
			return false, fmt.Errorf("migration lock %s: %w", name, err)
		}
		return f != nil, nil
	})
	if err != nil {
		return nil, err
	}
	return NewLock(name, func(context.Context) error {
		if err := releaseFileLock(f, path); err != nil {
			return fmt.Errorf("release migration lock %s: %w", name, err)
		}
		return nil
	}), nil
}
