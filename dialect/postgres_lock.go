package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"unicode/utf8"
)

var (
	_ RunSupport = (*postgresDialect)(nil)
	_ Locker     = (*postgresDialect)(nil)
)

// Placeholder returns "$n".
func (d *postgresDialect) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

// TableExists looks the table up in pg_tables; an empty schema means
// current_schema() (the first schema of search_path that exists).
func (d *postgresDialect) TableExists(ctx context.Context, q Querier, schema, table string) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT count(*) FROM pg_catalog.pg_tables
WHERE schemaname = COALESCE(NULLIF($1, ''), current_schema()) AND tablename = $2`, schema, table)
	return countExists(rows, err)
}

// Statements PostgreSQL refuses inside a transaction block. ALTER TYPE …
// ADD VALUE joins them before PostgreSQL 12.
var (
	pgNoTxStatement = regexp.MustCompile(`(?is)^(?:` +
		`CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\b` +
		`|DROP\s+INDEX\s+CONCURRENTLY\b` +
		`|REINDEX\b.*\bCONCURRENTLY\b` +
		`|VACUUM\b` +
		`|CREATE\s+DATABASE\b|DROP\s+DATABASE\b` +
		`|CREATE\s+TABLESPACE\b|DROP\s+TABLESPACE\b` +
		`|ALTER\s+SYSTEM\b` +
		`|ALTER\s+TABLE\b.*\bDETACH\s+PARTITION\b.*\bCONCURRENTLY\b` +
		`|CREATE\s+SUBSCRIPTION\b|DROP\s+SUBSCRIPTION\b)`)
	pgAddEnumValue = regexp.MustCompile(`(?is)^ALTER\s+TYPE\b.*\bADD\s+VALUE\b`)
)

// Product returns "PostgreSQL".
func (d *postgresDialect) Product() string { return "PostgreSQL" }

// NeedsAutocommit reports statements that cannot run in a transaction
// block: CREATE/DROP INDEX CONCURRENTLY, REINDEX … CONCURRENTLY, VACUUM,
// CREATE/DROP DATABASE or TABLESPACE, ALTER SYSTEM, DETACH PARTITION …
// CONCURRENTLY, subscriptions, and ALTER TYPE … ADD VALUE before
// PostgreSQL 12.
func (d *postgresDialect) NeedsAutocommit(stmt string) bool {
	s := stripSQLComments(stmt)
	if pgNoTxStatement.MatchString(s) {
		return true
	}
	return d.version < 120000 && pgAddEnumValue.MatchString(s)
}

// AcquireMigrationLock takes a session advisory lock on a dedicated
// connection, polling pg_try_advisory_lock until the timeout. The key is a
// hash of the version table's schema (current_schema() when empty) and
// name, so that migration sets in different schemas do not block each
// other. Once held, the lock's session turns idle_session_timeout off
// (PostgreSQL 14+) and names itself with opts.Owner (application_name),
// and a keep-alive pings it; Lock.Check looks for the lock in pg_locks. A
// waiting process is told the holder from pg_locks and pg_stat_activity.
func (d *postgresDialect) AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, opts LockOptions) (*Lock, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration lock: connect: %w", err)
	}
	if schema == "" {
		if err := conn.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			_ = discardConn(conn, false)
			return nil, fmt.Errorf("migration lock: current schema: %w", err)
		}
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "migrate\x00%s\x00%s", schema, table)
	key := int64(h.Sum64())
	qt, err := d.QuoteQualified(schema, table)
	if err != nil {
		_ = discardConn(conn, false)
		return nil, err
	}
	name := fmt.Sprintf("pg_advisory_lock(%d) for %s", key, qt)
	// pg_locks shows a bigint advisory key as two oids: the high and the
	// low 32 bits, with objsubid 1.
	hi, lo := int64(uint64(key)>>32), int64(uint64(key)&0xffffffff)
	err = pollLock(ctx, name, opts, func(ctx context.Context) (bool, error) {
		var ok bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
			return false, fmt.Errorf("migration lock %s: %w", name, err)
		}
		return ok, nil
	}, func(ctx context.Context) string { return postgresLockHolder(ctx, conn, hi, lo) })
	if err != nil {
		_ = discardConn(conn, true)
		return nil, err
	}
	if err := d.tuneLockSession(ctx, conn, opts.Owner); err != nil {
		_ = discardConn(conn, true)
		return nil, fmt.Errorf("migration lock %s: %w", name, err)
	}
	held := func(ctx context.Context) (bool, error) {
		var ok bool
		err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks
WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1)`, hi, lo).Scan(&ok)
		return ok, err
	}
	session, err := d.SessionID(ctx, conn)
	if err != nil {
		_ = discardConn(conn, true)
		return nil, fmt.Errorf("migration lock %s: session id: %w", name, err)
	}
	l := connLock(name, conn, opts.KeepAlive, held, func(ctx context.Context) error {
		var ok bool
		err := conn.QueryRowContext(ctx, "SELECT pg_advisory_unlock($1)", key).Scan(&ok)
		if err == nil && !ok {
			err = fmt.Errorf("the lock was not held")
		}
		return err
	})
	l.Session = session
	return l, nil
}

// tuneLockSession turns idle_session_timeout off for the lock's session
// (PostgreSQL 14+; a timeout in the URL suits the migration connection
// but must not end the lock's) and sets its application_name to owner.
func (d *postgresDialect) tuneLockSession(ctx context.Context, conn *sql.Conn, owner string) error {
	if d.version >= 140000 {
		if _, err := conn.ExecContext(ctx, "SELECT set_config('idle_session_timeout', '0', false)"); err != nil {
			return fmt.Errorf("keep the session open: %w", err)
		}
	}
	if owner != "" {
		if _, err := conn.ExecContext(ctx, "SELECT set_config('application_name', $1, false)", truncateRunes(owner, 63)); err != nil {
			return fmt.Errorf("set application_name: %w", err)
		}
	}
	return nil
}

// truncateRunes cuts s to at most n bytes without splitting a character.
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// postgresLockHolder describes the session holding the advisory lock
// (hi, lo): its pid, application_name, user, client address and since
// when it is connected; empty when it cannot tell.
func postgresLockHolder(ctx context.Context, q Querier, hi, lo int64) string {
	rows, err := q.QueryContext(ctx, `SELECT a.pid, a.application_name, a.usename, COALESCE(host(a.client_addr), 'local socket'), a.backend_start
FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1`, hi, lo)
	if err != nil {
		return ""
	}
	defer rows.Close()
	if !rows.Next() {
		return ""
	}
	var (
		pid             int64
		app, user, addr sql.NullString
		started         sql.NullTime
	)
	if rows.Scan(&pid, &app, &user, &addr, &started) != nil {
		return ""
	}
	who := fmt.Sprintf("session %d", pid)
	if app.String != "" {
		who += " (" + app.String + ")"
	}
	who += fmt.Sprintf(" of user %s from %s", user.String, addr.String)
	if started.Valid {
		who += " since " + started.Time.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	return who
}

// countExists reads one count(*) row: true when positive.
func countExists(rows *sql.Rows, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return false, err
		}
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	return n > 0, nil
}

var _ leaseClock = (*postgresDialect)(nil)

// pgUTCNow is the server's clock in UTC as a timestamp without time zone
// (the lock table's type), whatever the session's TimeZone; clock_timestamp
// rather than now(), which would stay at the start of a transaction.
const pgUTCNow = "(clock_timestamp() AT TIME ZONE 'UTC')"

// leaseNow is the server's clock in UTC.
func (d *postgresDialect) leaseNow() string { return pgUTCNow }

// leaseAfter adds p milliseconds to leaseNow.
func (d *postgresDialect) leaseAfter(p string) string {
	return "(" + pgUTCNow + " + " + p + "::bigint * interval '1 millisecond')"
}

// leaseAge is the milliseconds from col to now.
func (d *postgresDialect) leaseAge(col string) string {
	return "(extract(epoch FROM " + pgUTCNow + " - " + col + ") * 1000)::bigint"
}

// leaseLost reports a unique violation (23505: the lease row is there),
// and a serialization failure or deadlock (40001, 40P01), which a
// serializable default_transaction_isolation can give a racing INSERT.
func (d *postgresDialect) leaseLost(err error) bool {
	return sqlState(err) == "23505" || d.writeConflict(err)
}
