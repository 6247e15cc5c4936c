package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// These tests run the migrate binary against the real servers and
// interrupt it with real signals (issue 10, points 1 and 2): a statement
// outside a transaction is never applied twice, and the migration lock is
// never lost silently.

// slowInsert is, per database, a statement outside a transaction that
// inserts 10 rows into d, slowly (about 4 s), so that a test can
// interrupt it while the server runs it; fastInsert inserts the same rows
// at once.
var (
	slowInsert = map[string]string{
		"mysql":    "INSERT INTO d SELECT seq FROM seq_1_to_10 WHERE SLEEP(0.4) = 0",
		"postgres": "INSERT INTO d SELECT g FROM generate_series(1, 10) g WHERE pg_sleep(0.4) IS NOT NULL",
	}
	fastInsert = map[string]string{
		"mysql":    "INSERT INTO d SELECT seq FROM seq_1_to_10",
		"postgres": "INSERT INTO d SELECT g FROM generate_series(1, 10) g",
	}
	// nonTransactional is the header that makes a PostgreSQL revision run
	// outside a transaction (MariaDB commits DDL statement by statement
	// anyway).
	nonTransactional = map[string]string{"mysql": "", "postgres": "-- migrate:transactional false\n"}
)

// startMigrate starts the migrate binary in the project; its stderr is
// collected in the returned buffer.
func startMigrate(ctx context.Context, t *testing.T, p *runProject, args ...string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := p.command(ctx, migrateBinary(t), args...)
	var stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// waitStatement polls the server until a session runs a statement that
// contains text, and returns that session's id.
func waitStatement(ctx context.Context, t *testing.T, db *dialect.DB, text string) int64 {
	t.Helper()
	// Only this test's sessions: its own database on MySQL/MariaDB, its
	// own application_name on PostgreSQL (testdb sets it per test), so a
	// parallel test running the same statement is never taken for ours.
	q := "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID() AND DB = DATABASE()"
	if db.Dialect.Name() == "postgres" {
		q = "SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active' AND pid <> pg_backend_pid() AND datname = current_database() AND application_name = current_setting('application_name')"
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var id int64
		err := db.QueryRowContext(ctx, q, "%"+text+"%").Scan(&id)
		if err == nil {
			return id
		}
		if time.Now().After(deadline) {
			t.Fatalf("no session ran %q: %v", text, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitExit waits for cmd and checks its exit status.
func waitExit(t *testing.T, cmd *exec.Cmd, stderr *lockedBuffer, want int) {
	t.Helper()
	err := cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr.String())
	}
	if code != want {
		t.Fatalf("migrate exited %d, want %d\n%s", code, want, stderr.String())
	}
}

// count returns SELECT COUNT(*) FROM table.
func count(ctx context.Context, t *testing.T, db *dialect.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// writeInsertProject writes the revisions of the scenario of issue 10
// point 1: d1 creates nothing; d2 creates d, fills it with insert, and
// creates e, outside a transaction.
func writeInsertProject(p *runProject, name, insert string) {
	p.write("d1.sql", "-- migrate:id d1\n\n-- migrate:upgrade\nCREATE TABLE base_t (id integer);\n")
	p.write("d2.sql", "-- migrate:id d2\n-- migrate:revises d1\n-- migrate:message fill d\n"+nonTransactional[name]+
		"\n-- migrate:upgrade\nCREATE TABLE d (x integer);\n"+insert+";\nCREATE TABLE e (x integer);\n")
}

// TestKilledStatementNotAppliedTwice: `kill -9` while the server runs an
// INSERT outside a transaction. The server finishes (and commits) it
// after the client is gone; the next run waits for that session to end,
// refuses to guess, names the statement and offers --resume-at; resuming
// after it leaves d with its 10 rows, not 20 (issue 10 point 1).
func TestKilledStatementNotAppliedTwice(t *testing.T) {
	for _, name := range []string{"mysql", "postgres"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			db, tg := testdb.Open(t, name)
			p := newRunProject(t, tg.URL, "")
			writeInsertProject(p, name, slowInsert[name])
			cmd, stderr := startMigrate(ctx, t, p, "upgrade", "head")
			waitStatement(ctx, t, db, "INTO d SELECT")
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()
			_ = stderr

			// The next run waits for the killed run's session, whose INSERT
			// the server is still running, then refuses to guess.
			_, errOut := p.want(ExitFailure, "upgrade", "head", "--lock-timeout", "30s")
			for _, want := range []string{"waiting for session", "statement 2", "unknown", "INSERT INTO d", "--resume-at 2", "--resume-at 3", "migrate stamp d1"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("rerun output lacks %q:\n%s", want, errOut)
				}
			}
			if n := count(ctx, t, db, "d"); n != 10 {
				t.Fatalf("after the killed run's session ended, d has %d rows, want 10 (the server finished the INSERT)", n)
			}
			// current, verify and history --applied show the partly applied
			// revision (point 6).
			out, _ := p.want(0, "current")
			for _, want := range []string{"d1", "partly applied", "upgrade d1 -> d2", "1 ran", "2 unknown", "3 not run"} {
				if !strings.Contains(out, want) {
					t.Errorf("current lacks %q:\n%s", want, out)
				}
			}
			p.want(ExitCheckFailed, "verify")
			// The user sees the rows and says statement 2 took effect.
			p.want(0, "upgrade", "head", "--resume-at", "3")
			if n := count(ctx, t, db, "d"); n != 10 {
				t.Errorf("d has %d rows after the resume, want 10", n)
			}
			count(ctx, t, db, "e")
			out, _ = p.want(0, "current")
			if out != "d2 (head)\n" {
				t.Errorf("current = %q", out)
			}
			p.want(0, "verify")
		})
	}
}

// TestInterruptedStatementCancelled: Ctrl-C while the server runs an
// INSERT outside a transaction. The statement is cancelled on the server
// before the lock is released (the process exits at once and nothing of
// it runs on afterwards). PostgreSQL rolls a cancelled statement back,
// so the next run resumes at it; MariaDB cannot say, so the next run
// refuses to guess and --resume-at decides (issue 10 point 1).
func TestInterruptedStatementCancelled(t *testing.T) {
	for _, name := range []string{"mysql", "postgres"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			db, tg := testdb.Open(t, name)
			p := newRunProject(t, tg.URL, "")
			writeInsertProject(p, name, slowInsert[name])
			cmd, stderr := startMigrate(ctx, t, p, "upgrade", "head")
			session := waitStatement(ctx, t, db, "INTO d SELECT")
			start := time.Now()
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			waitExit(t, cmd, stderr, ExitFailure)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("the interrupted run took %s to stop: the statement was not cancelled on the server", d)
			}
			sc := dialect.SessionControlOf(db.Dialect)
			if s, err := sc.Session(ctx, db, session); err != nil || (s != nil && s.Running) {
				t.Fatalf("after the interrupted run exited, its session %d still runs: %+v, %v", session, s, err)
			}
			msg := stderr.String()
			if strings.Contains(msg, "no statement of this revision had run") || (!dialect.SessionControlOf(db.Dialect).CancelRollsBack() && strings.Contains(msg, "resume at statement")) {
				t.Errorf("the interrupted run claims what it cannot know:\n%s", msg)
			}
			if n := count(ctx, t, db, "d"); n != 0 {
				t.Fatalf("d has %d rows after the cancelled INSERT", n)
			}
			// The statement that did not run may be edited (point 5).
			writeInsertProject(p, name, fastInsert[name])
			if sc.CancelRollsBack() {
				for _, want := range []string{"1 statement(s) of this revision ran", "resume at statement 2"} {
					if !strings.Contains(msg, want) {
						t.Errorf("message lacks %q:\n%s", want, msg)
					}
				}
				p.want(0, "upgrade", "head")
			} else {
				for _, want := range []string{"statement 2", "may or may not have taken effect", "--resume-at 2", "--resume-at 3"} {
					if !strings.Contains(msg, want) {
						t.Errorf("message lacks %q:\n%s", want, msg)
					}
				}
				_, errOut := p.want(ExitFailure, "upgrade", "head")
				if !strings.Contains(errOut, "--resume-at 2") {
					t.Errorf("rerun output:\n%s", errOut)
				}
				p.want(0, "upgrade", "head", "--resume-at", "2")
			}
			if n := count(ctx, t, db, "d"); n != 10 {
				t.Errorf("d has %d rows, want 10", n)
			}
		})
	}
}

// lockSession returns the server session in which migrate process pid
// holds the migration lock of the project's default version table.
func lockSession(ctx context.Context, t *testing.T, db *dialect.DB, pid int) int64 {
	t.Helper()
	// The process may still be taking the lock (waitStatement can see
	// another test's statement on a shared PostgreSQL database), and other
	// tests' runners use the same database: look for this process's own
	// lock session, for a while.
	q, args := "SELECT IS_USED_LOCK(CONCAT('migrate:', DATABASE(), '.migrate_version'))", []any{}
	if db.Dialect.Name() == "postgres" {
		q = "SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1 AND datname = current_database() AND pid <> pg_backend_pid() ORDER BY backend_start DESC LIMIT 1"
		args = []any{fmt.Sprintf("migrate by %%, pid %d", pid)}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var id sql.NullInt64
		err := db.QueryRowContext(ctx, q, args...).Scan(&id)
		switch {
		case err == nil && id.Valid:
			return id.Int64
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			t.Fatalf("find the lock session: %v", err)
		case time.Now().After(deadline):
			t.Fatalf("find the lock session: process %d holds no migration lock after 20 s", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// takeLease gives the project's lease row to another runner, once the
// migrate process has taken it (waitStatement can see another test's
// statement on a shared PostgreSQL database before this one has begun).
func takeLease(ctx context.Context, t *testing.T, db *dialect.DB) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := db.ExecContext(ctx, "UPDATE migrate_version_lock SET token = 'another-runner'")
		if err == nil {
			if n, _ := res.RowsAffected(); n == 1 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("take the lease: no lease row after 20 s (%v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// slowRevisions writes n revisions that each take about secs seconds.
func slowRevisions(p *runProject, name string, n int, secs string) {
	sleep := map[string]string{"mysql": "SELECT SLEEP(" + secs + ")", "postgres": "SELECT pg_sleep(" + secs + ")"}[name]
	for i := 1; i <= n; i++ {
		revises := ""
		if i > 1 {
			revises = fmt.Sprintf("-- migrate:revises l%d\n", i-1)
		}
		p.write(fmt.Sprintf("l%d.sql", i), fmt.Sprintf("-- migrate:id l%d\n%s\n-- migrate:upgrade\nCREATE TABLE l%d_t (id integer);\n%s;\n", i, revises, i, sleep))
	}
}

// TestLockSurvivesIdleTimeout: a short idle timeout in the URL
// (wait_timeout, idle_session_timeout) does not end the lock's session
// while the run works on the other connection: a second deployer keeps
// waiting, and the run exits 0 (issue 10 point 2).
func TestLockSurvivesIdleTimeout(t *testing.T) {
	params := map[string]string{"mysql": "wait_timeout=1", "postgres": "idle_session_timeout=1000"}
	for _, name := range []string{"mysql", "postgres"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			db, tg := testdb.Open(t, name)
			sep := "?"
			if strings.Contains(tg.URL, "?") {
				sep = "&"
			}
			p := newRunProject(t, tg.URL+sep+params[name], "")
			slowRevisions(p, name, 3, "0.8")
			cmd, stderr := startMigrate(ctx, t, p, "upgrade", "head")
			waitStatement(ctx, t, db, "leep(0.8)")
			time.Sleep(1500 * time.Millisecond) // past the idle timeout of the lock's session
			_, errOut := p.want(ExitFailure, "upgrade", "head", "--lock-timeout", "200ms")
			if !strings.Contains(errOut, "timed out") || !strings.Contains(errOut, "waiting for the migration lock held by session") {
				t.Errorf("second deployer:\n%s", errOut)
			}
			waitExit(t, cmd, stderr, 0)
			var ok int
			if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM migrate_history WHERE status = 'ok'").Scan(&ok); err != nil || ok != 3 {
				t.Errorf("history has %d ok entries (%v), want 3", ok, err)
			}
		})
	}
}

// TestLockLostStopsRun: the lock's session is killed in the middle of a
// run, or, with lock = "table", its lease row is taken by another runner
// (as after an expiry and a takeover); the run stops before its next step
// with a message saying the lock was lost, and a second runner can then
// take over (issue 10 point 2).
func TestLockLostStopsRun(t *testing.T) {
	for _, name := range []string{"mysql", "postgres"} {
		for _, lease := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/lease=%t", name, lease), func(t *testing.T) {
				t.Parallel()
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				db, tg := testdb.Open(t, name)
				p := newRunProject(t, tg.URL, "")
				if lease {
					p.appendConfig("lock = \"table\"\n")
				}
				slowRevisions(p, name, 3, "0.8")
				cmd, stderr := startMigrate(ctx, t, p, "upgrade", "head")
				waitStatement(ctx, t, db, "leep(0.8)")
				lost := "was lost"
				switch {
				case lease:
					takeLease(ctx, t, db)
					lost = "was lost (its lease expired"
				case name == "postgres":
					_, _ = db.ExecContext(ctx, "SELECT pg_terminate_backend($1)", lockSession(ctx, t, db, cmd.Process.Pid))
				default:
					_, _ = db.ExecContext(ctx, fmt.Sprintf("KILL %d", lockSession(ctx, t, db, cmd.Process.Pid)))
				}
				waitExit(t, cmd, stderr, ExitFailure)
				if !strings.Contains(stderr.String(), "migration lock") || !strings.Contains(stderr.String(), lost) {
					t.Errorf("stderr does not say the lock %s:\n%s", lost, stderr.String())
				}
				if strings.Contains(stderr.String(), "[mysql]") {
					t.Errorf("driver log lines leak into stderr:\n%s", stderr.String())
				}
				if lease {
					// The other runner goes away.
					execAll(t, db, "DELETE FROM migrate_version_lock")
				}
				// Nothing was applied twice, and the next run finishes.
				p.want(0, "upgrade", "head")
				var ups, distinct int
				if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(DISTINCT revision) FROM migrate_history WHERE status = 'ok'").Scan(&ups, &distinct); err != nil || ups != 3 || distinct != 3 {
					t.Errorf("history: %d ok entries of %d revisions (%v), want 3 and 3", ups, distinct, err)
				}
			})
		}
	}
}

// TestInterruptedConcurrentIndex: Ctrl-C while CREATE INDEX CONCURRENTLY
// waits for an open transaction. The cancelled build leaves an INVALID
// index, which the run drops; the next run builds it (issue 10 point 8).
func TestInterruptedConcurrentIndex(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, tg := testdb.Open(t, "postgres")
	p := newRunProject(t, tg.URL, "")
	p.write("c1.sql", "-- migrate:id c1\n\n-- migrate:upgrade\nCREATE TABLE c (a integer);\nINSERT INTO c VALUES (1), (2);\n")
	p.write("c2.sql", "-- migrate:id c2\n-- migrate:revises c1\n\n-- migrate:upgrade\nCREATE INDEX CONCURRENTLY c_a ON c (a);\n")
	p.want(0, "upgrade", "c1")
	// An open transaction whose snapshot is older than the build makes
	// the build wait for it.
	blocker, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Rollback()
	if _, err := blocker.ExecContext(ctx, "SELECT * FROM c"); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := startMigrate(ctx, t, p, "upgrade", "head")
	t.Cleanup(func() { t.Logf("migrate output:\n%s", stderr.String()) })
	waitStatement(ctx, t, db, "INDEX CONCURRENTLY c_a")
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	// The run drops the INVALID index the cancelled build left, which
	// waits for the open transaction too: end it then.
	waitStatement(ctx, t, db, "DROP INDEX CONCURRENTLY")
	_ = blocker.Rollback()
	waitExit(t, cmd, stderr, ExitFailure)
	if !strings.Contains(stderr.String(), "INVALID index") || !strings.Contains(stderr.String(), "dropped") {
		t.Errorf("stderr does not tell about the invalid index:\n%s", stderr.String())
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = 'c_a'", tg.Scope).Scan(&n); err != nil || n != 0 {
		t.Fatalf("index c_a left behind: %d, %v", n, err)
	}
	p.want(0, "upgrade", "head")
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relname = 'c_a' AND i.indisvalid`, tg.Scope).Scan(&n); err != nil || n != 1 {
		t.Fatalf("valid index c_a: %d, %v", n, err)
	}
}
