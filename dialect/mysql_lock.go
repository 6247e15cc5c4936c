package dialect

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

var (
	_ RunSupport = (*mysqlDialect)(nil)
	_ Locker     = (*mysqlDialect)(nil)
)

// mysqlMaxLockName is the longest name GET_LOCK accepts.
const mysqlMaxLockName = 64

// Placeholder returns "?".
func (d *mysqlDialect) Placeholder(int) string { return "?" }

// TableExists looks the table up in information_schema; an empty schema
// means the connected database.
func (d *mysqlDialect) TableExists(ctx context.Context, q Querier, schema, table string) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT COUNT(*) FROM information_schema.TABLES
WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ?`, schema, table)
	return countExists(rows, err)
}

// NeedsAutocommit is false: MySQL commits every DDL statement anyway, and
// the runner never wraps a MySQL revision in a transaction.
func (d *mysqlDialect) NeedsAutocommit(string) bool { return false }

// AcquireMigrationLock takes GET_LOCK on a dedicated connection. The lock
// name covers the database (DATABASE() when schema is empty) and the
// version table, since GET_LOCK names are server-wide; a name longer than
// 64 characters is replaced by a hash.
func (d *mysqlDialect) AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, timeout time.Duration) (*Lock, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration lock: connect: %w", err)
	}
	if schema == "" {
		var s sql.NullString
		if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&s); err != nil {
			_ = discardConn(conn, false)
			return nil, fmt.Errorf("migration lock: current database: %w", err)
		}
		schema = s.String
	}
	key := "migrate:" + schema + "." + table
	if len(key) > mysqlMaxLockName {
		sum := sha256.Sum256([]byte(key))
		key = "migrate:" + hex.EncodeToString(sum[:16])
	}
	lit, err := d.Literal(key)
	if err != nil {
		_ = discardConn(conn, false)
		return nil, err
	}
	name := "GET_LOCK(" + lit + ")"
	deadline := time.Now().Add(timeout)
	err = pollLock(ctx, name, timeout, func(ctx context.Context) (bool, error) {
		// Wait inside the server in steps of at most one second, so that
		// the lock is taken as soon as it is free and ctx is still checked.
		wait := 0
		if time.Until(deadline) >= time.Second {
			wait = 1
		}
		var got sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, ?)", key, wait).Scan(&got); err != nil {
			return false, fmt.Errorf("migration lock %s: %w", name, err)
		}
		if !got.Valid {
			return false, fmt.Errorf("migration lock %s: GET_LOCK returned NULL (error or killed)", name)
		}
		return got.Int64 == 1, nil
	})
	if err != nil {
		_ = discardConn(conn, true)
		return nil, err
	}
	return connLock(name, conn, func(ctx context.Context) error {
		var rel sql.NullInt64
		err := conn.QueryRowContext(ctx, "SELECT RELEASE_LOCK(?)", key).Scan(&rel)
		if err == nil && (!rel.Valid || rel.Int64 != 1) {
			err = fmt.Errorf("the lock was not held by this connection")
		}
		return err
	}), nil
}
