package dialect

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/migratego/migrate/model"
)

// The lease lock serialises runners with a row in a small table, the lock
// table, instead of a lock held by a database session. It serves where
// session locks do not hold: a Galera cluster (GET_LOCK is node-local),
// PgBouncer in transaction mode (a session lock would stay on a server
// connection that other clients get next), engines whose advisory locks
// are stubs. A row with a primary key is what every node of a cluster
// agrees on: of two autocommit INSERTs of the same key, exactly one
// commits; the other fails with a duplicate key (or, racing on Galera,
// with a certification conflict), which means "held by someone, wait".
//
// The holder renews its lease (a heartbeat) while it runs; a holder that
// died stops renewing, and its lease expires after LockOptions.Lease, so
// that the next runner takes over, naming the dead holder. Times are the
// server's clock, in UTC, so that runners on machines whose clocks differ
// agree on when a lease expires.

// LockMethod says how concurrent runners are serialised.
type LockMethod int

// The lock methods.
const (
	// LockAuto is the database's own lock: a session advisory lock on
	// PostgreSQL, GET_LOCK on MySQL and MariaDB, a file lock on SQLite. On
	// a Galera cluster it is GET_LOCK and a lease row together.
	LockAuto LockMethod = iota
	// LockTable is a lease row in the lock table, on PostgreSQL, MySQL
	// and MariaDB.
	LockTable
)

// ParseLockMethod reads a lock method by name: "auto" (or empty) or
// "table". ok is false for another name.
func ParseLockMethod(name string) (m LockMethod, ok bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "auto":
		return LockAuto, true
	case "table":
		return LockTable, true
	}
	return 0, false
}

// String returns the method's name.
func (m LockMethod) String() string {
	if m == LockTable {
		return "table"
	}
	return "auto"
}

// DefaultLockLease is how long a lease stays valid without a heartbeat.
const DefaultLockLease = 30 * time.Second

// MinLockLease is the shortest lease accepted: the holder renews it three
// times per lease, and each renewal is a round trip (a commit on a cluster).
const MinLockLease = time.Second

// LockTableName returns the name of the lock table of a version table:
// "<version table>_lock", in the version table's schema, so that two
// migration sets in one database never block each other.
func LockTableName(versionTable string) string { return versionTable + "_lock" }

// leaseKey is the lock table's one row key.
const leaseKey = "migration"

// leaseClock is implemented by the dialects that can hold a lease lock: the
// SQL of the server's clock, in UTC, as the lock table's timestamp type.
type leaseClock interface {
	// leaseNow is the current time.
	leaseNow() string
	// leaseAfter is the current time plus the milliseconds of the bound
	// parameter marker p.
	leaseAfter(p string) string
	// leaseAge is the milliseconds from the timestamp column col to the
	// current time (negative when col is in the future), as a bigint.
	leaseAge(col string) string
	// leaseLost reports an INSERT of the lease row that another runner's
	// row beat: a duplicate key, or a certification conflict (Galera's
	// 1213 deadlock) racing with it.
	leaseLost(err error) bool
}

// leaseTable is the lock table of one version table, with its quoted
// names.
type leaseTable struct {
	d            Dialect
	rs           RunSupport
	clock        leaseClock
	schema, name string
	qname        string
	// q holds the quoted columns by name.
	q map[string]string
}

// leaseColumns are the lock table's columns.
var leaseColumns = []string{"lock_key", "token", "owner", "acquired_at", "heartbeat_at", "expires_at"}

func newLeaseTable(d Dialect, schema, versionTable string) (*leaseTable, error) {
	clock, ok := d.(leaseClock)
	rs, ok2 := d.(RunSupport)
	if !ok || !ok2 {
		return nil, Unsupported(d.Name(), "the migration lock", `lock = "table"`,
			"the file lock of SQLite cannot be lost while its process lives; remove the lock setting")
	}
	t := &leaseTable{d: d, rs: rs, clock: clock, schema: schema, name: LockTableName(versionTable), q: map[string]string{}}
	var err error
	if t.qname, err = d.QuoteQualified(schema, t.name); err != nil {
		return nil, fmt.Errorf("lock table: %w", err)
	}
	for _, c := range leaseColumns {
		if t.q[c], err = d.QuoteIdent(c); err != nil {
			return nil, fmt.Errorf("lock table: %w", err)
		}
	}
	return t, nil
}

// model describes the lock table for CreateTable.
func (t *leaseTable) model() *model.Table {
	ts := model.Type{Kind: model.KindTimestamp, Precision: 6}
	return &model.Table{
		Schema: t.schema,
		Name:   t.name,
		Columns: []*model.Column{
			{Name: "lock_key", Type: model.Varchar(64)},
			{Name: "token", Type: model.Varchar(64)},
			{Name: "owner", Type: model.Varchar(255)},
			{Name: "acquired_at", Type: ts},
			{Name: "heartbeat_at", Type: ts},
			{Name: "expires_at", Type: ts},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"lock_key"}},
	}
}

// ensure creates the lock table when it is missing. Runners racing to
// create it are fine: a CREATE that fails because another created the
// table first is no error.
func (t *leaseTable) ensure(ctx context.Context, q Querier) error {
	ok, err := t.rs.TableExists(ctx, q, t.schema, t.name)
	if err != nil {
		return fmt.Errorf("look for lock table %s: %w", t.qname, err)
	}
	if ok {
		return nil
	}
	stmts, err := t.d.CreateTable(t.model())
	if err != nil {
		return fmt.Errorf("lock table %s: %w", t.qname, err)
	}
	for _, st := range stmts {
		if _, err := q.ExecContext(ctx, st); err != nil {
			if ok, _ := t.rs.TableExists(ctx, q, t.schema, t.name); ok {
				return nil
			}
			return fmt.Errorf("create lock table %s: %w", t.qname, err)
		}
	}
	return nil
}

// p returns the marker of the n-th parameter.
func (t *leaseTable) p(n int) string { return t.rs.Placeholder(n) }

// insert tries to take the lease: true when this runner's row went in.
func (t *leaseTable) insert(ctx context.Context, q Querier, token, owner string, lease time.Duration) (bool, error) {
	query := "INSERT INTO " + t.qname + " (" + t.q["lock_key"] + ", " + t.q["token"] + ", " + t.q["owner"] + ", " +
		t.q["acquired_at"] + ", " + t.q["heartbeat_at"] + ", " + t.q["expires_at"] + ") VALUES (" +
		t.p(1) + ", " + t.p(2) + ", " + t.p(3) + ", " + t.clock.leaseNow() + ", " + t.clock.leaseNow() + ", " + t.clock.leaseAfter(t.p(4)) + ")"
	_, err := q.ExecContext(ctx, query, leaseKey, token, truncateRunes(owner, 255), lease.Milliseconds())
	switch {
	case err == nil:
		return true, nil
	case t.clock.leaseLost(err):
		return false, nil
	}
	return false, fmt.Errorf("insert into lock table %s: %w", t.qname, err)
}

// leaseHolder is the lease row as a waiting runner sees it.
type leaseHolder struct {
	token, owner string
	// held, sinceBeat and expiresIn are the ages of acquired_at and
	// heartbeat_at, and the time left until expires_at (negative: expired).
	held, sinceBeat, expiresIn time.Duration
}

// String describes the holder for messages.
func (h *leaseHolder) String() string {
	s := fmt.Sprintf("%s (lease token %s, taken %s ago, last heartbeat %s ago, ", h.owner, h.token, roundAge(h.held), roundAge(h.sinceBeat))
	if h.expiresIn < 0 {
		return s + "expired " + roundAge(-h.expiresIn) + " ago)"
	}
	return s + "expires in " + roundAge(h.expiresIn) + ")"
}

func roundAge(d time.Duration) string { return d.Round(100 * time.Millisecond).String() }

// holder reads the lease row; nil when there is none.
func (t *leaseTable) holder(ctx context.Context, q Querier) (*leaseHolder, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+t.q["token"]+", "+t.q["owner"]+", "+t.clock.leaseAge(t.q["acquired_at"])+", "+
		t.clock.leaseAge(t.q["heartbeat_at"])+", "+t.clock.leaseAge(t.q["expires_at"])+
		" FROM "+t.qname+" WHERE "+t.q["lock_key"]+" = "+t.p(1), leaseKey)
	if err != nil {
		return nil, fmt.Errorf("read lock table %s: %w", t.qname, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	var (
		h                         leaseHolder
		owner                     sql.NullString
		held, beat, pastExpiryAge int64
	)
	if err := rows.Scan(&h.token, &owner, &held, &beat, &pastExpiryAge); err != nil {
		return nil, fmt.Errorf("read lock table %s: %w", t.qname, err)
	}
	h.owner = owner.String
	h.held, h.sinceBeat = time.Duration(held)*time.Millisecond, time.Duration(beat)*time.Millisecond
	h.expiresIn = -time.Duration(pastExpiryAge) * time.Millisecond
	return &h, rows.Err()
}

// takeOver deletes the lease of token when it has expired: true when it
// did (the caller then inserts its own). Two runners that both saw it
// expired cannot both delete it: the second deletes nothing.
func (t *leaseTable) takeOver(ctx context.Context, q Querier, token string) (bool, error) {
	res, err := q.ExecContext(ctx, "DELETE FROM "+t.qname+" WHERE "+t.q["lock_key"]+" = "+t.p(1)+" AND "+
		t.q["token"]+" = "+t.p(2)+" AND "+t.q["expires_at"]+" < "+t.clock.leaseNow(), leaseKey, token)
	if err != nil {
		if t.clock.leaseLost(err) {
			return false, nil
		}
		return false, fmt.Errorf("delete the expired lease from %s: %w", t.qname, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// renew extends the lease of token (the heartbeat): false when the lease
// is no longer this runner's (it expired, and maybe another took it).
func (t *leaseTable) renew(ctx context.Context, q Querier, token string, lease time.Duration) (bool, error) {
	query := "UPDATE " + t.qname + " SET " + t.q["heartbeat_at"] + " = " + t.clock.leaseNow() + ", " +
		t.q["expires_at"] + " = " + t.clock.leaseAfter(t.p(1)) + " WHERE " + t.q["lock_key"] + " = " + t.p(2) +
		" AND " + t.q["token"] + " = " + t.p(3) + " AND " + t.q["expires_at"] + " > " + t.clock.leaseNow()
	n, err := t.execRetrying(ctx, q, query, lease.Milliseconds(), leaseKey, token)
	if err != nil {
		return false, fmt.Errorf("renew the lease in %s: %w", t.qname, err)
	}
	return n == 1, nil
}

// release deletes the lease of token; an error when it was not there.
func (t *leaseTable) release(ctx context.Context, q Querier, token string) error {
	n, err := t.execRetrying(ctx, q, "DELETE FROM "+t.qname+" WHERE "+t.q["lock_key"]+" = "+t.p(1)+" AND "+t.q["token"]+" = "+t.p(2), leaseKey, token)
	if err == nil && n != 1 {
		err = errors.New("the lease was no longer this process's: it expired and another process may have taken it")
	}
	return err
}

// execRetrying runs a statement of the lease's holder and returns the
// number of rows it changed. A write conflict is tried again, a few
// times: on a Galera cluster a statement can lose to DDL that another
// node replicates at the same moment (its session is aborted with 1213).
func (t *leaseTable) execRetrying(ctx context.Context, q Querier, query string, args ...any) (int64, error) {
	for attempt := 1; ; attempt++ {
		res, err := q.ExecContext(ctx, query, args...)
		if err == nil {
			return res.RowsAffected()
		}
		if attempt == 3 || !IsWriteConflict(t.d, err) {
			return 0, err
		}
		select {
		case <-ctx.Done():
			return 0, err
		case <-time.After(time.Duration(attempt) * 50 * time.Millisecond):
		}
	}
}

// newToken returns a random lease token.
func newToken() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// leaseKeepAlive is the heartbeat interval of a lease: three renewals per
// lease, or the keep-alive interval when shorter (negative: none, which
// only tests want: the lease then expires while its holder lives).
func leaseKeepAlive(opts LockOptions, lease time.Duration) time.Duration {
	if opts.KeepAlive < 0 {
		return opts.KeepAlive
	}
	every := lease / 3
	if opts.KeepAlive > 0 && opts.KeepAlive < every {
		every = opts.KeepAlive
	}
	return every
}

// acquireLease takes the lease lock of the version table schema.table on a
// dedicated connection of db (see LockMethod): it creates the lock table
// when missing, then inserts the lease row, waiting while another runner
// holds an unexpired lease and taking over an expired one. The lock's
// keep-alive renews the lease; Lock.Check renews it too and reports a
// lease that is no longer this runner's; releasing it deletes the row.
func acquireLease(ctx context.Context, d Dialect, db *sql.DB, schema, table string, opts LockOptions) (*Lock, error) {
	t, err := newLeaseTable(d, schema, table)
	if err != nil {
		return nil, err
	}
	lease := opts.Lease
	if lease == 0 {
		lease = DefaultLockLease
	}
	if lease < MinLockLease {
		return nil, fmt.Errorf("lock lease %s is too short: use at least %s", lease, MinLockLease)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration lock: connect: %w", err)
	}
	name := "lease row in " + t.qname
	tk := &leaseTaker{t: t, conn: conn, token: newToken(), opts: opts, lease: lease}
	token := tk.token
	err = pollLock(ctx, name, opts, func(ctx context.Context) (bool, error) {
		ok, err := tk.try(ctx)
		if err != nil && IsWriteConflict(d, err) {
			// Aborted by DDL another node replicated (Galera): try again.
			return false, nil
		}
		return ok, err
	}, func(ctx context.Context) string {
		if h, err := t.holder(ctx, conn); err == nil && h != nil {
			return h.String()
		}
		return ""
	})
	if err != nil {
		var te *LockTimeoutError
		if errors.As(err, &te) && tk.last != nil {
			te.Holder = tk.last.String()
		}
		_ = discardConn(conn, false)
		return nil, err
	}
	l := newSessionLock(name, leaseKeepAlive(opts, lease), func(ctx context.Context) (bool, error) {
		return t.renew(ctx, conn, token, lease)
	}, func(ctx context.Context) error {
		err := t.release(ctx, conn, token)
		if cerr := discardConn(conn, err != nil); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("release migration lock %s: %w", name, err)
		}
		return nil
	})
	l.lostReason = "its lease expired without a heartbeat (or the lock table was changed), and another process may have taken it over"
	if sc := SessionControlOf(d); sc != nil {
		l.Session, _ = sc.SessionID(ctx, conn)
	}
	return l, nil
}

// leaseTaker makes the attempts of one runner to take the lease.
type leaseTaker struct {
	t     *leaseTable
	conn  *sql.Conn
	token string
	opts  LockOptions
	lease time.Duration
	// ensured is set once the lock table exists; last is the holder the
	// latest attempt saw.
	ensured bool
	last    *leaseHolder
}

// try is one attempt to take the lease: it creates the lock table first
// (once), inserts the lease row, and when another runner's row is there
// and has expired, deletes it and inserts again, telling opts.Notice
// whose it was.
func (k *leaseTaker) try(ctx context.Context) (bool, error) {
	t := k.t
	if !k.ensured {
		if err := t.ensure(ctx, k.conn); err != nil {
			return false, err
		}
		k.ensured = true
	}
	for {
		ok, err := t.insert(ctx, k.conn, k.token, k.opts.Owner, k.lease)
		if ok || err != nil {
			return ok, err
		}
		h, err := t.holder(ctx, k.conn)
		if err != nil || h == nil {
			return false, err
		}
		k.last = h
		if h.expiresIn >= 0 {
			return false, nil
		}
		took, err := t.takeOver(ctx, k.conn, h.token)
		if err != nil || !took {
			return false, err
		}
		if k.opts.Notice != nil {
			k.opts.Notice(fmt.Sprintf("the migration lock's lease held by %s expired %s ago without a heartbeat (last one %s ago): that process is presumed dead; taking the lock over",
				h.owner, roundAge(-h.expiresIn), roundAge(h.sinceBeat)))
		}
	}
}

// combineLocks returns one lock made of parts, taken in order: it is held
// while every part is, and releasing it releases them in reverse order.
func combineLocks(parts ...*Lock) *Lock {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = p.Name
	}
	l := &Lock{Name: strings.Join(names, " and "), Session: parts[len(parts)-1].Session}
	l.held = func(ctx context.Context) (bool, error) {
		for _, p := range parts {
			if p.held == nil {
				continue
			}
			if ok, err := p.isHeld(ctx); err != nil || !ok {
				l.lostReason = p.lostReason
				return false, err
			}
		}
		return true, nil
	}
	l.release = func(ctx context.Context) error {
		var err error
		for i := len(parts) - 1; i >= 0; i-- {
			err = errors.Join(err, parts[i].Release(ctx))
		}
		return err
	}
	return l
}
