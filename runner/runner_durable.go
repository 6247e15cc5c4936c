package runner

import (
	"context"
	"fmt"

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
