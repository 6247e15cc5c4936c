package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

var _ SessionControl = (*postgresDialect)(nil)

// SessionID returns pg_backend_pid().
func (d *postgresDialect) SessionID(ctx context.Context, q Querier) (int64, error) {
	return queryInt64(ctx, q, "SELECT pg_backend_pid()")
}

// CancelStatement runs pg_cancel_backend(id): the statement stops and its
// transaction (or autocommit block) rolls back; the session stays.
func (d *postgresDialect) CancelStatement(ctx context.Context, q Querier, id int64) error {
	rows, err := q.QueryContext(ctx, "SELECT pg_cancel_backend($1)", id)
	if err != nil {
		return fmt.Errorf("cancel the statement of session %d: %w", id, err)
	}
	return rows.Close()
}

// CancelRollsBack is true: a cancelled statement leaves nothing, except
// an interrupted CREATE INDEX CONCURRENTLY (see IndexLeftBy).
func (d *postgresDialect) CancelRollsBack() bool { return true }

// Interrupted reports the SQLSTATEs of a cancelled statement (57014) and
// of a terminated session or server shutdown (57P01–57P03).
func (d *postgresDialect) Interrupted(err error) bool {
	switch sqlState(err) {
	case "57014", "57P01", "57P02", "57P03":
		return true
	}
	return false
}

// sqlState returns the SQLSTATE of a PostgreSQL error, "" for another
// error.
func sqlState(err error) string {
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		return pg.SQLState()
	}
	return ""
}

// Session reads the session's row of pg_stat_activity: it runs a
// statement while its state is active (or a fast-path call).
func (d *postgresDialect) Session(ctx context.Context, q Querier, id int64) (*SessionInfo, error) {
	rows, err := q.QueryContext(ctx, "SELECT state, query FROM pg_catalog.pg_stat_activity WHERE pid = $1", id)
	if err != nil {
		return nil, fmt.Errorf("read pg_stat_activity: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	var state, query sql.NullString
	if err := rows.Scan(&state, &query); err != nil {
		return nil, fmt.Errorf("read pg_stat_activity: %w", err)
	}
	running := state.String == "active" || state.String == "fastpath function call"
	return &SessionInfo{ID: id, Running: running, Statement: query.String}, rows.Err()
}
