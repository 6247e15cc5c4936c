package runner

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/migratego/migrate/dialect"
)

// The revisions of a run that run in a transaction share one where the
// dialect allows it (dialect.CommitGrouper): each runs in a savepoint of
// it, released when the revision succeeds and rolled back when it fails,
// so that the outcome of every revision is that of a transaction of its
// own. Their bookkeeping is deferred to the commit: the version table
// changes once from the rows before the transaction to the rows after it,
// and their history rows are inserted together. Before the commit the
// lock is confirmed; nothing of the transaction is seen by anyone before
// it, so a lost lock rolls it back and nothing is applied twice. The
// transaction is committed at the end of the run, before anything that
// must run outside a transaction, before a failure is recorded, and at
// least every maxGroupOpen and dialect.GroupLimiter statements, which
// bounds what an interruption or a crash can take back (a consistent,
// older state).

// maxGroupOpen is how long the run's shared transaction stays open
// before it is committed (at the end of a revision).
const maxGroupOpen = 200 * time.Millisecond

// groupCommits makes the run's revisions share one transaction, where the
// dialect allows it (see dialect.CommitGrouper), committed after at most
// the dialect's number of statements (dialect.GroupLimiter).
func (s *session) groupCommits() {
	if g, ok := s.r.d.(dialect.CommitGrouper); ok && g.GroupCommits() {
		s.group = true
	}
	if l, ok := s.r.d.(dialect.GroupLimiter); ok {
		s.groupMaxStatements = l.MaxGroupStatements()
	}
}

// openGroup begins the run's shared transaction when none is open.
func (s *session) openGroup(ctx context.Context) error {
	if s.groupOpen {
		return nil
	}
	if _, err := s.conn.ExecContext(ctx, "BEGIN"); err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	s.groupOpen, s.groupSince, s.groupSteps, s.groupStatements = true, time.Now(), nil, 0
	s.groupFrom, s.groupTo, s.pending = s.rows, s.rows, nil
	return nil
}

// runGrouped runs revision p in a savepoint of the run's shared
// transaction and defers its bookkeeping to the transaction's commit
// (which runStep makes when it is due, and durably after the run's last
// revision). A revision without statements needs no savepoint: nothing of
// it can fail.
func (s *session) runGrouped(ctx context.Context, p *preparedStep) error {
	r := s.r
	start := r.now()
	e := s.startStep(p, start)
	var (
		fail *StatementError
		ran  []string
	)
	err := s.openGroup(ctx)
	if err == nil && (len(p.stmts) > 0 || p.goFn != nil) {
		err = s.inSavepoint(ctx, func(q dialect.Querier) error {
			ran, fail = s.execBody(ctx, q, p)
			if fail != nil {
				return fail
			}
			return nil
		})
	}
	if err != nil {
		return s.rolledBack(ctx, p, e, start, fail, err)
	}
	e.Status, e.FinishedAt = StatusOK, r.now()
	e.Duration = e.FinishedAt.Sub(start)
	e.StatementsDone = len(ran)
	if p.isSQL {
		e.StatementsDone = len(p.stmts)
	}
	s.pending = append(s.pending, e)
	s.groupTo = applyRows(s.groupTo, p.step)
	s.groupSteps = append(s.groupSteps, p)
	s.groupStatements += e.StatementsDone
	if !s.replaying {
		r.report(Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration})
	}
	return nil
}

// groupDue reports whether the shared transaction has been open long
// enough, or has run enough statements, to be committed now.
func (s *session) groupDue() bool {
	return s.groupOpen && (time.Since(s.groupSince) > maxGroupOpen ||
		(s.groupMaxStatements > 0 && s.groupStatements >= s.groupMaxStatements))
}

// inSavepoint runs f in a savepoint of the run's transaction, which it
// opens when needed. The savepoint statements ignore ctx's cancellation,
// so that an interrupted revision is still rolled back to its savepoint;
// f's statements are cancelled on the server (see cancelOnDone).
func (s *session) inSavepoint(ctx context.Context, f func(q dialect.Querier) error) error {
	bg := context.WithoutCancel(ctx)
	if err := s.openGroup(ctx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(bg, "SAVEPOINT migrate_revision"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	var q dialect.Querier = s.conn
	if s.sc != nil {
		q = cancelOnDone{s}
	}
	if err := f(q); err != nil {
		if _, rerr := s.conn.ExecContext(bg, "ROLLBACK TO SAVEPOINT migrate_revision"); rerr != nil {
			// SQLite rolls the whole transaction back when a statement in
			// it is interrupted (and a lost connection takes it with it):
			// the revisions since the last commit are gone too.
			s.groupOpen = false
			s.groupLost = s.groupSteps
			s.groupSteps, s.pending = nil, nil
			return err
		}
		_, _ = s.conn.ExecContext(bg, "RELEASE SAVEPOINT migrate_revision")
		return err
	}
	if _, err := s.conn.ExecContext(bg, "RELEASE SAVEPOINT migrate_revision"); err != nil {
		return fmt.Errorf("release the savepoint: %w", err)
	}
	return nil
}

// commitGroup commits the run's shared transaction, when one is open.
func (s *session) commitGroup(ctx context.Context) error { return s.endGroup(ctx, false) }

// endGroup writes the deferred bookkeeping of the revisions in the run's
// shared transaction, confirms the lock and commits, whatever ctx's
// state; durable makes the commit wait for the disk (the run's last). When
// any of it fails, the transaction is rolled back and its revisions are
// lost (s.lostSteps); the error names them.
func (s *session) endGroup(ctx context.Context, durable bool) error {
	if !s.groupOpen {
		return nil
	}
	bg := context.WithoutCancel(ctx)
	steps := s.groupSteps
	s.groupOpen, s.groupSteps = false, nil
	err := s.flushGroup(bg, steps)
	if then := s.then; then != nil {
		s.then = nil
		if err == nil {
			err = then(prepared{s})
		}
	}
	if err == nil && durable {
		err = s.durable(bg, s.conn)
	}
	if err == nil && len(steps) > 0 {
		// Nothing of the transaction is visible before its commit: one
		// confirmation covers every revision in it. (Tracked revisions
		// confirm the lock before each statement.)
		err = s.checkLock(bg)
	}
	if err == nil {
		if _, err = s.conn.ExecContext(bg, "COMMIT"); err == nil {
			s.pending = nil
			return nil
		}
		err = fmt.Errorf("commit: %w", err)
	} else {
		_, _ = s.conn.ExecContext(bg, "ROLLBACK")
	}
	s.pending, s.rows = nil, s.groupFrom
	if len(steps) == 0 {
		return err
	}
	names := make([]string, len(steps))
	for i, p := range steps {
		names[i] = p.step.String()
	}
	s.lostSteps = append(s.lostSteps, names...)
	return &groupLostError{err: err, steps: names}
}

// flushGroup writes the bookkeeping deferred in the shared transaction:
// the version table's change and the history rows.
func (s *session) flushGroup(ctx context.Context, steps []*preparedStep) error {
	if len(steps) == 0 {
		return nil
	}
	q := prepared{s}
	if err := s.r.vt.applyDiff(ctx, q, steps[len(steps)-1].step, s.groupFrom, s.groupTo); err != nil {
		return err
	}
	if done, err := s.r.ht.copyMany(ctx, s.conn, s.pending); done || err != nil {
		return err
	}
	return s.r.ht.insertMany(ctx, q, s.pending)
}

// commitWith writes f's rows (a tracked revision's history entry) in the
// run's shared transaction, opened when needed, and commits it: one
// commit for them and for what the transaction held, the bookkeeping of
// the revisions before. When f fails, the transaction is rolled back with
// what it held (see endGroup).
func (s *session) commitWith(ctx context.Context, f func(q dialect.Querier) error) error {
	if err := s.openGroup(ctx); err != nil {
		return err
	}
	s.then = f
	return s.commitGroup(ctx)
}

// leaveOpen writes f's rows (the end of a tracked revision: its version
// row and history entry) in the run's shared transaction, opened when
// needed, and leaves it open: the next commit, before the next
// revision's first statement at the latest, includes them. Its
// statements are committed already; a crash before that commit leaves
// the revision's entry "running", which the next run settles as of
// unknown outcome, as it would after a crash just before the revision's
// own final commit.
func (s *session) leaveOpen(ctx context.Context, f func(q dialect.Querier) error) error {
	if err := s.commitGroup(ctx); err != nil { // (none is open: the revision's start committed it)
		return err
	}
	if err := s.openGroup(ctx); err != nil {
		return err
	}
	if err := f(prepared{s}); err != nil {
		// Nothing else is in the transaction: f's writes go, all of them.
		_, _ = s.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		s.groupOpen, s.pending = false, nil
		return err
	}
	return nil
}

// groupLostError is the failure to commit the run's shared transaction:
// the revisions in it were rolled back.
type groupLostError struct {
	err   error
	steps []string
}

func (e *groupLostError) Error() string {
	what := strings.Join(e.steps, ", ")
	if len(e.steps) > 3 {
		what = fmt.Sprintf("%s … %s", e.steps[0], e.steps[len(e.steps)-1])
	}
	return fmt.Sprintf("%v\nthe %d revision(s) that shared the run's transaction were rolled back (reported done above): %s", e.err, len(e.steps), what)
}

func (e *groupLostError) Unwrap() error { return e.err }

// replayLost runs again, each in its own transaction and whatever ctx's
// state, the revisions that an interruption rolled back with the shared
// transaction (they ran without error moments before, from the same
// state), so that an interrupted run keeps every revision before the one
// it interrupted, as with a transaction per revision.
func (s *session) replayLost(ctx context.Context) error {
	lost := s.groupLost
	s.groupLost, s.group, s.replaying = nil, false, true
	defer func() { s.replaying = false }()
	bg := context.WithoutCancel(ctx)
	for i, p := range lost {
		if err := s.runAtomic(bg, p, false); err != nil {
			for _, q := range lost[i:] {
				s.lostSteps = append(s.lostSteps, q.step.String())
			}
			return err
		}
	}
	return nil
}

// cancelOnDone is the migration connection for the statements of a
// revision in the shared transaction on a server database: when ctx is
// done (Ctrl-C), the running statement is cancelled on the server
// (pg_cancel_backend) rather than by dropping the connection, which would
// take the shared transaction, and the revisions before in it, along.
type cancelOnDone struct{ s *session }

// ExecContext runs a statement on the migration connection.
func (c cancelOnDone) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var res sql.Result
	err := c.s.cancelOnServer(ctx, func(ctx context.Context) error {
		var err error
		res, err = c.s.conn.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// QueryContext runs a query on the migration connection.
func (c cancelOnDone) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var rows *sql.Rows
	err := c.s.cancelOnServer(ctx, func(ctx context.Context) error {
		var err error
		rows, err = c.s.conn.QueryContext(ctx, query, args...)
		return err
	})
	return rows, err
}

// cancelOnServer calls f with a context that is never cancelled, and
// cancels the statement f runs on the server when ctx is done; it returns
// once the cancellation, if any, was sent.
func (s *session) cancelOnServer(ctx context.Context, f func(context.Context) error) error {
	if s.sc == nil || ctx.Done() == nil {
		return f(ctx)
	}
	stop, watched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-stop:
		case <-ctx.Done():
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			_ = s.sc.CancelStatement(cctx, s.r.db, s.sid)
		}
	}()
	err := f(context.WithoutCancel(ctx))
	close(stop)
	<-watched
	return err
}

// prepared is the migration connection for the runner's own statements
// (version and history rows) outside a database/sql transaction: each
// statement with parameters is prepared once per run, so that it costs
// one round trip instead of three on MySQL (prepare, execute, close).
type prepared struct{ s *session }

// ExecContext runs a statement on the migration connection.
func (p prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if len(args) == 0 {
		return p.s.conn.ExecContext(ctx, query)
	}
	st, err := p.s.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a query on the migration connection.
func (p prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if len(args) == 0 {
		return p.s.conn.QueryContext(ctx, query)
	}
	st, err := p.s.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// prepare returns the statement query prepared on the migration
// connection, preparing it the first time.
func (s *session) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := s.stmts[query]; st != nil {
		return st, nil
	}
	st, err := s.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}

// closeStatements closes the statements prepare made.
func (s *session) closeStatements() {
	for q, st := range s.stmts {
		_ = st.Close()
		delete(s.stmts, q)
	}
}
