package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/migratego/migrate/dialect"
)

// Outcome is what is known of a statement that a run started outside a
// transaction.
type Outcome int

// The outcomes of a statement.
const (
	// Ran: the statement finished and took effect.
	Ran Outcome = iota + 1
	// NotRun: the statement did not take effect (the database refused it,
	// or cancelled it and rolled it back).
	NotRun
	// Unknown: the statement was running when its run was interrupted or
	// lost its connection, and the database cannot tell whether it took
	// effect (MySQL and MariaDB may have applied part of it; a PostgreSQL
	// session that lost its client may have committed it).
	Unknown
)

// String is "ran", "not run" or "unknown".
func (o Outcome) String() string {
	switch o {
	case Ran:
		return "ran"
	case NotRun:
		return "not run"
	case Unknown:
		return "unknown"
	}
	return "?"
}

// execOutside runs one statement outside a transaction, on the migration
// connection, and tells its outcome. The statement is not tied to ctx: a
// client that goes away does not stop a statement the server is running,
// so when ctx is done (Ctrl-C), the statement is cancelled on the server
// (KILL QUERY, pg_cancel_backend) and execOutside waits for the server's
// answer. When the connection is lost instead, the server may still run
// the statement: execOutside cancels it there and waits for the session to
// end, so that the lock is never released while it runs.
func (s *session) execOutside(ctx context.Context, stmt string) (Outcome, error) {
	if err := s.commitGroup(ctx); err != nil {
		return NotRun, err
	}
	sc := s.sc
	if sc == nil {
		// SQLite runs the statement in this process: an interrupted
		// statement stops with it and rolls back.
		if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
			return NotRun, err
		}
		return Ran, nil
	}
	err := s.cancelOnServer(ctx, func(ctx context.Context) error {
		_, err := s.conn.ExecContext(ctx, stmt)
		return err
	})
	switch {
	case err == nil:
		return Ran, nil
	case dialect.IsServerError(err) && !sc.Interrupted(err):
		return NotRun, err // refused by the database
	case sc.Interrupted(err) && sc.CancelRollsBack():
		return NotRun, err
	}
	s.stopStatement(ctx)
	return Unknown, err
}

// stopStatement makes sure that the migration session runs nothing more
// after its connection was lost or its statement interrupted: it cancels
// the statement on the server and waits, at most the lock timeout, for the
// session to be idle or gone. The migration connection is not used again.
func (s *session) stopStatement(ctx context.Context) {
	s.broken = true
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), max(s.r.lockTimeout, 10*time.Second))
	defer cancel()
	_ = s.sc.CancelStatement(wctx, s.r.db, s.sid)
	_ = dialect.WaitStatementDone(wctx, s.sc, s.r.db, s.sid, 50*time.Millisecond)
}

// dropConnection stops using the migration connection, which was found
// lost: on a server database, once its session runs nothing more
// (stopStatement).
func (s *session) dropConnection(ctx context.Context) {
	if s.sc == nil {
		s.broken = true
		return
	}
	s.stopStatement(ctx)
}

// settleIndexBuild decides the outcome of a CREATE INDEX CONCURRENTLY that
// did not finish (failed, interrupted, unknown) from what it left: an
// INVALID index is dropped (the statement created it, since an index of
// that name would have made it fail at once) and the statement counts as
// not run; a valid index means it ran. Other statements keep outcome.
func (s *session) settleIndexBuild(ctx context.Context, stmt string, outcome Outcome) (Outcome, string) {
	ib, ok := s.r.d.(dialect.IndexBuilds)
	if !ok || outcome == Ran {
		return outcome, ""
	}
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), max(s.r.lockTimeout, 10*time.Second))
	defer cancel()
	state, name, ok, err := ib.IndexLeftBy(qctx, s.r.db, stmt)
	if !ok || err != nil {
		return outcome, ""
	}
	switch state {
	case dialect.IndexInvalid:
		s.r.report(Progress{Phase: Notice, Message: fmt.Sprintf("dropping the INVALID index %s left by the interrupted build (DROP INDEX CONCURRENTLY waits for the transactions that use its table)", name)})
		if err := ib.DropInvalidIndex(qctx, s.r.db, name); err != nil {
			return outcome, fmt.Sprintf("the interrupted build left the INVALID index %s, which could not be dropped (%v): drop it (DROP INDEX CONCURRENTLY %s) before running the revision again", name, err, name)
		}
		return NotRun, fmt.Sprintf("the interrupted build left the INVALID index %s, which was dropped", name)
	case dialect.IndexValid:
		if outcome == Unknown {
			return Ran, fmt.Sprintf("the index %s was built", name)
		}
	case dialect.IndexAbsent:
		return NotRun, ""
	}
	return outcome, ""
}

// ranChecksum is the checksum of the statements of a revision that ran,
// which a resumed run compares with the file's (only those statements
// must be unchanged). None ran: empty.
func ranChecksum(texts []string) string {
	if len(texts) == 0 {
		return ""
	}
	h := sha256.New()
	for _, t := range texts {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
