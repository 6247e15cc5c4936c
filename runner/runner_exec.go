package runner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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

	// resumeFrom is the number of statements an earlier run applied.
	resumeFrom int
}

// prepare checks a step before anything runs: the script's dialect, its
// statements, a Go revision's availability.
func (r *Runner) prepare(st versions.Step) (*preparedStep, error) {
	return prepareStep(r.d, r.rs, r.set, st)
}

func prepareStep(d dialect.Dialect, rs dialect.RunSupport, set *Set, st versions.Step) (*preparedStep, error) {
	rev := st.Revision
	sc := set.Script(rev.ID)
	p := &preparedStep{step: st, direction: DirectionDowngrade, path: "(compiled)"}
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
			return nil, fmt.Errorf("runner: %w", err)
		}
		var err error
		if st.Up {
			p.stmts, err = sc.UpgradeStatements(d.Capabilities().Syntax)
		} else {
			p.stmts, err = sc.DowngradeStatements(d.Capabilities().Syntax)
		}
		if err != nil {
			return nil, fmt.Errorf("runner: revision %s: %w", rev.ID, err)
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

// pendingPartial returns the latest history entry when it is an attempt
// that left statements applied without finishing (a partly applied
// revision), else nil.
func (r *Runner) pendingPartial(ctx context.Context, q dialect.Querier) (*HistoryEntry, error) {
	last, err := r.ht.list(ctx, q, 1)
	if err != nil || len(last) == 0 {
		return nil, err
	}
	e := last[0]
	if e.Direction == DirectionStamp || e.Status == StatusOK || e.StatementsDone == 0 {
		return nil, nil
	}
	return &e, nil
}

// checkPending looks for a revision an earlier run left partly applied:
// the first step resumes it when it is the same revision, direction and
// file; anything else is refused with instructions.
func (r *Runner) checkPending(ctx context.Context, s *session, prepared []*preparedStep) error {
	p, err := r.pendingPartial(ctx, s.conn)
	if err != nil || p == nil {
		return err
	}
	perr := &PartialRevisionError{Step: p.Step, Revision: p.Revision, Done: p.StatementsDone, Path: "(file gone)"}
	before, after := p.Revision, p.Revision
	if rev := r.g.Revision(p.Revision); rev != nil {
		if sc := r.set.Script(rev.ID); sc != nil {
			perr.Path = sc.Path
		}
		parent := "base"
		if len(rev.Revises) > 0 {
			parent = strings.Join(rev.Revises, " ")
		}
		if p.Direction == DirectionUpgrade {
			before = parent
		} else {
			after = parent
		}
	}
	perr.StampBefore, perr.StampAfter = before, after
	if len(prepared) == 0 || prepared[0].step.Revision.ID != p.Revision || prepared[0].direction != p.Direction {
		perr.Reason = fmt.Sprintf("this command does not start by finishing it (resume it with the %s command and a target that includes it)", p.Direction)
		return perr
	}
	first := prepared[0]
	switch {
	case !first.isSQL:
		perr.Reason = "it is a Go revision, which cannot be resumed in the middle"
	case first.checksum != p.Checksum:
		perr.Reason = "its file has changed since (the checksum differs), so resuming it could run the wrong statements"
	case p.StatementsDone > len(first.stmts):
		perr.Reason = fmt.Sprintf("its file now has only %d statements", len(first.stmts))
	default:
		first.resumeFrom = p.StatementsDone
		return nil
	}
	return perr
}

// runStep runs one revision: in one transaction where the database and
// the revision allow it, else statement by statement with progress
// recorded in the history row.
func (s *session) runStep(ctx context.Context, p *preparedStep) error {
	caps := s.r.d.Capabilities()
	if caps.TransactionalDDL && !p.step.Revision.NonTransactional && !p.anyAutocommit && p.resumeFrom == 0 {
		return s.runAtomic(ctx, p)
	}
	return s.runTracked(ctx, p)
}

// startStep reports that p starts at start and returns its history entry.
func (s *session) startStep(p *preparedStep, start time.Time) *HistoryEntry {
	s.r.report(Progress{Phase: StepStarted, Step: p.step, Message: p.message})
	e := s.r.entry(p.step, p.direction, start)
	e.StatementCount = len(p.stmts)
	return e
}

// applyInTx runs p's statements (or Go func), its version-table change
// and its history row e, marked ok, on tx. A failing statement comes back
// as fail as well as the error.
func (s *session) applyInTx(ctx context.Context, tx dialect.Querier, p *preparedStep, e *HistoryEntry, start time.Time) (fail *StatementError, err error) {
	r := s.r
	if fail = s.execBody(ctx, tx, p, 0, -1); fail != nil {
		return fail, fail
	}
	if err := r.vt.apply(ctx, tx, p.step); err != nil {
		return nil, err
	}
	e.Status, e.FinishedAt = StatusOK, r.now()
	e.Duration = e.FinishedAt.Sub(start)
	e.StatementsDone = len(p.stmts)
	return nil, r.ht.insert(ctx, tx, e)
}

// runAtomic runs a revision's statements, its version-table change and
// its history row in one transaction.
func (s *session) runAtomic(ctx context.Context, p *preparedStep) error {
	r := s.r
	start := r.now()
	e := s.startStep(p, start)
	var fail *StatementError
	err := s.inTx(ctx, func(tx dialect.Querier) error {
		var err error
		fail, err = s.applyInTx(ctx, tx, p, e, start)
		return err
	})
	if err != nil {
		if fail == nil {
			fail = &StatementError{Err: err}
			fillStatementError(fail, p)
		}
		fail.RolledBack = true
		fail.Applied = nil
		e.StatementsDone = 0
		return s.failed(ctx, p, e, start, fail, true)
	}
	r.report(Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration})
	return nil
}

// runTracked runs a revision outside one transaction: statements that
// can run in a transaction are grouped in transactions where DDL is
// transactional; the others run one by one; the history row records how
// many statements ran, so that a failure can be resumed. The version
// table changes with the history row's "ok" in a final transaction.
func (s *session) runTracked(ctx context.Context, p *preparedStep) error {
	r := s.r
	start := r.now()
	r.report(Progress{Phase: StepStarted, Step: p.step, Message: p.message, Resumed: p.resumeFrom})
	e := r.entry(p.step, p.direction, start)
	e.StatementCount = len(p.stmts)
	e.StatementsDone = p.resumeFrom
	if err := r.ht.insert(ctx, s.conn, e); err != nil {
		return err
	}
	useTx := r.d.Capabilities().TransactionalDDL && !p.step.Revision.NonTransactional
	done := p.resumeFrom
	finished := false
	finish := func(q dialect.Querier) error {
		if err := r.vt.apply(ctx, q, p.step); err != nil {
			return err
		}
		e.Status, e.FinishedAt = StatusOK, r.now()
		e.Duration = e.FinishedAt.Sub(start)
		e.StatementsDone = done
		return r.ht.finish(ctx, q, e)
	}
	progress := func(q dialect.Querier, n int) error { return r.ht.setProgress(ctx, q, e.ID, n) }

	var fail *StatementError
	if p.isSQL {
		for i := done; i < len(p.stmts) && fail == nil; {
			if !useTx || p.autocommit[i] {
				if fail = s.execBody(ctx, s.conn, p, i, i+1); fail == nil {
					done = i + 1
					if err := progress(s.conn, done); err != nil {
						return err
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
				if fail = s.execBody(ctx, tx, p, i, k); fail != nil {
					return fail
				}
				if err := progress(tx, k); err != nil {
					return err
				}
				if last {
					done = k
					return finish(tx)
				}
				return nil
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
		// A Go revision: count its statements as they run.
		tr := &trackingExec{q: s.conn, conn: s.conn, after: func(n int) error { done = n; return progress(s.conn, n) }}
		fail = s.runGo(ctx, tr, p, false)
		done = len(tr.ran)
	}
	if fail == nil && !finished {
		if err := s.inTx(ctx, finish); err != nil {
			fail = &StatementError{Err: err}
			fillStatementError(fail, p)
		}
	}
	if fail != nil {
		e.StatementsDone = done
		if p.isSQL {
			fail.Applied = statementTexts(p.stmts[:done])
		}
		return s.failed(ctx, p, e, start, fail, false)
	}
	r.report(Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration, Resumed: p.resumeFrom})
	return nil
}

// runAll runs every step in one transaction (--transaction all).
func (s *session) runAll(ctx context.Context, prepared []*preparedStep) error {
	r := s.r
	if !r.d.Capabilities().TransactionalDDL {
		return &TransactionModeError{Msg: fmt.Sprintf("--transaction all needs a database with transactional DDL; %s commits every DDL statement implicitly, so use the default per-revision mode", r.d.Name())}
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
		if p.resumeFrom > 0 {
			return &TransactionModeError{Msg: fmt.Sprintf("revision %s is partly applied and must be resumed without --transaction all", p.step.Revision.ID)}
		}
	}
	var (
		fail    *StatementError
		current *preparedStep
		e       *HistoryEntry
		start   time.Time
	)
	err := s.inTx(ctx, func(tx dialect.Querier) error {
		for _, p := range prepared {
			current, start = p, r.now()
			e = s.startStep(p, start)
			var err error
			if fail, err = s.applyInTx(ctx, tx, p, e, start); err != nil {
				return err
			}
			r.report(Progress{Phase: StepFinished, Step: p.step, Message: p.message, Elapsed: e.Duration})
		}
		return nil
	})
	if err == nil {
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
	e.StatementsDone = 0
	return s.failed(ctx, current, e, start, fail, true)
}

// execBody runs the statements from..to of a SQL revision (to < 0: all),
// or a Go revision's func, on q. It returns nil or the failure.
func (s *session) execBody(ctx context.Context, q dialect.Querier, p *preparedStep, from, to int) *StatementError {
	if !p.isSQL {
		if fail := s.runGo(ctx, &trackingExec{q: q, conn: s.conn}, p, true); fail != nil {
			return fail
		}
		return s.checkForeignKeys(ctx, q, p)
	}
	if to < 0 || to > len(p.stmts) {
		to = len(p.stmts)
	}
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
	err := p.goFn(ctx, op)
	if err == nil {
		return nil
	}
	fe := &StatementError{Err: err, Index: len(ex.ran) + 1}
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
	fe.Path = p.path
	if p.isSQL {
		fe.Count = len(p.stmts)
	}
}

// failed records a failure in the history table (with a fresh context,
// so that an interrupted run is recorded too), reports it and returns it.
// insert says whether the entry is new (the transaction that would have
// written it rolled back) or is updated.
func (s *session) failed(ctx context.Context, p *preparedStep, e *HistoryEntry, start time.Time, fail *StatementError, insert bool) error {
	r := s.r
	e.Status, e.FinishedAt = StatusFailed, r.now()
	e.Duration = e.FinishedAt.Sub(start)
	e.Error = fail.Err.Error()
	e.FailedStatement = fail.Statement
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var rerr error
	if insert {
		rerr = r.ht.insert(rctx, s.conn, e)
	} else {
		rerr = r.ht.finish(rctx, s.conn, e)
	}
	if rerr != nil {
		fail.RecordErr = rerr
	}
	r.report(Progress{Phase: StepFailed, Step: p.step, Message: p.message, Elapsed: e.Duration, Err: fail})
	return fail
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
// the statements that ran and reports each to after.
type trackingExec struct {
	q dialect.Querier
	// conn is the migration connection q runs on (q may be a transaction
	// begun on it); Raw lends its driver connection, so that a PostgreSQL
	// COPY of ops.BulkInsert runs inside the revision's transaction.
	conn  *sql.Conn
	ran   []string
	after func(n int) error
}

// ExecContext runs a statement and records it.
func (t *trackingExec) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := t.q.ExecContext(ctx, query, args...)
	if err != nil {
		return res, err
	}
	t.ran = append(t.ran, query)
	if t.after != nil {
		if err := t.after(len(t.ran)); err != nil {
			return res, err
		}
	}
	return res, nil
}

// Raw runs f on the migration connection's driver connection.
func (t *trackingExec) Raw(f func(driverConn any) error) error { return t.conn.Raw(f) }

// QueryContext runs a query.
func (t *trackingExec) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.q.QueryContext(ctx, query, args...)
}
