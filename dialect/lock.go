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
	// Product names the database for messages: "PostgreSQL", "MariaDB",
	// "MySQL", "SQLite".
	Product() string
}

// Locker is a database whose migration runners can be serialised by a
// lock held on a dedicated connection (or, for SQLite, a file lock).
type Locker interface {
	// AcquireMigrationLock takes the lock that guards the version table
	// schema.table, waiting at most opts.Timeout (zero: do not wait). The
	// lock is held until Lock.Release. An expired wait is a
	// *LockTimeoutError; a cancelled ctx stops the wait with ctx's error.
	AcquireMigrationLock(ctx context.Context, db *sql.DB, schema, table string, opts LockOptions) (*Lock, error)
}

// LockOptions configure the wait for the migration lock and its upkeep.
type LockOptions struct {
	// Timeout bounds the wait; zero means one attempt.
	Timeout time.Duration
	// Owner describes this process to the processes that will wait for
	// its lock (e.g. "migrate upgrade by ann@ci-7, pid 4121"), where the
	// database can show it (PostgreSQL application_name, SQLite lock file).
	Owner string
	// Waiting is called once, when another session holds the lock, with
	// what the database tells of it: "session 77 (migrate upgrade by
	// ann@ci-7) from 10.0.0.5 since 14:02:11 UTC".
	Waiting func(holder string)
	// KeepAlive is the interval at which the lock's session is pinged
	// while held, so that idle-session timeouts and middle boxes do not end
	// it; zero means DefaultLockKeepAlive, negative none. A lease is
	// renewed three times per Lease, or every KeepAlive when that is
	// shorter.
	KeepAlive time.Duration
	// Method chooses the database's own lock (LockAuto) or a lease row in
	// the lock table (LockTable).
	Method LockMethod
	// Lease is how long a lease stays valid without a heartbeat: a holder
	// that died frees the lock after at most this long. Zero means
	// DefaultLockLease.
	Lease time.Duration
	// Notice is told what the lock did that users should know: it took
	// over the expired lease of a holder that died, naming it.
	Notice func(msg string)
}

// keepAliveTimeout bounds one keep-alive ping.
const keepAliveTimeout = 30 * time.Second

// DefaultLockKeepAlive is the default interval of the lock session's
// keep-alive pings.
const DefaultLockKeepAlive = 5 * time.Second

// RunSupportOf returns the RunSupport of a dialect, or an error for a
// dialect that does not provide it.
func RunSupportOf(d Dialect) (RunSupport, error) {
	if rs, ok := d.(RunSupport); ok {
		return rs, nil
	}
	return nil, fmt.Errorf("dialect %s cannot run migrations (no RunSupport)", d.Name())
}

// AcquireMigrationLock takes the migration lock of db for the version
// table schema.table: the database's own lock (see Locker), or with
// LockTable a lease row in the lock table (see LockMethod). On a Galera
// cluster the database's own lock (GET_LOCK) holds on one node only: it
// is taken first, so that runners on one node queue on it, and a lease
// row then serialises the nodes.
func AcquireMigrationLock(ctx context.Context, db *DB, schema, table string, opts LockOptions) (*Lock, error) {
	if opts.Method == LockTable {
		return acquireLease(ctx, db.Dialect, db.DB, schema, table, opts)
	}
	l, ok := db.Dialect.(Locker)
	if !ok {
		return nil, fmt.Errorf("dialect %s has no migration lock", db.Dialect.Name())
	}
	start := time.Now()
	local, err := l.AcquireMigrationLock(ctx, db.DB, schema, table, opts)
	if err != nil || ClusterNodesOf(db.Dialect) == 0 {
		return local, err
	}
	opts.Timeout = max(0, opts.Timeout-time.Since(start))
	lease, err := acquireLease(ctx, db.Dialect, db.DB, schema, table, opts)
	if err != nil {
		_ = local.Release(ctx)
		return nil, err
	}
	return combineLocks(local, lease), nil
}

// Lock is a held migration lock.
type Lock struct {
	// Name describes the lock for messages, e.g.
	// `pg_advisory_lock(123) for "public"."migrate_version"`.
	Name string
	// Session is the server's id of the session that holds the lock (0
	// for a file lock).
	Session int64

	once    sync.Once
	err     error
	release func(ctx context.Context) error
	// held confirms that the lock is still held (nil: it cannot be lost
	// while the process lives). heldMu serialises its calls: Check and the
	// keep-alive share the lock's connection, on which database/sql does
	// not serialise a query with the reading of another's rows.
	held   func(ctx context.Context) (bool, error)
	heldMu sync.Mutex
	// stop ends the keep-alive goroutine; done is closed when it has.
	stop chan struct{}
	done chan struct{}
	// lostReason says how the lock can be lost, for LockLostError; empty
	// for a session lock.
	lostReason string
}

// NewLock returns a held lock released by release (called at most once).
func NewLock(name string, release func(ctx context.Context) error) *Lock {
	return &Lock{Name: name, release: release}
}

// newSessionLock returns a lock held by a database session: held confirms
// it on the server, and a goroutine calls held every keepAlive (unless
// negative) so that the session never looks idle.
func newSessionLock(name string, keepAlive time.Duration, held func(ctx context.Context) (bool, error), release func(ctx context.Context) error) *Lock {
	l := &Lock{Name: name, release: release, held: held}
	if keepAlive == 0 {
		keepAlive = DefaultLockKeepAlive
	}
	if keepAlive > 0 {
		l.stop, l.done = make(chan struct{}), make(chan struct{})
		go l.keepAlive(keepAlive)
	}
	return l
}

// keepAlive pings the lock's session until stop is closed. A failed ping
// is not reported here: Check, which the runner calls before each step,
// finds a lost lock.
func (l *Lock) keepAlive(every time.Duration) {
	defer close(l.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
			// A generous deadline: a cancelled query ends the session (and
			// with it the lock) on some drivers.
			ctx, cancel := context.WithTimeout(context.Background(), keepAliveTimeout)
			_, _ = l.isHeld(ctx)
			cancel()
		}
	}
}

// Check confirms that the lock is still held, on the server where it
// lives: a *LockLostError when its session ended (killed, timed out, the
// network dropped it) or no longer holds it.
func (l *Lock) Check(ctx context.Context) error {
	if l == nil || l.held == nil {
		return nil
	}
	ok, err := l.isHeld(ctx)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil || !ok {
		return &LockLostError{Lock: l.Name, Err: err, Reason: l.lostReason}
	}
	return nil
}

// isHeld calls held, one call at a time.
func (l *Lock) isHeld(ctx context.Context) (bool, error) {
	l.heldMu.Lock()
	defer l.heldMu.Unlock()
	return l.held(ctx)
}

// Release gives the lock up; later calls return the first call's result.
// It uses its own short deadline, ignoring ctx's cancellation, so that a
// lock is released after Ctrl-C too.
func (l *Lock) Release(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		if l.stop != nil {
			close(l.stop)
			<-l.done
		}
		if l.release == nil {
			return
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		l.err = l.release(rctx)
	})
	return l.err
}

// LockLostError is a migration lock whose session ended, or that its
// session no longer holds, while a run needed it: another runner may
// have taken it since.
type LockLostError struct {
	Lock string
	// Err is the failure of the check, nil when the server answered that
	// the lock is not held.
	Err error
	// Reason says how it was lost; empty for a session lock ("its
	// database session ended or was killed").
	Reason string
}

// Error implements the error interface.
func (e *LockLostError) Error() string {
	reason := e.Reason
	if reason == "" {
		reason = "its database session ended or was killed"
	}
	msg := "the migration lock " + e.Lock + " was lost (" + reason + ")"
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg + "; another migrate process may be running against this database"
}

// Unwrap returns the check's error.
func (e *LockLostError) Unwrap() error { return e.Err }

// LockTimeoutError is a migration lock that another process held for
// longer than the lock timeout.
type LockTimeoutError struct {
	Lock    string
	Timeout time.Duration
	// Holder describes the holder when the lock tells (a lease).
	Holder string
}

// Error implements the error interface.
func (e *LockTimeoutError) Error() string {
	held := "another migrate process is running against this database"
	if e.Holder != "" {
		held = "it is held by " + e.Holder
	}
	return fmt.Sprintf("timed out after %s waiting for the migration lock %s: %s; wait for it to finish, or raise --lock-timeout (lock_timeout in migrate.toml)", e.Timeout, e.Lock, held)
}

// pollLock calls try until it reports the lock taken, the timeout passes
// (a *LockTimeoutError) or ctx is cancelled. It waits between attempts
// with a little jitter so that many waiting processes do not knock in step.
//
// After the first failed attempt it calls holder, when not nil, and
// reports its answer to waiting (when both are set).
func pollLock(ctx context.Context, name string, opts LockOptions, try func(ctx context.Context) (bool, error), holder func(ctx context.Context) string) error {
	timeout := opts.Timeout
	deadline := time.Now().Add(timeout)
	wait := 20 * time.Millisecond
	for first := true; ; first = false {
		ok, err := try(ctx)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if first && opts.Waiting != nil && holder != nil {
			if h := holder(ctx); h != "" {
				opts.Waiting(h)
			}
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

// connLock is a Lock held by the session of conn: held confirms it (and
// keeps the session busy, see newSessionLock); releasing it runs unlock
// (the database's unlock query, failing when the lock was not held), then
// returns conn to the pool, or closes it when unlock failed.
func connLock(name string, conn *sql.Conn, keepAlive time.Duration, held func(ctx context.Context) (bool, error), unlock func(ctx context.Context) error) *Lock {
	return newSessionLock(name, keepAlive, held, func(ctx context.Context) error {
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
