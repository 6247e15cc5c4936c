package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

var _ SessionControl = (*mysqlDialect)(nil)

// SessionID returns CONNECTION_ID().
func (d *mysqlDialect) SessionID(ctx context.Context, q Querier) (int64, error) {
	return queryInt64(ctx, q, "SELECT CONNECTION_ID()")
}

// CancelStatement runs KILL QUERY id: the statement stops and, on
// transactional tables, rolls back; the session stays. An unknown id
// (the session ended) is no error.
func (d *mysqlDialect) CancelStatement(ctx context.Context, q Querier, id int64) error {
	_, err := q.ExecContext(ctx, "KILL QUERY "+strconv.FormatInt(id, 10))
	if err != nil && mysqlErrorNumber(err) == 1094 { // ER_NO_SUCH_THREAD
		return nil
	}
	if err != nil {
		return fmt.Errorf("cancel the statement of session %d: %w", id, err)
	}
	return nil
}

// CancelRollsBack is false: a cancelled statement on a non-transactional
// table, or DDL that the server does not make atomic, may have taken
// effect in part.
func (d *mysqlDialect) CancelRollsBack() bool { return false }

// Interrupted reports ER_QUERY_INTERRUPTED (1317), ER_SERVER_SHUTDOWN
// (1053) and ER_CONNECTION_KILLED (1927).
func (d *mysqlDialect) Interrupted(err error) bool {
	switch mysqlErrorNumber(err) {
	case 1317, 1053, 1927:
		return true
	}
	return false
}

// Session reads the session's row of information_schema.PROCESSLIST: it
// runs a statement while it has one (INFO) and its command is not Sleep
// (a session whose statement was killed shows the command Killed until
// its next statement, with no INFO once the statement stopped).
func (d *mysqlDialect) Session(ctx context.Context, q Querier, id int64) (*SessionInfo, error) {
	rows, err := q.QueryContext(ctx, "SELECT COMMAND, INFO FROM information_schema.PROCESSLIST WHERE ID = ?", id)
	if err != nil {
		return nil, fmt.Errorf("read the process list: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	var command string
	var info sql.NullString
	if err := rows.Scan(&command, &info); err != nil {
		return nil, fmt.Errorf("read the process list: %w", err)
	}
	return &SessionInfo{ID: id, Running: command != "Sleep" && info.Valid, Statement: info.String}, rows.Err()
}

// mysqlErrorNumber returns the server's error number of err, 0 when err
// is not a server error. It reads the text go-sql-driver/mysql gives a
// server error ("Error 1094 (HY000): Unknown thread id: 7"), so that this
// package does not link the driver.
func mysqlErrorNumber(err error) int {
	for ; err != nil; err = errors.Unwrap(err) {
		var n int
		if _, serr := fmt.Sscanf(err.Error(), "Error %d", &n); serr == nil {
			return n
		}
	}
	return 0
}

// queryInt64 reads one integer.
func queryInt64(ctx context.Context, q Querier, query string, args ...any) (int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, err
		}
		return 0, sql.ErrNoRows
	}
	if err := rows.Scan(&n); err != nil {
		return 0, err
	}
	return n, rows.Close()
}
