package dialect

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// This file holds what the migration runner (package versions) asks of a
// database beyond DDL: the migration lock, bound-parameter markers, table
// existence, and which statements cannot run inside a transaction. They are
// small interfaces, found by type assertion, so that the Dialect interface
// stays as it is; all three dialects implement them.

// Querier runs SQL: a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// RunSupport answers the runner's questions about one database's SQL.
type RunSupport interface {
	// Placeholder returns the marker of the n-th (1-based) bound
	// parameter: "$1" on PostgreSQL, "?" on MySQL and SQLite.
	Placeholder(n int) string
	// TableExists reports whether the table exists; an empty schema means
	// the connection's default schema (database on MySQL, main on SQLite).
	TableExists(ctx context.Context, q Querier, schema, table string) (bool, error)
	// NeedsAutocommit reports whether a statement cannot run inside a
	// transaction block (PostgreSQL CREATE INDEX CONCURRENTLY, ALTER TYPE
	// … ADD VALUE before PostgreSQL 12, VACUUM), so that the runner runs
	// it in an autocommit block.
	NeedsAutocommit(stmt string) bool
}

// Locker is a database whose migration runners can be serialised by a
// lock held on a dedicated connection (or, for SQLite, a file lock).
type Locker interface {
	// AcquireMigrationLock takes the lock that guards the version table
	// schema.table, waiting at most timeout (zero: do not wait). The lock
	// is held until Lock.Release. An expired wait is a *LockTimeoutError;
	// a cancelled ctx stops the wait with ctx's error.
	AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, timeout time.Duration) (*Lock, error)
}

// RunSupportOf returns the RunSupport of a dialect, or an error for a
// dialect that does not provide it.
func RunSupportOf(d Dialect) (RunSupport, error) {
	if rs, ok := d.(RunSupport); ok {
		return rs, nil
	}
	return nil, fmt.Errorf("dialect %s cannot run migrations (no RunSupport)", d.Name())
}

// AcquireMigrationLock takes the migration lock of db for the version
// table schema.table (see Locker), waiting at most timeout.
func AcquireMigrationLock(ctx context.Context, db *DB, schema, table string, timeout time.Duration) (*Lock, error) {
	l, ok := db.Dialect.(Locker)
	if !ok {
		return nil, fmt.Errorf("dialect %s has no migration lock", db.Dialect.Name())
	}
	return l.AcquireMigrationLock(ctx, db.DB, schema, table, timeout)
}

// Lock is a held migration lock.
type Lock struct {
	// Name describes the lock for messages, e.g.
	// `pg_advisory_lock(123) for "public"."migrate_version"`.
	Name string

	once    sync.Once
	err     error
	release func(ctx context.Context) error
}

// NewLock returns a held lock released by release (called at most once).
func NewLock(name string, release func(ctx context.Context) error) *Lock {
	return &Lock{Name: name, release: release}
}

// Release gives the lock up; later calls return the first call's result.
// It uses its own short deadline, ignoring ctx's cancellation, so that a
// lock is released after Ctrl-C too.
func (l *Lock) Release(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		if l.release == nil {
			return
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		l.err = l.release(rctx)
	})
	return l.err
}

// LockTimeoutError is a migration lock that another process held for
// longer than the lock timeout.
type LockTimeoutError struct {
	Lock    string
	Timeout time.Duration
}

// Error implements the error interface.
func (e *LockTimeoutError) Error() string {
	return fmt.Sprintf("timed out after %s waiting for the migration lock %s: another migrate process is running against this database; wait for it to finish, or raise --lock-timeout (lock_timeout in migrate.toml)", e.Timeout, e.Lock)
}

// pollLock calls try until it reports the lock taken, the timeout passes
// (a *LockTimeoutError) or ctx is cancelled. It waits between attempts
// with a little jitter so that many waiting processes do not knock in step.
func pollLock(ctx context.Context, name string, timeout time.Duration, try func(ctx context.Context) (bool, error)) error {
	deadline := time.Now().Add(timeout)
	wait := 20 * time.Millisecond
	for {
		ok, err := try(ctx)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return &LockTimeoutError{Lock: name, Timeout: timeout}
		}
		d := min(wait+time.Duration(rand.Int64N(int64(wait))), left)
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(wait*2, 250*time.Millisecond)
	}
}

// connLock is a Lock held by the session of conn: releasing it runs
// unlock (the database's unlock query, failing when the lock was not
// held), then returns conn to the pool, or closes it when unlock failed.
func connLock(name string, conn *sql.Conn, unlock func(ctx context.Context) error) *Lock {
	return NewLock(name, func(ctx context.Context) error {
		err := unlock(ctx)
		if cerr := discardConn(conn, err != nil); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("release migration lock %s: %w", name, err)
		}
		return nil
	})
}

// discardConn returns conn to the pool, or closes its driver connection
// when bad is true (a session lock that could not be released must not
// stay in the pool).
func discardConn(conn *sql.Conn, bad bool) error {
	if bad {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	err := conn.Close()
	if errors.Is(err, sql.ErrConnDone) {
		return nil
	}
	return err
}
