package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/versions"
)

// pendingPartial returns the latest history entry of this migration set
// when it left its revision partly applied, or may have: statements ran
// without the step finishing, or a statement outside a transaction has an
// unknown outcome, or the run died in the middle (still "running" when
// read under the lock). Else nil.
func (r *Runner) pendingPartial(ctx context.Context, q dialect.Querier) (*HistoryEntry, error) {
	last, err := r.ht.list(ctx, q, 1)
	if err != nil || len(last) == 0 {
		return nil, err
	}
	e := last[0]
	switch {
	case e.Direction == DirectionStamp || e.Direction == DirectionAccept:
		return nil, nil
	case e.Status == StatusOK || e.Status == StatusSettled:
		return nil, nil
	case e.Status == StatusRunning || e.Status == StatusUnknown:
		return &e, nil
	case e.StatementsDone == 0:
		return nil, nil
	}
	return &e, nil
}

// pendingStep prepares the step of a pending entry, for its statements:
// prepared[0] when it is that step, else the revision's own (nil when the
// revision or its code is gone).
func (r *Runner) pendingStep(p *HistoryEntry, prepared []*preparedStep) *preparedStep {
	if len(prepared) > 0 && prepared[0].step.Revision.ID == p.Revision && prepared[0].direction == p.Direction {
		return prepared[0]
	}
	rev := r.g.Revision(p.Revision)
	if rev == nil {
		return nil
	}
	ps, err := r.prepare(versions.Step{Revision: rev, Up: p.Direction == DirectionUpgrade})
	if err != nil {
		return nil
	}
	return ps
}

// settleDeadRun decides what a run that died in the middle of a step
// (its entry still "running") left: it waits, at most the lock timeout,
// for that run's database session to end (the server may still be running
// its statement), then tells the outcome of the statement that was
// running: not run when it ran inside a transaction (rolled back with the
// session), what an index build left, else unknown. The entry is updated.
func (s *session) settleDeadRun(ctx context.Context, p *HistoryEntry, ps *preparedStep) error {
	r := s.r
	if nodes := dialect.ClusterNodesOf(r.d); nodes > 0 && p.Session != 0 {
		// Session ids belong to one node, and the dead run may have used
		// another: its session cannot be watched from here.
		r.report(Progress{Phase: Notice, Message: fmt.Sprintf("the interrupted run of %s used session %d of one of the %d nodes of the cluster, which migrate cannot watch from this node: "+
			"make sure its statement is no longer running before you settle the revision", p.Step, p.Session, nodes)})
	} else if s.sc != nil && p.Session != 0 && p.Session != s.sid && p.Session != s.lock.Session {
		wctx, cancel := context.WithTimeout(ctx, r.lockTimeout)
		err := dialect.WaitSessionGone(wctx, s.sc, r.db, p.Session, 100*time.Millisecond, func(info *dialect.SessionInfo) {
			msg := fmt.Sprintf("waiting for session %d of an interrupted run of %s to end", p.Session, p.Step)
			if info.Running && info.Statement != "" {
				msg += " (it is still running: " + abbreviate(info.Statement, 200) + ")"
			}
			r.report(Progress{Phase: Notice, Message: msg})
		})
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("session %d of an interrupted run of %s (%s) is still there after %s: its statement may still be running; "+
				"wait for it to end (or cancel it on the server) and run the command again: %w", p.Session, p.Step, p.Revision, r.lockTimeout, err)
		}
	}
	outcome := Unknown
	next := p.StatementsDone
	if ps != nil && ps.isSQL && next < len(ps.stmts) {
		inTx := r.d.Capabilities().TransactionalDDL && !ps.step.Revision.NonTransactional && !ps.autocommit[next]
		if inTx {
			outcome = NotRun
		} else {
			outcome, _ = s.settleIndexBuild(ctx, ps.stmts[next].Text, outcome)
		}
	}
	switch outcome {
	case Ran:
		p.StatementsDone = next + 1
		p.RanChecksum = ranChecksum(statementTexts(ps.stmts[:next+1]))
		p.Status = StatusInterrupted
	case NotRun:
		p.Status = StatusInterrupted
	default:
		p.Status = StatusUnknown
	}
	p.Error = "the run stopped in the middle of this step (killed, or its machine or connection lost)"
	return r.ht.settle(ctx, s.conn, p)
}

// checkPending looks for a revision an earlier run left partly applied:
// the first step resumes it when it is the same revision and direction,
// the statements that ran are unchanged, and the outcome of every
// statement that ran is known (or --resume-at says where to go on);
// anything else is refused with instructions.
func (r *Runner) checkPending(ctx context.Context, s *session, prepared []*preparedStep) error {
	p, err := r.pendingPartial(ctx, s.conn)
	if err != nil {
		return err
	}
	if p == nil {
		if r.resumeAt > 0 {
			return &ResumeError{Msg: "--resume-at: no revision is partly applied, there is nothing to resume"}
		}
		return nil
	}
	ps := r.pendingStep(p, prepared)
	if p.Status == StatusRunning {
		if err := s.settleDeadRun(ctx, p, ps); err != nil {
			return err
		}
		if p.StatementsDone == 0 && p.Status == StatusInterrupted {
			return r.checkPending(ctx, s, prepared) // nothing of it remains
		}
	}
	perr := &PartialRevisionError{Step: p.Step, Direction: p.Direction, Revision: p.Revision, Done: p.StatementsDone,
		Path: "(file gone)", Unknown: p.Status == StatusUnknown}
	before, after := p.Revision, p.Revision
	if rev := r.g.Revision(p.Revision); rev != nil {
		if sc := r.set.Script(p.Revision); sc != nil {
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
	switch {
	case p.FailedStatement != "":
		perr.Statement = p.FailedStatement
	case ps != nil && ps.isSQL && p.StatementsDone < len(ps.stmts):
		perr.Statement = ps.stmts[p.StatementsDone].Text
	}
	if len(prepared) == 0 || prepared[0] != ps {
		perr.Reason = fmt.Sprintf("this command does not start by finishing it (resume it with the %s command and a target that includes it)", p.Direction)
		return perr
	}
	first := prepared[0]
	done := p.StatementsDone
	from := done
	switch {
	case r.resumeAt > 0:
		if first.isSQL && r.resumeAt > len(first.stmts)+1 {
			return &ResumeError{Msg: fmt.Sprintf("--resume-at %d: revision %s (%s) has %d statement(s) to %s", r.resumeAt, p.Revision, first.path, len(first.stmts), p.Direction)}
		}
		from = r.resumeAt - 1
	case p.Status == StatusUnknown:
		perr.Reason = "migrate will not guess whether it took effect"
		return perr
	}
	known := min(from, done)
	switch {
	case !first.isSQL && known > 0 && p.RanChecksum == "":
		perr.Reason = "it is a Go revision whose statements were not recorded (by an older migrate), so they cannot be checked"
		return perr
	case !first.isSQL:
		first.resumeSum, first.resumeSumN = p.RanChecksum, done
	case done > len(first.stmts):
		perr.Reason = fmt.Sprintf("its file now has only %d statements", len(first.stmts))
		return perr
	case done > 0 && p.RanChecksum == "" && first.checksum != p.Checksum:
		perr.Reason = "its file has changed since (the checksum differs), so resuming it could run the wrong statements"
		return perr
	case p.RanChecksum != "" && ranChecksum(statementTexts(first.stmts[:done])) != p.RanChecksum:
		perr.Reason = fmt.Sprintf("the statements that ran (1 to %d) changed in its file since, so resuming it could run the wrong statements", done)
		return perr
	}
	first.resumeFrom = from
	first.settles = p
	return nil
}

// ResumeError is a --resume-at that cannot apply.
type ResumeError struct{ Msg string }

// Error implements the error interface.
func (e *ResumeError) Error() string { return e.Msg }
