package runner

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// preparedStep is a step checked and ready to run: a SQL revision's
// statements split with the database's syntax, or a Go revision's func.
type preparedStep struct {
	step      versions.Step
	direction string
	message   string
	path      string
	checksum  string

	isSQL bool
	stmts []scriptdir.Statement
	// autocommit marks statements that cannot run in a transaction.
	autocommit    []bool
	anyAutocommit bool
	goFn          func(ctx context.Context, op *ops.Op) error

	// resumeFrom is the number of statements an earlier run applied (or
	// that --resume-at skips); resumeSum is the checksum of those that the
	// earlier run recorded, which a resumed Go revision compares with the
	// statements it skips.
	resumeFrom int
	resumeSum  string
	resumeSumN int
	// settles is the partly applied attempt this step resumes.
	settles *HistoryEntry
}

// prepare checks a step before anything runs: the script's dialect, its
// statements, a Go revision's availability.
func (r *Runner) prepare(st versions.Step) (*preparedStep, error) {
	return prepareStep(r.d, r.rs, r.set, st)
}

func prepareStep(d dialect.Dialect, rs dialect.RunSupport, set *Set, st versions.Step) (*preparedStep, error) {
	rev := st.Revision
	sc := set.Script(rev.ID)
	p := &preparedStep{step: st, direction: DirectionDowngrade, path: "compiled, no file"} // shown in parentheses
	if st.Up {
		p.direction = DirectionUpgrade
	}
	p.message = "Running " + st.String()
	if rev.Message != "" {
		p.message += ", " + rev.Message
	}
	if sc != nil {
		p.path, p.checksum = sc.Path, sc.Checksum
	}
	switch {
	case sc != nil && sc.SQL != nil:
		if err := sc.CheckDialect(d.Name()); err != nil {
			return nil, err
		}
		var err error
		if st.Up {
			p.stmts, err = sc.UpgradeStatements(d.Capabilities().Syntax)
		} else {
			p.stmts, err = sc.DowngradeStatements(d.Capabilities().Syntax)
		}
		if err != nil {
			return nil, fmt.Errorf("revision %s: %w", rev.ID, err)
		}
		p.isSQL = true
		p.autocommit = make([]bool, len(p.stmts))
		for i, s := range p.stmts {
			if rs.NeedsAutocommit(s.Text) {
				p.autocommit[i], p.anyAutocommit = true, true
			}
		}
	default:
		code := set.Compiled(rev.ID)
		if code == nil || (code.Upgrade == nil && code.Downgrade == nil) {
			if sc != nil && sc.Kind == scriptdir.KindGo {
				return nil, &NotCompiledError{Revision: rev.ID, Path: sc.Path}
			}
			break
		}
		if st.Up {
			p.goFn = code.Upgrade
		} else {
			p.goFn = code.Downgrade
		}
	}
	return p, nil
}

// runStep runs one revision: in one transaction where the database and
// the revision allow it, else statement by statement with progress
// recorded in the history row. Before anything of it runs, the lock is
// confirmed and the version table's rows are checked against the step.
func (s *session) runStep(ctx context.Context, p *preparedStep, last bool) error {
	fresh := p.resumeFrom == 0 && p.settles == nil
	atomic := fresh && s.r.d.Capabilities().TransactionalDDL && !p.step.Revision.NonTransactional && !p.anyAutocommit
	// A SQL revision without statements has nothing that commits on its
	// own: its bookkeeping is one transaction on every database.
	atomic = atomic || (fresh && p.isSQL && len(p.stmts) == 0)
	if (atomic && !s.group) || (!atomic && (!p.isSQL || p.resumeFrom >= len(p.stmts))) {
		// (A tracked SQL step confirms the lock before each statement; the
		// shared transaction before its commit.)
		if err := s.checkLock(ctx); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted between revisions
	}
	if err := s.r.checkStepRows(s.rows, p.step); err != nil {
		return err
	}
	var err error
	if atomic {
		err = s.runAtomic(ctx, p, last)
	} else {
		// Its statements commit on their own: what ran before is
		// committed first, with the revision's history row.
		group := s.group
		s.group = false
		err = s.runTracked(ctx, p, last, group)
		s.group = group
	}
	if err != nil {
		return err
	}
	s.rows = applyRows(s.rows, p.step)
	if !atomic && s.groupOpen {
		// The shared transaction holds the revision's version row (see
		// leaveOpen): the rows it starts from are those after it.
		s.groupFrom, s.groupTo = s.rows, s.rows
	}
	if last {
		return s.endGroup(ctx, true)
	}
	if s.groupDue() {
		return s.commitGroup(ctx)
	}
	return nil
}

// checkLock confirms that the run still holds the migration lock.
func (s *session) checkLock(ctx context.Context) error {
	lost, err := s.confirmLock(ctx)
	if lost {
		s.lockLost = true
	}
	return err
}

// confirmLock is checkLock without recording a lost lock (lost), so that
// it can run in the background.
func (s *session) confirmLock(ctx context.Context) (lost bool, err error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	// Not tied to ctx: a query cancelled by Ctrl-C would end the lock's
	// session on some drivers.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := s.lock.Check(cctx); err != nil {
		return true, err
	}
	return false, ctx.Err()
}

// startLockCheck confirms the lock, as checkLock, in the background, so
// that its round trip overlaps another; endLockCheck waits for it.
func (s *session) startLockCheck(ctx context.Context) <-chan lockResult {
	ch := make(chan lockResult, 1)
	go func() {
		lost, err := s.confirmLock(ctx)
		ch <- lockResult{err, lost}
	}()
	return ch
}

// lockResult is the outcome of a background lock confirmation.
type lockResult struct {
	err  error
	lost bool
}

// endLockCheck returns the result of the check startLockCheck began (nil
// when none is pending), once.
func (s *session) endLockCheck() error {
	if s.lockCheck == nil {
		return nil
	}
	res := <-s.lockCheck
	s.lockCheck = nil
	if res.lost {
		s.lockLost = true
	}
	return res.err
}

// startStep reports that p starts at start and returns its history entry.
func (s *session) startStep(p *preparedStep, start time.Time) *HistoryEntry {
	if !s.replaying {
		s.r.report(Progress{Phase: StepStarted, Step: p.step, Message: p.message, Resumed: p.resumeFrom})
	}
	e := s.r.entry(p.step, p.direction, start)
	e.StatementCount = len(p.stmts)
	return e
}

// applyInTx runs p's statements (or Go func), its version-table change
// and its history row e, marked ok, on tx. A failing statement comes back
// as fail as well as the error.
func (s *session) applyInTx(ctx context.Context, tx dialect.Querier, p *preparedStep, e *HistoryEntry, start time.Time) (fail *StatementError, err error) {
	r := s.r
	ran, fail := s.execBody(ctx, tx, p)
	if fail != nil {
		return fail, fail
	}
	if err := r.vt.apply(ctx, tx, p.step); err != nil {
		return nil, err
	}
	e.Status, e.FinishedAt = StatusOK, r.now()
	e.Duration = e.FinishedAt.Sub(start)
	e.StatementsDone = len(ran)
	if p.isSQL {
		e.StatementsDone = len(p.stmts)
	}
	return nil, r.ht.insert(ctx, tx, e)
}

// runAtomic runs a revision's statements, its version-table change and
// its history row in one transaction. When last, the commit is made
// durable (see session.durable).
func (s *session) runAtomic(ctx context.Context, p *preparedStep, last bool) error {
	if s.group {
		return s.runGrouped(ctx, p)
	}
	r := s.r
	start := r.now()
	e := s.startStep(p, start)
	var fail *StatementError
	err := s.inTx(ctx, func(tx dialect.Querier) error {
		var err error
		if fail, err = s.applyInTx(ctx, tx, p, e, start); err != nil {
			return err
		}
		if last {
			return s.durable(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return s.rolledBack(ctx, p, e, start, fail, err)
	}
	if !s.replaying {
		r.report(Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration})
	}
	return nil
}

// runTracked runs a revision outside one transaction. Its history entry
// is written first, with the migration session's id, so that a run that
// dies in the middle leaves a trace a later run finds. Statements that
// can run in a transaction are grouped in transactions where DDL is
// transactional, each with the entry's progress; the others run one by
// one, each after the lock is confirmed (execOutside), with the progress
// recorded after each. The version table changes with the entry's "ok" in
// a final transaction (with the last group, when there is one). When the
// run shares a transaction (group), the entry is written in it, and its
// commit, before the first statement, is the run's; the final
// transaction is left open, to be committed with what follows.
func (s *session) runTracked(ctx context.Context, p *preparedStep, lastStep, group bool) error {
	r := s.r
	start := r.now()
	e := s.startStep(p, start)
	e.StatementsDone, e.RanChecksum, e.Session = p.resumeFrom, p.resumeSum, s.sid
	if p.isSQL {
		e.RanChecksum = ranChecksum(statementTexts(p.stmts[:p.resumeFrom]))
	}
	useTx := r.d.Capabilities().TransactionalDDL && !p.step.Revision.NonTransactional
	if p.isSQL && p.resumeFrom < len(p.stmts) && (!useTx || p.autocommit[p.resumeFrom]) {
		// The first statement runs outside a transaction: confirm the lock
		// on its connection while the entry is written on this one.
		s.lockCheck = s.startLockCheck(ctx)
		defer s.endLockCheck()
	}
	begin := s.inTx
	if group {
		begin = s.commitWith
	}
	err := begin(ctx, func(tx dialect.Querier) error {
		if p.settles != nil {
			if err := r.ht.setStatus(ctx, tx, p.settles.ID, StatusSettled); err != nil {
				return err
			}
		}
		return r.ht.insert(ctx, tx, e)
	})
	if err != nil {
		return err
	}
	done := p.resumeFrom
	finished := false
	finish := func(q dialect.Querier) error {
		if err := r.vt.apply(ctx, q, p.step); err != nil {
			return err
		}
		e.Status, e.FinishedAt = StatusOK, r.now()
		e.Duration = e.FinishedAt.Sub(start)
		e.StatementsDone = done
		if err := r.ht.finish(ctx, q, e); err != nil {
			return err
		}
		if lastStep {
			return s.durable(ctx, q)
		}
		return nil
	}
	progress := func(q dialect.Querier, n int) error {
		e.StatementsDone = n
		e.RanChecksum = ranChecksum(statementTexts(p.stmts[:n]))
		return r.ht.setProgress(ctx, q, e)
	}

	var fail *StatementError
	if p.isSQL {
		for i := done; i < len(p.stmts) && fail == nil; {
			if !useTx || p.autocommit[i] {
				fail = s.runOutside(ctx, p, i)
				if fail == nil {
					done = i + 1
					if done < len(p.stmts) {
						if err := progress(s.conn, done); err != nil {
							return err
						}
					}
				}
				i++
				continue
			}
			k := i
			for k < len(p.stmts) && !p.autocommit[k] {
				k++
			}
			last := k == len(p.stmts)
			err := s.inTx(ctx, func(tx dialect.Querier) error {
				if fail = s.execStatements(ctx, tx, p, i, k); fail != nil {
					return fail
				}
				if last {
					done = k
					return finish(tx)
				}
				return progress(tx, k)
			})
			if err != nil && fail == nil {
				fail = &StatementError{Err: err}
				fillStatementError(fail, p)
			}
			if err == nil {
				done, finished = k, last
			} else {
				done = i
			}
			i = k
		}
	} else {
		// A Go revision: its statements are counted as they run, and the
		// progress is recorded after each (they commit one by one here).
		tr := &trackingExec{q: s.conn, conn: s.conn, s: s, skip: p.resumeFrom, skipSum: p.resumeSum, skipSumN: p.resumeSumN,
			after: func(ran []string) error {
				done = len(ran)
				e.StatementsDone, e.RanChecksum = done, ranChecksum(ran)
				return r.ht.setProgress(ctx, s.conn, e)
			}}
		fail = s.runGo(ctx, tr, p, false)
		done = tr.count()
		e.RanChecksum = ranChecksum(tr.ran)
		if fail != nil {
			fail.Applied, fail.Resumed = tr.ran, p.resumeFrom
		}
	}
	if fail == nil && !finished {
		end := s.inTx
		if group && !lastStep {
			end = s.leaveOpen
		}
		if err := end(ctx, finish); err != nil {
			fail = &StatementError{Err: err, Raced: dialect.IsWriteConflict(r.d, err)}
			fillStatementError(fail, p)
		}
	}
	if fail != nil {
		e.StatementsDone = done
		if p.isSQL {
			e.RanChecksum = ranChecksum(statementTexts(p.stmts[:done]))
			fail.Applied = statementTexts(p.stmts[:done])
			fail.Resumed = p.resumeFrom
		}
		fail.Outside = s.outsideReason(p)
		return s.failed(ctx, p, e, start, fail, false)
	}
	r.report(Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration, Resumed: p.resumeFrom})
	return nil
}

// runOutside runs statement i of p outside a transaction, after
// confirming the lock, and returns its failure, if any, with the
// statement's outcome.
func (s *session) runOutside(ctx context.Context, p *preparedStep, i int) *StatementError {
	st := p.stmts[i]
	check := s.checkLock
	if s.lockCheck != nil {
		check = func(context.Context) error { return s.endLockCheck() }
	}
	if err := check(ctx); err != nil {
		fe := &StatementError{Index: i + 1, Line: st.Line, Statement: st.Text, Err: err, Outcome: NotRun}
		fillStatementError(fe, p)
		return fe
	}
	if err := ctx.Err(); err != nil {
		fe := &StatementError{Index: i + 1, Line: st.Line, Statement: st.Text, Err: err, Outcome: NotRun}
		fillStatementError(fe, p)
		return fe
	}
	if i == p.resumeFrom && p.settles != nil {
		// An earlier attempt of this statement may have left an INVALID
		// index (an interrupted CREATE INDEX CONCURRENTLY): drop it.
		if _, note := s.settleIndexBuild(ctx, st.Text, Unknown); note != "" {
			s.r.report(Progress{Phase: Notice, Message: note})
		}
	}
	outcome, err := s.execOutside(ctx, st.Text)
	note := ""
	if outcome != Ran {
		outcome, note = s.settleIndexBuild(ctx, st.Text, outcome)
	}
	if outcome == Ran {
		return nil
	}
	fe := &StatementError{Index: i + 1, Line: st.Line, Statement: st.Text, Err: err, Outcome: outcome, Note: note}
	fillStatementError(fe, p)
	return fe
}

// outsideReason says, for a message, why statements of p ran outside a
// transaction, in the words of the database.
func (s *session) outsideReason(p *preparedStep) string {
	product := s.r.rs.Product()
	switch {
	case !s.r.d.Capabilities().TransactionalDDL:
		return product + " commits every DDL statement implicitly, so the statements of a revision take effect one by one"
	case p.step.Revision.NonTransactional:
		return "the revision is marked non-transactional, so its statements take effect one by one"
	default:
		return "statements that " + product + " cannot run inside a transaction (such as CREATE INDEX CONCURRENTLY) ran on their own, outside the revision's transaction"
	}
}

// runAll runs every step in one transaction (--transaction all). Steps
// are reported finished only once the transaction has committed.
func (s *session) runAll(ctx context.Context, prepared []*preparedStep) error {
	r := s.r
	if !r.d.Capabilities().TransactionalDDL {
		return &TransactionModeError{Msg: fmt.Sprintf("--transaction all needs a database with transactional DDL; %s commits every DDL statement implicitly, so use the default per-revision mode", r.rs.Product())}
	}
	for _, p := range prepared {
		if p.step.Revision.NonTransactional {
			return &TransactionModeError{Msg: fmt.Sprintf("--transaction all cannot include revision %s (%s): it is marked non-transactional", p.step.Revision.ID, p.path)}
		}
		for i, a := range p.autocommit {
			if a {
				return &TransactionModeError{Msg: fmt.Sprintf("--transaction all cannot include revision %s (%s:%d): statement %d cannot run inside a transaction", p.step.Revision.ID, p.path, p.stmts[i].Line, i+1)}
			}
		}
		if p.resumeFrom > 0 || p.settles != nil {
			return &TransactionModeError{Msg: fmt.Sprintf("revision %s is partly applied and must be resumed without --transaction all", p.step.Revision.ID)}
		}
	}
	if err := s.checkLock(ctx); err != nil {
		return err
	}
	var (
		fail    *StatementError
		current *preparedStep
		e       *HistoryEntry
		start   time.Time
		ran     []Progress
	)
	rows := s.rows
	err := s.inTx(ctx, func(tx dialect.Querier) error {
		for _, p := range prepared {
			current, start = p, r.now()
			if err := r.checkStepRows(rows, p.step); err != nil {
				return err
			}
			e = s.startStep(p, start)
			var err error
			if fail, err = s.applyInTx(ctx, tx, p, e, start); err != nil {
				return err
			}
			rows = applyRows(rows, p.step)
			ran = append(ran, Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration, Pending: true})
			r.report(ran[len(ran)-1])
		}
		if err := s.checkLock(ctx); err != nil {
			return err
		}
		return s.durable(ctx, tx)
	})
	if err == nil {
		s.rows = rows
		r.report(Progress{Phase: RunCommitted, Message: fmt.Sprintf("committed %d revision(s)", len(ran))})
		return nil
	}
	if current == nil {
		return err
	}
	if fail == nil {
		fail = &StatementError{Err: err}
		fillStatementError(fail, current)
	}
	fail.RolledBack, fail.WholeRun, fail.Applied = true, true, nil
	e.StatementsDone, e.RanChecksum = 0, ""
	return s.failed(ctx, current, e, start, fail, true)
}

// execBody runs a SQL revision's statements or a Go revision's func on q
// (a transaction) and returns the texts of the statements that ran, or
// the failure.
func (s *session) execBody(ctx context.Context, q dialect.Querier, p *preparedStep) ([]string, *StatementError) {
	if !p.isSQL {
		tr := &trackingExec{q: q, conn: s.conn, s: s}
		if fail := s.runGo(ctx, tr, p, true); fail != nil {
			return nil, fail
		}
		return tr.ran, s.checkForeignKeys(ctx, q, p)
	}
	return nil, s.execStatements(ctx, q, p, 0, len(p.stmts))
}

// execStatements runs the statements from..to of a SQL revision on q, a
// transaction.
func (s *session) execStatements(ctx context.Context, q dialect.Querier, p *preparedStep, from, to int) *StatementError {
	for i := from; i < to; i++ {
		st := p.stmts[i]
		if _, err := q.ExecContext(ctx, st.Text); err != nil {
			fe := &StatementError{Index: i + 1, Line: st.Line, Statement: st.Text, Err: err}
			fillStatementError(fe, p)
			return fe
		}
	}
	return nil
}

// runGo calls a Go revision's func with an Op on ex.
func (s *session) runGo(ctx context.Context, ex *trackingExec, p *preparedStep, inTx bool) *StatementError {
	if p.goFn == nil {
		return nil // an empty upgrade or downgrade
	}
	op := ops.NewOp(s.r.d, ex)
	op.InTransaction = inTx
	op.LiveTable = liveTable(s.r.d, ex.q)
	op.Revision = p.step.Revision.ID
	err := p.goFn(ctx, op)
	if err == nil {
		err = ex.checkSkipped()
	}
	if err == nil {
		return nil
	}
	fe := &StatementError{Err: err, Index: ex.count() + 1, Outcome: ex.outcome}
	var se *ops.StatementError
	if errors.As(err, &se) {
		fe.Statement, fe.Err = se.Statement, se.Err
	}
	fe.Applied = ex.ran
	fillStatementError(fe, p)
	return fe
}

// fillStatementError sets the fields that name the step.
func fillStatementError(fe *StatementError, p *preparedStep) {
	fe.Step = p.step.String()
	fe.Revision = p.step.Revision.ID
	fe.Direction = p.direction
	fe.Path = p.path
	if p.isSQL {
		fe.Count = len(p.stmts)
	} else {
		fe.GoRevision = true
	}
	if fe.Outcome == 0 {
		fe.Outcome = NotRun
	}
}

// rolledBack records revision p as failed when its transaction or
// savepoint was rolled back by err: nothing of it stays, whatever
// statement failed (fail, when known).
func (s *session) rolledBack(ctx context.Context, p *preparedStep, e *HistoryEntry, start time.Time, fail *StatementError, err error) error {
	if fail == nil {
		fail = &StatementError{Err: err}
		fillStatementError(fail, p)
	}
	fail.RolledBack = true
	fail.Applied = nil
	e.StatementsDone, e.RanChecksum = 0, ""
	return s.failed(ctx, p, e, start, fail, true)
}

// failed records a failure in the history table (with a fresh context,
// so that an interrupted run is recorded too, and on a fresh connection
// when the migration connection was lost), reports it and returns it.
// insert says whether the entry is new (the transaction that would have
// written it rolled back) or is updated.
func (s *session) failed(ctx context.Context, p *preparedStep, e *HistoryEntry, start time.Time, fail *StatementError, insert bool) error {
	r := s.r
	e.Status, e.FinishedAt = StatusFailed, r.now()
	switch {
	case fail.Outcome == Unknown:
		e.Status = StatusUnknown
	case ctx.Err() != nil:
		e.Status = StatusInterrupted
	}
	e.Duration = e.FinishedAt.Sub(start)
	if ctx.Err() != nil && !errors.Is(fail.Err, ctx.Err()) {
		// Interrupted: say so, and let callers see ctx's error.
		fail.Err = fmt.Errorf("%w (%w)", ctx.Err(), fail.Err)
	}
	e.Error = fail.Err.Error()
	e.FailedStatement = fail.Statement
	if fail.Statement != "" {
		e.FailedIndex = fail.Index
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if cerr := s.commitGroup(rctx); cerr != nil {
		fail.RecordErr = cerr
		var gl *groupLostError
		if errors.As(cerr, &gl) {
			fail.RecordErr, fail.LostSteps = gl.err, gl.steps
		}
	}
	if len(s.groupLost) > 0 {
		if rerr := s.replayLost(rctx); rerr != nil {
			fail.LostSteps = s.lostSteps
		}
	}
	_ = s.syncCommits(rctx)
	if !s.broken && s.conn.PingContext(rctx) != nil {
		// The migration connection went with the failed statement: the
		// server ended the session, or the driver closed the connection
		// when the statement's context was cancelled (pgx does on Ctrl-C
		// unless the server answers first). Record on another connection,
		// once the session is sure to run nothing more.
		s.dropConnection(ctx)
	}
	q := s.querier()
	var rerr error
	if insert {
		rerr = r.ht.insert(rctx, q, e)
	} else {
		rerr = r.ht.finish(rctx, q, e)
	}
	if rerr != nil {
		fail.RecordErr = rerr
	}
	r.report(Progress{Phase: StepFailed, Step: p.step, Message: p.message, Elapsed: e.Duration, Err: fail})
	return fail
}

// querier is the migration connection, or the pool once that connection
// is lost or its statement was interrupted.
func (s *session) querier() dialect.Querier {
	if s.broken {
		return s.r.db
	}
	return s.conn
}

// statementTexts returns the texts of statements.
func statementTexts(stmts []scriptdir.Statement) []string {
	out := make([]string, len(stmts))
	for i, s := range stmts {
		out[i] = s.Text
	}
	return out
}

// trackingExec is the executor a Go revision's Op runs on: it remembers
// the statements that ran and reports them to after. Outside a
// transaction (s set and q the migration connection) each statement runs
// through execOutside, after the lock is confirmed. A resumed Go revision
// skips its first skip statements, which an earlier run applied, and
// checks that their texts match that run's (skipSum).
type trackingExec struct {
	q dialect.Querier
	// conn is the migration connection q runs on (q may be a transaction
	// begun on it); Raw lends its driver connection, so that a PostgreSQL
	// COPY of ops.BulkInsert runs inside the revision's transaction.
	conn  *sql.Conn
	s     *session
	ran   []string
	after func(ran []string) error

	skip     int
	skipSum  string
	skipSumN int
	// outcome is that of the statement that failed.
	outcome Outcome
}

// count is the number of statements that ran, skipped ones included.
func (t *trackingExec) count() int { return len(t.ran) }

// outside reports whether statements run outside a transaction.
func (t *trackingExec) outside() bool { return t.after != nil }

// ExecContext runs a statement and records it.
func (t *trackingExec) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if len(t.ran) < t.skip {
		t.ran = append(t.ran, query)
		if len(t.ran) == t.skip {
			if err := t.checkSkipped(); err != nil {
				return nil, err
			}
		}
		return driver.RowsAffected(0), nil
	}
	var res sql.Result
	var err error
	if t.outside() && len(args) == 0 {
		if err = t.s.checkLock(ctx); err != nil {
			t.outcome = NotRun
			return nil, err
		}
		var o Outcome
		o, err = t.s.execOutside(ctx, query)
		if o != Ran {
			t.outcome = o
		}
		res = driver.RowsAffected(0)
	} else {
		res, err = t.q.ExecContext(ctx, query, args...)
	}
	if err != nil {
		return res, err
	}
	t.ran = append(t.ran, query)
	if t.after != nil {
		if err := t.after(t.ran); err != nil {
			return res, err
		}
	}
	return res, nil
}

// checkSkipped fails when the statements a resumed Go revision skipped
// differ from those the earlier run applied.
func (t *trackingExec) checkSkipped() error {
	if t.skip == 0 || t.skipSum == "" {
		return nil
	}
	if len(t.ran) < t.skip {
		return fmt.Errorf("the revision now runs %d statement(s) before it ends, but an earlier run applied %d: it changed since", len(t.ran), t.skip)
	}
	n := min(t.skip, t.skipSumN)
	if ranChecksum(t.ran[:n]) != t.skipSum {
		return fmt.Errorf("the first %d statement(s) of the revision, which an earlier run applied, changed since: resuming it could run the wrong statements", n)
	}
	return nil
}

// Raw runs f on the migration connection's driver connection.
func (t *trackingExec) Raw(f func(driverConn any) error) error { return t.conn.Raw(f) }

// BeginTx begins a transaction on the migration connection: the batches
// of an ops.Backfill in a non-transactional revision commit one by one
// (the Op asks only when no transaction is open).
func (t *trackingExec) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return t.conn.BeginTx(ctx, opts)
}

// QueryContext runs a query.
func (t *trackingExec) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.q.QueryContext(ctx, query, args...)
}

// checkCluster refuses, before anything runs, a statement of an SQL
// revision that the database's cluster cannot run safely (a MyISAM table
// on Galera), naming the revision, file, line and statement.
func (r *Runner) checkCluster(prepared []*preparedStep) error {
	cc, ok := r.d.(dialect.ClusterChecker)
	if !ok {
		return nil
	}
	for _, p := range prepared {
		for i, st := range p.stmts {
			if feature, hint := cc.ClusterProblem(st.Text); feature != "" {
				return dialect.Unsupported(r.rs.Product(), fmt.Sprintf("revision %s (%s:%d), statement %d", p.step.Revision.ID, p.path, st.Line, i+1), feature, hint)
			}
		}
	}
	return nil
}
