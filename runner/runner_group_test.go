package runner

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/scriptdir"
)

// chainSet returns n linear SQL revisions g001 … gNNN; body(i) is the
// upgrade of revision i (1-based).
func chainSet(t *testing.T, n int, body func(i int) string) *Set {
	t.Helper()
	revs := make([]*memRev, n)
	for i := range revs {
		id := fmt.Sprintf("g%03d", i+1)
		revs[i] = &memRev{ID: id, Path: id + ".sql", Kind: scriptdir.KindSQL, SQL: &scriptdir.SQLScript{Upgrade: body(i + 1)}}
		if i > 0 {
			revs[i].Revises = []string{revs[i-1].ID}
		}
	}
	g, err := newMemSet(revs...)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// wantHistory checks the history entries of a run, oldest first: ok for
// g001 … gOK in order, then the failed entry of the next revision when
// failed is set.
func wantHistory(t *testing.T, r *Runner, ok int, failed string) {
	t.Helper()
	hist, err := r.AppliedHistory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(hist)
	want := ok
	if failed != "" {
		want++
	}
	if len(hist) != want {
		t.Fatalf("%d history entries, want %d", len(hist), want)
	}
	for i, e := range hist[:ok] {
		if id := fmt.Sprintf("g%03d", i+1); e.Revision != id || e.Status != StatusOK || e.Direction != DirectionUpgrade ||
			e.StatementsDone != e.StatementCount || e.VersionTable != DefaultVersionTable || e.FinishedAt.IsZero() ||
			time.Since(e.StartedAt).Abs() > time.Minute || e.FinishedAt.Before(e.StartedAt) || e.Operator != "tester@test" {
			t.Fatalf("history entry %d = %+v, want %s ok", i, e, id)
		}
	}
	if failed != "" {
		if e := hist[ok]; e.Revision != fmt.Sprintf("g%03d", ok+1) || e.Status != failed {
			t.Fatalf("last history entry %+v, want g%03d %s", e, ok+1, failed)
		}
	}
}

// TestGroupedRunFailure: revisions that share the run's transaction, with
// their bookkeeping written at its commits, end exactly as with a
// transaction each when one fails in the middle: the revisions before it
// stay applied, with their history rows in order and the version row of
// the last, and the failure is recorded. 250 revisions, empty ones and
// CREATE TABLE ones, span several commits of the shared transaction.
func TestGroupedRunFailure(t *testing.T) {
	const n, failAt = 250, 240
	g := chainSet(t, n, func(i int) string {
		switch {
		case i == failAt:
			return fmt.Sprintf("CREATE TABLE grp_%d (id int);\nINSERT INTO no_such_table VALUES (1);", i)
		case i%3 == 0:
			return ""
		}
		return fmt.Sprintf("CREATE TABLE grp_%d (id int);", i)
	})
	eachDB(t, func(t *testing.T, db *dialect.DB, _ *testdb.Target) {
		r := newTestRunner(t, db, g)
		res, err := r.Upgrade(context.Background(), "head")
		var se *StatementError
		if !errors.As(err, &se) || se.Revision != fmt.Sprintf("g%03d", failAt) {
			t.Fatalf("upgrade: %v, want the failure of g%03d", err, failAt)
		}
		if len(res.Steps) != failAt-1 {
			t.Errorf("%d steps reported applied, want %d", len(res.Steps), failAt-1)
		}
		wantRows(t, r, fmt.Sprintf("g%03d", failAt-1))
		wantHistory(t, r, failAt-1, StatusFailed)
		var present []string
		for i := 1; i < failAt; i++ {
			if i%3 != 0 {
				present = append(present, fmt.Sprintf("grp_%d", i))
			}
		}
		absent := []string{fmt.Sprintf("grp_%d", failAt)}
		if db.Dialect.Capabilities().TransactionalDDL {
			wantTables(t, db, present, absent)
		} else {
			wantTables(t, db, present, nil)
		}
	})
}

// TestGroupedRunLockLost: the lock is confirmed before each commit of the
// shared transaction; when it was lost, the transaction is rolled back,
// its revisions are not applied, and the error says so.
func TestGroupedRunLockLost(t *testing.T) {
	g := chainSet(t, 5, func(i int) string { return fmt.Sprintf("CREATE TABLE lost_%d (id int);", i) })
	db, _ := testdb.Open(t, "postgres")
	operator := fmt.Sprintf("grouptest-%d", rand.Int64())
	r := newTestRunner(t, db, g, WithOperator(operator), WithProgress(func(p Progress) {
		if p.Phase != StepFinished || p.Step.Revision.ID != "g004" {
			return
		}
		var pid int64
		err := db.QueryRowContext(context.Background(), "SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1", "migrate by "+operator+"%").Scan(&pid)
		if err == nil {
			_, err = db.ExecContext(context.Background(), "SELECT pg_terminate_backend($1)", pid)
		}
		if err != nil {
			t.Errorf("end the lock session: %v", err)
		}
	}))
	res, err := r.Upgrade(context.Background(), "head")
	var lost *dialect.LockLostError
	if !errors.As(err, &lost) || !strings.Contains(err.Error(), "rolled back") {
		t.Fatalf("upgrade: %v, want a lost lock and the revisions rolled back", err)
	}
	if len(res.Steps) != 0 {
		t.Errorf("steps reported applied: %v", stepIDs(res))
	}
	wantRows(t, r)
	wantTables(t, db, nil, []string{"lost_1", "lost_4", "lost_5"})
}

// TestGroupedRunInterrupted: Ctrl-C in the middle of the shared
// PostgreSQL transaction cancels the statement on the server, rolls the
// interrupted revision back to its savepoint and commits the revisions
// before it, as a transaction per revision would; the interruption is
// recorded.
func TestGroupedRunInterrupted(t *testing.T) {
	g := chainSet(t, 30, func(i int) string {
		if i == 25 {
			return "CREATE TABLE int_25 (id int);\nSELECT pg_sleep(30);"
		}
		return fmt.Sprintf("CREATE TABLE int_%d (id int);", i)
	})
	db, _ := testdb.Open(t, "postgres")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := newTestRunner(t, db, g, WithProgress(func(p Progress) {
		if p.Phase == StepStarted && p.Step.Revision.ID == "g025" {
			time.AfterFunc(300*time.Millisecond, cancel)
		}
	}))
	start := time.Now()
	_, err := r.Upgrade(ctx, "head")
	if !errors.Is(err, context.Canceled) || time.Since(start) > 20*time.Second {
		t.Fatalf("upgrade: %v after %s, want it cancelled", err, time.Since(start))
	}
	wantRows(t, r, "g024")
	wantHistory(t, r, 24, StatusInterrupted)
	wantTables(t, db, []string{"int_1", "int_24"}, []string{"int_25"})
}
