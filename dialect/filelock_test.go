//go:build unix

package dialect

import (
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestFileLockMutualExclusion: lockers that remove the lock file when they
// release it never hold the lock two at a time. flock locks belong to the
// open file, so goroutines with their own opens contend like processes.
func TestFileLockMutualExclusion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.db.migrate-lock")
	const workers, rounds = 8, 40
	var holders, maxHolders, done atomic.Int32
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				var f *os.File
				for f == nil {
					var err error
					if f, err = tryFileLock(path); err != nil {
						t.Error(err)
						return
					}
					if f == nil {
						time.Sleep(time.Duration(rand.IntN(100)) * time.Microsecond)
					}
				}
				n := holders.Add(1)
				for {
					m := maxHolders.Load()
					if n <= m || maxHolders.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
				holders.Add(-1)
				if err := releaseFileLock(f, path); err != nil {
					t.Error(err)
					return
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	if m := maxHolders.Load(); m != 1 {
		t.Errorf("%d lockers held the lock at once", m)
	}
	if d := done.Load(); d != workers*rounds {
		t.Errorf("%d critical sections ran, want %d", d, workers*rounds)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file left after the last release: %v", err)
	}
}

// TestFileLockOnRemovedFile: a process that opened the lock file before
// its holder removed it gets that (removed) file's lock, and must not take
// it for the migration lock: the path no longer names it.
func TestFileLockOnRemovedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.migrate-lock")
	holder, err := tryFileLock(path)
	if err != nil || holder == nil {
		t.Fatalf("first lock: %v, %v", holder, err)
	}
	waiter, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close()
	if err := releaseFileLock(holder, path); err != nil {
		t.Fatal(err)
	}
	if ok, err := tryLockFile(waiter); !ok || err != nil {
		t.Fatalf("lock of the removed file: %v, %v", ok, err)
	}
	if cur, err := lockedFileIsCurrent(waiter, path); cur || err != nil {
		t.Fatalf("lockedFileIsCurrent on the removed file = %v, %v; want false", cur, err)
	}
	next, err := tryFileLock(path)
	if err != nil || next == nil {
		t.Fatalf("lock after removal: %v, %v", next, err)
	}
	if err := releaseFileLock(next, path); err != nil {
		t.Fatal(err)
	}
}

// TestSQLiteLockLeavesNoFile: the migration lock of a SQLite database
// excludes a second runner while held and leaves no file next to the
// database once released (issue 11 point 3).
func TestSQLiteLockLeavesNoFile(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "app.db")
	db, err := Open(ctx, "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := Open(ctx, "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lockPath := dbPath + ".migrate-lock"
	for round := 0; round < 2; round++ {
		l, err := AcquireMigrationLock(ctx, db, "", "migrate_version", LockOptions{Timeout: time.Second, Owner: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(lockPath); err != nil {
			t.Errorf("lock file while held: %v", err)
		}
		_, err = AcquireMigrationLock(ctx, other, "", "migrate_version", LockOptions{})
		var te *LockTimeoutError
		if !errors.As(err, &te) {
			t.Errorf("second runner while the lock is held: %v, want a lock timeout", err)
		}
		if err := l.Release(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(lockPath); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("lock file after release: %v", err)
		}
	}
}
