package dialect

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// SessionControl is implemented by dialects whose server sessions can be
// named, watched and interrupted from another connection (PostgreSQL,
// MySQL, MariaDB). The runner records the session that runs a statement
// outside a transaction, cancels that statement on the server when the run
// is interrupted (a client that goes away does not stop a statement the
// server is running), and waits for the session of a dead run to end
// before it decides what that run left behind. SQLite runs in the
// process: when the process ends, so does its statement.
type SessionControl interface {
	// SessionID returns the server's id of the session q runs on
	// (CONNECTION_ID(), pg_backend_pid()); q must be one connection.
	SessionID(ctx context.Context, q Querier) (int64, error)
	// CancelStatement asks the server to cancel the statement session id
	// is running (KILL QUERY, pg_cancel_backend), sent on another session
	// q. A session that runs nothing, or no longer exists, is no error.
	CancelStatement(ctx context.Context, q Querier, id int64) error
	// Session describes session id as the server sees it; nil when the
	// session no longer exists.
	Session(ctx context.Context, q Querier, id int64) (*SessionInfo, error)
	// CancelRollsBack reports whether a statement outside a transaction
	// that the server reports cancelled is known to have left nothing
	// (PostgreSQL: every statement is atomic, except what
	// IndexLeftBy checks) or may have taken effect in part (MySQL,
	// MariaDB: non-transactional tables, DDL).
	CancelRollsBack() bool
	// Interrupted reports whether err is the server saying that it
	// cancelled the statement or killed its session (KILL QUERY, KILL,
	// pg_cancel_backend, pg_terminate_backend, a shutdown).
	Interrupted(err error) bool
}

// IsServerError reports whether err is the database server's answer to
// a statement (it refused or cancelled it), as opposed to a lost
// connection or a client-side failure, after which the statement's
// outcome is unknown.
func IsServerError(err error) bool {
	if err == nil {
		return false
	}
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		return true
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		return true
	}
	return mysqlErrorNumber(err) > 0
}

// SessionInfo is a server session as another session sees it.
type SessionInfo struct {
	ID int64
	// Running reports that the session is executing a statement (not
	// idle); Statement is its text when the server tells it.
	Running   bool
	Statement string
}

// SessionControlOf returns the SessionControl of d, or nil when d's
// sessions cannot be controlled from outside (SQLite).
func SessionControlOf(d Dialect) SessionControl {
	sc, _ := d.(SessionControl)
	return sc
}

// WaitSessionGone polls every poll until session id has ended, or until
// ctx is done (its error). It calls waiting once, before the first wait,
// when the session still exists, so that the caller can say what it
// waits for.
func WaitSessionGone(ctx context.Context, sc SessionControl, q Querier, id int64, poll time.Duration, waiting func(*SessionInfo)) error {
	for first := true; ; first = false {
		s, err := sc.Session(ctx, q, id)
		if err != nil {
			return fmt.Errorf("session %d: %w", id, err)
		}
		if s == nil {
			return nil
		}
		if first && waiting != nil {
			waiting(s)
		}
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// WaitStatementDone polls every poll until session id runs no statement
// (it is idle or has ended), or until ctx is done (its error). After
// CancelStatement it tells when the cancelled statement has stopped.
func WaitStatementDone(ctx context.Context, sc SessionControl, q Querier, id int64, poll time.Duration) error {
	for {
		s, err := sc.Session(ctx, q, id)
		if err != nil {
			return fmt.Errorf("session %d: %w", id, err)
		}
		if s == nil || !s.Running {
			return nil
		}
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
