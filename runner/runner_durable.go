package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/migratego/migrate/dialect"
)

// asyncCommits lets the revisions of a run of several commit without
// waiting for durability, where the database allows it (PostgreSQL
// synchronous_commit = off): a crash in the middle of the run loses the
// last commits, leaving a consistent, older state, and the run's last
// commit (durable) waits for the disk and so makes every earlier commit
// durable too. Durability is owed when the command reports success.
func (s *session) asyncCommits(ctx context.Context) error {
	ct, ok := s.r.d.(dialect.CommitTuner)
	if !ok {
		return nil
	}
	restore, err := ct.AsyncCommits(ctx, s.conn)
	if err != nil {
		return err
	}
	s.syncRestore = restore
	return nil
}

// durable makes the commit of tx, the run's last, durable, and with it
// every earlier commit of the run.
func (s *session) durable(ctx context.Context, tx dialect.Querier) error {
	if s.syncRestore == nil {
		return nil
	}
	ct := s.r.d.(dialect.CommitTuner)
	if _, err := tx.ExecContext(ctx, ct.DurableCommit()); err != nil {
		return fmt.Errorf("make the last commit durable: %w", err)
	}
	return nil
}

// syncCommits switches the session's commits back to synchronous (before
// a failure is recorded, so that its record, and every commit before it,
// is durable; and when the run ends).
func (s *session) syncCommits(ctx context.Context) error {
	if s.syncRestore == nil || s.broken {
		return nil
	}
	restore := s.syncRestore
	s.syncRestore = nil
	return restore(context.WithoutCancel(ctx))
}

// groupCommits makes the run's revisions share one transaction, where the
// dialect allows it (see dialect.CommitGrouper).
func (s *session) groupCommits() {
	if g, ok := s.r.d.(dialect.CommitGrouper); ok && g.GroupCommits() {
		s.group = true
	}
}

// inSavepoint runs f in a savepoint of the run's transaction, which it
// opens when needed. The savepoint statements ignore ctx's cancellation,
// so that an interrupted revision is still rolled back to its savepoint.
func (s *session) inSavepoint(ctx context.Context, f func(q dialect.Querier) error) error {
	bg := context.WithoutCancel(ctx)
	if !s.groupOpen {
		if _, err := s.conn.ExecContext(ctx, "BEGIN"); err != nil {
			return fmt.Errorf("begin transaction: %w", err)
		}
		s.groupOpen, s.groupSince, s.groupSteps = true, time.Now(), nil
	}
	if _, err := s.conn.ExecContext(ctx, "SAVEPOINT migrate_revision"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := f(s.conn); err != nil {
		if _, rerr := s.conn.ExecContext(bg, "ROLLBACK TO SAVEPOINT migrate_revision"); rerr != nil {
			// SQLite rolls the whole transaction back when a statement in
			// it is interrupted: the revisions since the last commit are
			// gone too.
			s.groupOpen = false
			s.groupLost = s.groupSteps
			s.groupSteps = nil
			return err
		}
		_, _ = s.conn.ExecContext(bg, "RELEASE SAVEPOINT migrate_revision")
		return err
	}
	if _, err := s.conn.ExecContext(bg, "RELEASE SAVEPOINT migrate_revision"); err != nil {
		return fmt.Errorf("release the savepoint: %w", err)
	}
	if time.Since(s.groupSince) > maxGroupOpen {
		// Bound what an interruption could take back with it.
		return s.commitGroup(ctx)
	}
	return nil
}

// maxGroupOpen is how long the run's shared transaction stays open
// before it is committed (at the end of a revision).
const maxGroupOpen = 200 * time.Millisecond

// commitGroup commits the run's shared transaction, when one is open:
// at the end of the run, before a failure is recorded, and before a
// statement that must run outside a transaction.
func (s *session) commitGroup(ctx context.Context) error {
	if !s.groupOpen {
		return nil
	}
	s.groupOpen, s.groupSteps = false, nil
	if _, err := s.conn.ExecContext(context.WithoutCancel(ctx), "COMMIT"); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

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
