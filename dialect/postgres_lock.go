package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"time"
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
// other.
func (d *postgresDialect) AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, timeout time.Duration) (*Lock, error) {
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
	err = pollLock(ctx, name, timeout, func(ctx context.Context) (bool, error) {
		var ok bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
			return false, fmt.Errorf("migration lock %s: %w", name, err)
		}
		return ok, nil
	})
	if err != nil {
		_ = discardConn(conn, true)
		return nil, err
	}
	return connLock(name, conn, func(ctx context.Context) error {
		var ok bool
		err := conn.QueryRowContext(ctx, "SELECT pg_advisory_unlock($1)", key).Scan(&ok)
		if err == nil && !ok {
			err = fmt.Errorf("the lock was not held")
		}
		return err
	}), nil
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
