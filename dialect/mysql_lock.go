package dialect

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
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

// Product returns "MariaDB" or "MySQL".
func (d *mysqlDialect) Product() string {
	if d.mariadb {
		return "MariaDB"
	}
	return "MySQL"
}

// NeedsAutocommit is false: MySQL commits every DDL statement anyway, and
// the runner never wraps a MySQL revision in a transaction.
func (d *mysqlDialect) NeedsAutocommit(string) bool { return false }

// mysqlMaxWaitTimeout is the largest wait_timeout the server accepts on
// every platform (one year).
const mysqlMaxWaitTimeout = 31536000

// AcquireMigrationLock takes GET_LOCK on a dedicated connection. The lock
// name covers the database (DATABASE() when schema is empty) and the
// version table, since GET_LOCK names are server-wide; a name longer than
// 64 characters is replaced by a hash. Once held, the lock's session gets
// the longest wait_timeout, so that a short one in the URL (which suits
// the migration connection) cannot end it while the run works on the
// other connection, and a keep-alive pings it; Lock.Check asks
// IS_USED_LOCK whether this session still holds it. A waiting process is
// told the holder's session, user and host from the process list.
func (d *mysqlDialect) AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, opts LockOptions) (*Lock, error) {
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
	deadline := time.Now().Add(opts.Timeout)
	err = pollLock(ctx, name, opts, func(ctx context.Context) (bool, error) {
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
	}, func(ctx context.Context) string { return mysqlLockHolder(ctx, conn, key) })
	if err != nil {
		_ = discardConn(conn, true)
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SET SESSION wait_timeout = "+strconv.Itoa(mysqlMaxWaitTimeout)); err != nil {
		_ = discardConn(conn, true)
		return nil, fmt.Errorf("migration lock %s: keep the session open: %w", name, err)
	}
	// The check runs before every step: prepared once, it costs one
	// round trip instead of three (prepare, execute, close).
	check, err := conn.PrepareContext(ctx, "SELECT IS_USED_LOCK(?) = CONNECTION_ID()")
	if err != nil {
		_ = discardConn(conn, true)
		return nil, fmt.Errorf("migration lock %s: %w", name, err)
	}
	held := func(ctx context.Context) (bool, error) {
		var mine sql.NullBool
		err := check.QueryRowContext(ctx, key).Scan(&mine)
		return mine.Valid && mine.Bool, err
	}
	session, err := d.SessionID(ctx, conn)
	if err != nil {
		_ = discardConn(conn, true)
		return nil, fmt.Errorf("migration lock %s: session id: %w", name, err)
	}
	l := connLock(name, conn, opts.KeepAlive, held, func(ctx context.Context) error {
		_ = check.Close()
		var rel sql.NullInt64
		err := conn.QueryRowContext(ctx, "SELECT RELEASE_LOCK(?)", key).Scan(&rel)
		if err == nil && (!rel.Valid || rel.Int64 != 1) {
			err = fmt.Errorf("the lock was not held by this connection")
		}
		return err
	})
	l.Session = session
	return l, nil
}

// mysqlLockHolder describes the session holding the user lock key, from
// the process list; empty when it cannot tell.
func mysqlLockHolder(ctx context.Context, q Querier, key string) string {
	rows, err := q.QueryContext(ctx, `SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST p
WHERE p.ID = IS_USED_LOCK(?)`, key)
	if err != nil {
		return ""
	}
	defer rows.Close()
	if !rows.Next() {
		return ""
	}
	var (
		id, secs   int64
		user, host sql.NullString
	)
	if rows.Scan(&id, &user, &host, &secs) != nil {
		return ""
	}
	return fmt.Sprintf("session %d (%s@%s, in its current state for %s)", id, user.String, host.String, time.Duration(secs)*time.Second)
}

var _ leaseClock = (*mysqlDialect)(nil)

// leaseNow is UTC_TIMESTAMP(6): the server's clock in UTC, whatever the
// session's time_zone (the lock table's timestamps are datetime(6)).
func (d *mysqlDialect) leaseNow() string { return "UTC_TIMESTAMP(6)" }

// leaseAfter adds p milliseconds to leaseNow.
func (d *mysqlDialect) leaseAfter(p string) string {
	return "DATE_ADD(UTC_TIMESTAMP(6), INTERVAL " + p + " * 1000 MICROSECOND)"
}

// leaseAge is the milliseconds from col to now.
func (d *mysqlDialect) leaseAge(col string) string {
	return "CAST(TIMESTAMPDIFF(MICROSECOND, " + col + ", UTC_TIMESTAMP(6)) DIV 1000 AS SIGNED)"
}

// leaseLost reports 1062 (duplicate key: the lease row is committed) and
// a write conflict (1213, which is how Galera reports losing the
// certification race to a row another node committed at the same time).
func (d *mysqlDialect) leaseLost(err error) bool {
	return mysqlErrorNumber(err) == 1062 || d.writeConflict(err)
}
