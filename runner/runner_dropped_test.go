package runner

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/scriptdir"
)

// TestFailureRecordedAfterConnectionDropped: when the migration
// connection is gone by the time a failed revision is recorded (pgx
// closes it when the context of its statement is cancelled before the
// server answers; here the server ends the session), the failure is
// written to the history table on another connection instead of being
// lost with "driver: bad connection".
func TestFailureRecordedAfterConnectionDropped(t *testing.T) {
	tests := []struct {
		name       string
		interrupt  bool // cancel the run's context as well (Ctrl-C)
		wantStatus string
	}{
		{name: "session terminated", wantStatus: StatusFailed},
		{name: "session terminated and run interrupted", interrupt: true, wantStatus: StatusInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := testdb.Open(t, "postgres")
			s1 := &memRev{ID: "s1", Path: "s1.sql", Kind: scriptdir.KindSQL, SQL: &scriptdir.SQLScript{Upgrade: "CREATE TABLE s1_t (id int);"}}
			s2 := &memRev{ID: "s2", Revises: []string{"s1"}, Path: "s2.sql", Kind: scriptdir.KindSQL,
				SQL: &scriptdir.SQLScript{Upgrade: "CREATE TABLE s2_t (id int);\nSELECT pg_sleep(30);"}}
			g, err := newMemSet(s1, s2)
			if err != nil {
				t.Fatal(err)
			}
			// s1 first, so that s2 runs alone: a lost connection also takes
			// the revisions that shared s2's transaction (tested elsewhere).
			if _, err := newTestRunner(t, db, g).Upgrade(context.Background(), "s1"); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			terminate := func() {
				// The session running pg_sleep, ended by the server; with
				// interrupt, the run is cancelled first (Ctrl-C: pgx
				// drops the connection at once), so that the failure is
				// recorded as interrupted whichever ends the statement.
				deadline := time.Now().Add(10 * time.Second)
				for time.Now().Before(deadline) {
					var n int
					err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM pg_stat_activity
						WHERE query LIKE 'SELECT pg_sleep(30)%' AND datname = current_database() AND pid <> pg_backend_pid()`).Scan(&n)
					if err != nil {
						t.Error(err)
						return
					}
					if n > 0 {
						if tt.interrupt {
							cancel()
						}
						_, err := db.ExecContext(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
							WHERE query LIKE 'SELECT pg_sleep(30)%' AND datname = current_database() AND pid <> pg_backend_pid()`)
						if err != nil {
							t.Error(err)
						}
						return
					}
					time.Sleep(20 * time.Millisecond)
				}
				t.Error("the session running pg_sleep was not found")
			}
			r := newTestRunner(t, db, g, WithProgress(func(p Progress) {
				if p.Phase == StepStarted && p.Step.Revision.ID == "s2" {
					go terminate()
				}
			}))
			_, err = r.Upgrade(ctx, "head")
			var fail *StatementError
			if !errors.As(err, &fail) {
				t.Fatalf("upgrade: %v, want a *StatementError", err)
			}
			if fail.RecordErr != nil {
				t.Fatalf("the failure was not recorded: %v", err)
			}
			r2 := newTestRunner(t, db, g, WithLockTimeout(2*time.Second))
			hist, err := r2.AppliedHistory(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(hist) != 2 || hist[0].Revision != "s2" || hist[0].Status != tt.wantStatus {
				t.Fatalf("history %+v: want s2 %s last", hist, tt.wantStatus)
			}
			wantRows(t, r2, "s1")
			wantTables(t, db, []string{"s1_t"}, []string{"s2_t"})
		})
	}
}
