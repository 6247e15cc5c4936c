package dialect

import (
	"context"
	"database/sql"
	"fmt"
)

// CommitTuner is implemented by dialects where a run of many revisions
// may commit them without waiting for each commit to reach the disk,
// because the run's last commit waits, and makes every earlier one
// durable with it (PostgreSQL's WAL is flushed in order). A crash in the
// middle loses the last commits and leaves a consistent, older state.
type CommitTuner interface {
	// AsyncCommits switches the commits of conn's session to
	// asynchronous; restore switches them back to the session's setting.
	AsyncCommits(ctx context.Context, conn *sql.Conn) (restore func(context.Context) error, err error)
	// DurableCommit returns the statement that, run inside a
	// transaction, makes its commit wait for the disk.
	DurableCommit() string
}

var _ CommitTuner = (*postgresDialect)(nil)

// AsyncCommits sets synchronous_commit to off for the session, unless it
// is off already; restore sets the previous value back.
func (d *postgresDialect) AsyncCommits(ctx context.Context, conn *sql.Conn) (func(context.Context) error, error) {
	noop := func(context.Context) error { return nil }
	var was string
	if err := conn.QueryRowContext(ctx, "SELECT current_setting('synchronous_commit')").Scan(&was); err != nil {
		return noop, fmt.Errorf("read synchronous_commit: %w", err)
	}
	if was == "off" {
		return noop, nil
	}
	if _, err := conn.ExecContext(ctx, "SELECT set_config('synchronous_commit', 'off', false)"); err != nil {
		return noop, fmt.Errorf("set synchronous_commit: %w", err)
	}
	return func(ctx context.Context) error {
		if _, err := conn.ExecContext(ctx, "SELECT set_config('synchronous_commit', $1, false)", was); err != nil {
			return fmt.Errorf("restore synchronous_commit: %w", err)
		}
		return nil
	}, nil
}

// DurableCommit returns SET LOCAL synchronous_commit = on.
func (d *postgresDialect) DurableCommit() string { return "SET LOCAL synchronous_commit = on" }

// CommitGrouper is implemented by dialects where the revisions of a run
// that run in a transaction may share one, each in a savepoint released
// when it succeeds and rolled back when it fails, with one commit when
// the run ends (or before a statement that needs autocommit, or commits
// on its own, and at least every few hundred milliseconds), and their
// version-table and history rows written once, before that commit:
// SQLite, where every commit syncs the file and the writer locks the
// whole database anyway; PostgreSQL, where a rolled-back savepoint leaves
// the transaction usable; MySQL and MariaDB, where only revisions without
// statements run in a transaction (their bookkeeping). The outcome of
// each revision is the same as with a transaction per revision; a crash
// in the middle leaves a consistent, older state.
type CommitGrouper interface {
	GroupCommits() bool
}

var (
	_ CommitGrouper = (*sqliteDialect)(nil)
	_ CommitGrouper = (*mysqlDialect)(nil)
	_ CommitGrouper = (*postgresDialect)(nil)
)

// GroupCommits is true.
func (d *mysqlDialect) GroupCommits() bool { return true }

// GroupCommits is true.
func (d *sqliteDialect) GroupCommits() bool { return true }

// GroupCommits is true.
func (d *postgresDialect) GroupCommits() bool { return true }

// GroupLimiter is implemented by dialects whose transactions take a lock
// for each object they create or change from a pool of the server's
// (PostgreSQL: max_locks_per_transaction times max_connections): the
// revisions of a run that share a transaction (CommitGrouper) commit it
// once they ran MaxGroupStatements statements, so that it never fails for
// what a revision could do in one of its own.
type GroupLimiter interface {
	MaxGroupStatements() int
}

var _ GroupLimiter = (*postgresDialect)(nil)

// MaxGroupStatements is 100: a few hundred locks at most, a fraction of
// the default pool (64 x 100 connections).
func (d *postgresDialect) MaxGroupStatements() int { return 100 }
