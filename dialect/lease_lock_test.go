package dialect_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// tableLock returns options for a lease lock.
func tableLock(owner string, lease, timeout time.Duration) dialect.LockOptions {
	return dialect.LockOptions{Method: dialect.LockTable, Owner: owner, Lease: lease, Timeout: timeout}
}

// openURLs opens each URL, closed at cleanup.
func openURLs(t *testing.T, urls ...string) []*dialect.DB {
	t.Helper()
	dbs := make([]*dialect.DB, len(urls))
	for i, u := range urls {
		db, err := dialect.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs[i] = db
	}
	return dbs
}

// holdInTurn has workers × rounds migration locks taken with method on
// dbs (worker i on dbs[i%len(dbs)]) and held briefly, and fails on two
// holders at once.
func holdInTurn(t *testing.T, method dialect.LockMethod, dbs []*dialect.DB, workers, rounds int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var holders, taken, overlaps atomic.Int32
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := dbs[w%len(dbs)]
			for r := range rounds {
				opts := tableLock(fmt.Sprintf("worker %d round %d", w, r), 5*time.Second, time.Minute)
				opts.Method = method
				l, err := dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", opts)
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
				if holders.Add(1) > 1 {
					overlaps.Add(1)
				}
				taken.Add(1)
				time.Sleep(10 * time.Millisecond)
				if err := l.Check(ctx); err != nil {
					t.Errorf("worker %d: %v", w, err)
				}
				holders.Add(-1)
				if err := l.Release(ctx); err != nil {
					t.Errorf("worker %d: release: %v", w, err)
				}
			}
		}()
	}
	wg.Wait()
	if overlaps.Load() != 0 || int(taken.Load()) != workers*rounds {
		t.Errorf("%d acquisitions (want %d), %d overlapping holds (want 0)", taken.Load(), workers*rounds, overlaps.Load())
	}
	t.Logf("lock %s, %d workers over %d database handle(s): %d acquisitions, 0 overlapping, in %s", method, workers, len(dbs), taken.Load(), time.Since(start).Round(time.Millisecond))
}

// TestLeaseLockConcurrent: workers that each take the lease lock in turn
// never hold it two at a time, and all get it.
func TestLeaseLockConcurrent(t *testing.T) {
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			holdInTurn(t, dialect.LockTable, openURLs(t, tg.URL, tg.URL, tg.URL), 6, 3)
		})
	}
}

// TestLeaseLockGalera: the same on a Galera cluster, the workers spread
// over its nodes, where GET_LOCK alone would let one holder per node in:
// the cluster is detected, and its lock (auto) is GET_LOCK and the lease.
func TestLeaseLockGalera(t *testing.T) {
	nodes := testdb.Galera(t)
	urls := make([]string, len(nodes))
	for i, n := range nodes {
		urls[i] = n.URL
	}
	dbs := openURLs(t, urls...)
	for _, db := range dbs {
		if n := dialect.ClusterNodesOf(db.Dialect); n != len(nodes) {
			t.Fatalf("ClusterNodes = %d, want %d", n, len(nodes))
		}
	}
	for _, m := range []dialect.LockMethod{dialect.LockAuto, dialect.LockTable} {
		holdInTurn(t, m, dbs, 6, 3)
	}
	// The last release may have been made on another node: a node applies
	// the cluster's writes a moment after they commit, so the lease row
	// can still read as held here (ci4 on 7 December 2026 saw it); wait as
	// the CLI does (lock_timeout), not one attempt.
	l, err := dialect.AcquireMigrationLock(context.Background(), dbs[0], "", "migrate_version", dialect.LockOptions{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release(context.Background())
	if !strings.HasPrefix(l.Name, "GET_LOCK(") || !strings.Contains(l.Name, " and lease row in ") {
		t.Errorf("lock on Galera = %s, want GET_LOCK and the lease", l.Name)
	}
}

// TestClusterNodesStandalone: a server that is not a cluster node says so,
// and its lock (auto) is its own session lock, without a lock table.
func TestClusterNodesStandalone(t *testing.T) {
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			if n := dialect.ClusterNodesOf(db.Dialect); n != 0 {
				t.Errorf("ClusterNodes = %d", n)
			}
			l, err := dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", dialect.LockOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Release(ctx)
			if ok, err := db.Dialect.(dialect.RunSupport).TableExists(ctx, db, "", "migrate_version_lock"); err != nil || ok {
				t.Errorf("lock table created by the auto lock: %t, %v", ok, err)
			}
		})
	}
}

// TestLeaseLockExpiry: a holder that stops renewing its lease (as one
// that died) loses the lock when the lease expires; the next runner takes
// it over and is told who held it; the old holder finds the lock lost and
// its release deletes nothing of the new holder's.
func TestLeaseLockExpiry(t *testing.T) {
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			tg := testdb.New(t, name)
			dbs := openURLs(t, tg.URL, tg.URL, tg.URL)
			dead := tableLock("migrate by dead@host, pid 4121", time.Second, 0)
			dead.KeepAlive = -1 // no heartbeat
			l1, err := dialect.AcquireMigrationLock(ctx, dbs[0], "", "migrate_version", dead)
			if err != nil {
				t.Fatal(err)
			}
			var notices []string
			next := tableLock("migrate by next@host, pid 7", 5*time.Second, 10*time.Second)
			next.Notice = func(m string) { notices = append(notices, m) }
			start := time.Now()
			l2, err := dialect.AcquireMigrationLock(ctx, dbs[1], "", "migrate_version", next)
			if err != nil {
				t.Fatal(err)
			}
			waited := time.Since(start)
			if waited < 500*time.Millisecond || waited > 5*time.Second {
				t.Errorf("took the lock over after %s; the lease was 1s", waited)
			}
			if len(notices) != 1 || !strings.Contains(notices[0], "migrate by dead@host, pid 4121") || !strings.Contains(notices[0], "expired") {
				t.Errorf("notices = %q, want one naming the dead holder", notices)
			}
			t.Logf("took over after %s: %s", waited.Round(time.Millisecond), notices)

			var lost *dialect.LockLostError
			if err := l1.Check(ctx); !errors.As(err, &lost) || !strings.Contains(err.Error(), "lease expired") {
				t.Errorf("Check of the expired holder: %v", err)
			}
			if err := l1.Release(ctx); err == nil {
				t.Error("the expired holder's release reported success")
			}
			if err := l2.Check(ctx); err != nil {
				t.Fatalf("the new holder after the old one's release: %v", err)
			}
			_, err = dialect.AcquireMigrationLock(ctx, dbs[2], "", "migrate_version", tableLock("third", time.Second, 0))
			var te *dialect.LockTimeoutError
			if !errors.As(err, &te) || !strings.Contains(err.Error(), "migrate by next@host, pid 7") {
				t.Errorf("a third runner while the new holder holds the lock: %v", err)
			}
			if err := l2.Release(ctx); err != nil {
				t.Fatal(err)
			}
			l3, err := dialect.AcquireMigrationLock(ctx, dbs[2], "", "migrate_version", tableLock("third", time.Second, 0))
			if err != nil {
				t.Fatalf("after the release: %v", err)
			}
			if err := l3.Release(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestLeaseLockHeartbeat: a live holder's heartbeat keeps its lease past
// the lease time; a lease the holder no longer has (expired, or another
// token in the row) is found lost by Check.
func TestLeaseLockHeartbeat(t *testing.T) {
	tamper := map[string]string{
		"expired": "UPDATE migrate_version_lock SET expires_at = heartbeat_at",
		"taken":   "UPDATE migrate_version_lock SET token = 'someone-else'",
		"deleted": "DELETE FROM migrate_version_lock",
	}
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			tg := testdb.New(t, name)
			dbs := openURLs(t, tg.URL, tg.URL)
			// A lease of 2s, renewed every 667ms, outlives a waiter of 4s.
			l1, err := dialect.AcquireMigrationLock(ctx, dbs[0], "", "migrate_version", tableLock("live holder", 2*time.Second, 0))
			if err != nil {
				t.Fatal(err)
			}
			var holder string
			wait := tableLock("waiter", time.Second, 4*time.Second)
			wait.Waiting = func(h string) { holder = h }
			_, err = dialect.AcquireMigrationLock(ctx, dbs[1], "", "migrate_version", wait)
			var te *dialect.LockTimeoutError
			if !errors.As(err, &te) {
				t.Fatalf("a waiter during 2 leases of a live holder: %v", err)
			}
			if !strings.HasPrefix(holder, "live holder (lease token ") {
				t.Errorf("waiting for %q", holder)
			}
			if err := l1.Check(ctx); err != nil {
				t.Fatalf("the live holder after 2 leases: %v", err)
			}
			if err := l1.Release(ctx); err != nil {
				t.Fatal(err)
			}
			for _, how := range []string{"expired", "taken", "deleted"} {
				l, err := dialect.AcquireMigrationLock(ctx, dbs[0], "", "migrate_version", tableLock("holder", 30*time.Second, 0))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := dbs[1].ExecContext(ctx, tamper[how]); err != nil {
					t.Fatal(err)
				}
				var lost *dialect.LockLostError
				if err := l.Check(ctx); !errors.As(err, &lost) {
					t.Errorf("Check of a lease %s: %v", how, err)
				}
				// An expired lease that nobody took is still this
				// holder's row to delete; another's is not.
				if err := l.Release(ctx); (err == nil) != (how == "expired") {
					t.Errorf("release of a lease %s: %v", how, err)
				}
				if _, err := dbs[1].ExecContext(ctx, "DELETE FROM migrate_version_lock"); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestLeaseLockPerVersionTable: the lock table belongs to its version
// table: two migration sets in one database do not block each other.
func TestLeaseLockPerVersionTable(t *testing.T) {
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			tg := testdb.New(t, name)
			dbs := openURLs(t, tg.URL, tg.URL)
			a, err := dialect.AcquireMigrationLock(ctx, dbs[0], "", "app_version", tableLock("a", time.Second, 0))
			if err != nil {
				t.Fatal(err)
			}
			defer a.Release(ctx)
			b, err := dialect.AcquireMigrationLock(ctx, dbs[1], "", "audit_version", tableLock("b", time.Second, 0))
			if err != nil {
				t.Fatalf("another version table's lock: %v", err)
			}
			defer b.Release(ctx)
			for _, table := range []string{"app_version_lock", "audit_version_lock"} {
				if ok, err := dbs[0].Dialect.(dialect.RunSupport).TableExists(ctx, dbs[0], "", table); err != nil || !ok {
					t.Errorf("lock table %s: exists %t, %v", table, ok, err)
				}
			}
		})
	}
}

// TestLeaseLockRefused: SQLite has no lease lock (its file lock cannot be
// lost while its process lives), and a lease under a second is refused.
func TestLeaseLockRefused(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	_, err := dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", tableLock("x", time.Second, 0))
	var ue *dialect.UnsupportedError
	if !errors.As(err, &ue) {
		t.Errorf("table lock on SQLite: %v", err)
	}
	pg, _ := testdb.Open(t, "postgres")
	_, err = dialect.AcquireMigrationLock(ctx, pg, "", "migrate_version", tableLock("x", 100*time.Millisecond, 0))
	if err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("a lease of 100ms: %v", err)
	}
}
