package dialect_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// serverDialects are the databases whose sessions live on a server.
var serverDialects = []string{"postgres", "mysql"}

// sleepStatement is a statement that runs for secs seconds.
var sleepStatement = map[string]string{
	"postgres": "SELECT pg_sleep(%s)",
	"mysql":    "SELECT COUNT(*) FROM seq_1_to_100000000000 WHERE seq > %s",
}

// withParam adds a query parameter to a database URL.
func withParam(u, kv string) string {
	if strings.Contains(u, "?") {
		return u + "&" + kv
	}
	return u + "?" + kv
}

// killSession ends session id from another session, as an operator (or
// a server timeout) would.
func killSession(ctx context.Context, t *testing.T, db *dialect.DB, id int64) {
	t.Helper()
	var err error
	if db.Dialect.Name() == "postgres" {
		_, err = db.ExecContext(ctx, "SELECT pg_terminate_backend($1)", id)
	} else {
		_, err = db.ExecContext(ctx, "KILL "+strconv.FormatInt(id, 10))
	}
	if err != nil {
		t.Fatalf("kill session %d: %v", id, err)
	}
}

// TestSessionControl runs a long statement on one connection, finds it
// running from another, cancels it on the server, then ends the session
// and waits for it to be gone.
func TestSessionControl(t *testing.T) {
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			tg := testdb.New(t, name)
			db, err := dialect.Open(ctx, tg.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			sc := dialect.SessionControlOf(db.Dialect)
			if sc == nil {
				t.Fatalf("%s has no SessionControl", name)
			}
			worker, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			id, err := sc.SessionID(ctx, worker)
			if err != nil || id <= 0 {
				t.Fatalf("SessionID = %d, %v", id, err)
			}
			// The server may list the session's last statement for a moment
			// after the client has its result (MariaDB's processlist).
			for idle := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				s, err := sc.Session(ctx, db, id)
				if err != nil || s == nil {
					t.Fatalf("idle session %d: %+v, %v", id, s, err)
				}
				if !s.Running {
					break
				}
				if time.Now().After(idle) {
					t.Fatalf("idle session %d still running after 5 s: %+v", id, s)
				}
			}
			// A statement that ignores the client: only the server can stop it.
			stmt := strings.Replace(sleepStatement[name], "%s", "20", 1)
			done := make(chan error, 1)
			started := time.Now()
			go func() {
				_, err := worker.ExecContext(context.WithoutCancel(ctx), stmt)
				done <- err
			}()
			for {
				s, err := sc.Session(ctx, db, id)
				if err != nil {
					t.Fatal(err)
				}
				if s != nil && s.Running && strings.Contains(s.Statement, "20") {
					break
				}
				if time.Since(started) > 10*time.Second {
					t.Fatalf("the statement never showed as running: %+v", s)
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := sc.CancelStatement(ctx, db, id); err != nil {
				t.Fatal(err)
			}
			if err := dialect.WaitStatementDone(ctx, sc, db, id, 10*time.Millisecond); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if !sc.Interrupted(err) || !dialect.IsServerError(err) {
					t.Errorf("the cancelled statement returned %v: not reported as interrupted by the server", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the cancelled statement still runs")
			}
			if time.Since(started) > 10*time.Second {
				t.Errorf("cancel took %s", time.Since(started))
			}
			if dialect.IsServerError(driver.ErrBadConn) || dialect.IsServerError(errors.New("invalid connection")) {
				t.Error("a lost connection counts as the server's answer")
			}
			// The session survives a cancel and runs the next statement.
			if _, err := worker.ExecContext(ctx, "SELECT 1"); err != nil {
				t.Fatalf("session after cancel: %v", err)
			}
			// Cancelling an idle or unknown session is no error.
			if err := sc.CancelStatement(ctx, db, id); err != nil {
				t.Errorf("cancel an idle session: %v", err)
			}
			if err := sc.CancelStatement(ctx, db, 1<<30); err != nil {
				t.Errorf("cancel an unknown session: %v", err)
			}
			// Once the connection is closed, the session goes away.
			_ = worker.Raw(func(any) error { return driver.ErrBadConn })
			_ = worker.Close()
			var waited bool
			wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
			defer wcancel()
			if err := dialect.WaitSessionGone(wctx, sc, db, id, 10*time.Millisecond, func(*dialect.SessionInfo) { waited = true }); err != nil {
				t.Fatalf("wait for session %d to end: %v (waited: %v)", id, err, waited)
			}
			if s, err := sc.Session(ctx, db, id); err != nil || s != nil {
				t.Errorf("ended session %d: %+v, %v", id, s, err)
			}
		})
	}
}

// TestMigrationLockLiveness: the lock survives a short idle timeout in
// the URL, a waiter is told who holds it, and a lock whose session was
// killed is reported lost by Check (and its release returns promptly),
// after which another runner takes it at once.
func TestMigrationLockLiveness(t *testing.T) {
	timeouts := map[string]string{
		"postgres": "idle_session_timeout=1000",
		"mysql":    "wait_timeout=1",
	}
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			tg := testdb.New(t, name)
			db, err := dialect.Open(ctx, withParam(tg.URL, timeouts[name]))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			owner := "migrate upgrade by test@host, pid 42"
			lock, err := dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", dialect.LockOptions{Owner: owner, KeepAlive: -1})
			if err != nil {
				t.Fatal(err)
			}
			defer lock.Release(ctx)
			if lock.Session <= 0 {
				t.Fatalf("lock session = %d", lock.Session)
			}
			// Longer than the URL's idle timeout, without keep-alive pings:
			// the lock's session is exempt from the timeout.
			time.Sleep(2200 * time.Millisecond)
			if err := lock.Check(ctx); err != nil {
				t.Fatalf("after an idle pause: %v", err)
			}

			other, err := dialect.Open(ctx, tg.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			var holder string
			_, err = dialect.AcquireMigrationLock(ctx, other, "", "migrate_version", dialect.LockOptions{
				Timeout: 200 * time.Millisecond, Waiting: func(h string) { holder = h }})
			var te *dialect.LockTimeoutError
			if !errors.As(err, &te) {
				t.Fatalf("second lock: %v", err)
			}
			if !strings.Contains(holder, "session "+strconv.FormatInt(lock.Session, 10)) {
				t.Errorf("holder %q does not name session %d", holder, lock.Session)
			}
			if name == "postgres" && !strings.Contains(holder, owner) {
				t.Errorf("holder %q does not name the owner %q", holder, owner)
			}
			t.Logf("holder: %s", holder)

			killSession(ctx, t, other, lock.Session)
			var lost *dialect.LockLostError
			if err := lock.Check(ctx); !errors.As(err, &lost) {
				t.Fatalf("Check after the lock's session was killed: %v", err)
			}
			start := time.Now()
			if err := lock.Release(ctx); err == nil {
				t.Error("releasing a lost lock reported success")
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("release of a lost lock took %s", time.Since(start))
			}
			l2, err := dialect.AcquireMigrationLock(ctx, other, "", "migrate_version", dialect.LockOptions{Timeout: 5 * time.Second})
			if err != nil {
				t.Fatalf("lock after the holder died: %v", err)
			}
			if err := l2.Check(ctx); err != nil {
				t.Fatal(err)
			}
			if err := l2.Release(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestSQLiteLockHolder: a waiter on SQLite's file lock is told the
// holder's description.
func TestSQLiteLockHolder(t *testing.T) {
	ctx := context.Background()
	tg := testdb.New(t, "sqlite")
	db, err := dialect.Open(ctx, tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE TABLE x (a int)"); err != nil {
		t.Fatal(err)
	}
	lock, err := dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", dialect.LockOptions{Owner: "migrate upgrade by test@host, pid 42"})
	if err != nil {
		t.Fatal(err)
	}
	if err := lock.Check(ctx); err != nil {
		t.Fatal(err)
	}
	var holder string
	_, err = dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", dialect.LockOptions{Waiting: func(h string) { holder = h }})
	var te *dialect.LockTimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("second lock: %v", err)
	}
	if !strings.HasPrefix(holder, "migrate upgrade by test@host, pid 42 since ") {
		t.Errorf("holder = %q", holder)
	}
	if err := lock.Release(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestPostgresIndexLeftBy: a failed CREATE UNIQUE INDEX CONCURRENTLY
// leaves an INVALID index, which IndexLeftBy finds and DropInvalidIndex
// removes; a built index is valid, a missing one absent.
func TestPostgresIndexLeftBy(t *testing.T) {
	ctx := context.Background()
	tg := testdb.New(t, "postgres")
	db, err := dialect.Open(ctx, tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ib, ok := db.Dialect.(dialect.IndexBuilds)
	if !ok {
		t.Fatal("postgres has no IndexBuilds")
	}
	for _, st := range []string{`CREATE TABLE "Odd ""t""" (a int)`, `INSERT INTO "Odd ""t""" VALUES (1), (1)`} {
		if _, err := db.ExecContext(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	unique := `/* dedupe */ CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Ux ""a""" ON ONLY "Odd ""t""" (a)`
	plain := "create index concurrently ix_a on " + tg.Scope + `."Odd ""t""" (a)`
	cases := []struct {
		stmt, run string
		want      dialect.IndexState
		wantName  string
	}{
		{unique, "", dialect.IndexAbsent, `"Ux ""a"""`},
		{unique, unique, dialect.IndexInvalid, `"Ux ""a"""`},
		{plain, plain, dialect.IndexValid, `"ix_a"`},
		{"CREATE INDEX CONCURRENTLY missing ON no_such_table (a)", "", dialect.IndexAbsent, "missing"},
	}
	for _, c := range cases {
		if c.run != "" {
			_, _ = db.ExecContext(ctx, c.run) // the unique build fails on the duplicates
		}
		state, name, ok, err := ib.IndexLeftBy(ctx, db, c.stmt)
		if err != nil || !ok || state != c.want || !strings.HasSuffix(name, c.wantName) {
			t.Errorf("IndexLeftBy(%s) = %v, %q, %v, %v; want %v, …%s", c.stmt, state, name, ok, err, c.want, c.wantName)
		}
		if state == dialect.IndexInvalid {
			if err := ib.DropInvalidIndex(ctx, db, name); err != nil {
				t.Fatal(err)
			}
			if state, _, _, err := ib.IndexLeftBy(ctx, db, c.stmt); err != nil || state != dialect.IndexAbsent {
				t.Errorf("after the drop: %v, %v", state, err)
			}
		}
	}
	if _, _, ok, err := ib.IndexLeftBy(ctx, db, "CREATE INDEX ix ON t (a)"); ok || err != nil {
		t.Errorf("a plain CREATE INDEX: ok %v, %v", ok, err)
	}
}

// TestLockCheckWithKeepAlive: Check and the keep-alive share the lock's
// connection; many checks while the keep-alive pings every millisecond
// never break it.
func TestLockCheckWithKeepAlive(t *testing.T) {
	for _, name := range serverDialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			lock, err := dialect.AcquireMigrationLock(ctx, db, "", "migrate_version", dialect.LockOptions{KeepAlive: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 300; i++ {
				if err := lock.Check(ctx); err != nil {
					t.Fatalf("check %d: %v", i, err)
				}
			}
			if err := lock.Release(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}
