package runner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
)

// failedIndexRevision writes a revision r1 whose upgrade is stmts.
func failedIndexRevision(t *testing.T, stmts ...string) *Set {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "r1.sql", "-- migrate:id r1\n-- migrate:message r1\n\n-- migrate:upgrade\n"+
		strings.Join(stmts, ";\n")+";\n\n-- migrate:downgrade\nSELECT 1;\n")
	return dirGraph(t, dir)
}

// partialStates lists the states of a partly applied revision's
// statements: "1 ran, 2 failed, …".
func partialStates(t *testing.T, r *Runner) string {
	t.Helper()
	p, err := r.Partial(context.Background())
	if err != nil || p == nil {
		t.Fatalf("Partial: %v, %v", p, err)
	}
	var states []string
	for _, st := range p.Statements {
		states = append(states, fmt.Sprintf("%d %s", st.Index, st.State))
	}
	return strings.Join(states, ", ")
}

// TestHistoryNamesTheFailedStatement: the history entry of a failed
// revision records which statement failed (failed_index), so that
// history --applied names it even when a transaction rolled back the
// statements before it or none of them stayed.
func TestHistoryNamesTheFailedStatement(t *testing.T) {
	tests := []struct {
		name, db string
		stmts    []string
		// status is HistoryEntry.StatusText; partial the statement
		// states of Runner.Partial ("" when nothing stayed).
		status, partial string
	}{
		{
			name: "outside a transaction, statement 3 fails", db: "mysql",
			stmts:   []string{"CREATE TABLE a (id integer)", "CREATE TABLE b (id integer)", "INSERT INTO no_such_table VALUES (1)", "CREATE TABLE c (id integer)"},
			status:  "failed (2/4 statements ran; statement 3 failed)",
			partial: "1 ran, 2 ran, 3 failed, 4 not run",
		},
		{
			name: "outside a transaction, statement 1 fails", db: "mysql",
			stmts:  []string{"INSERT INTO no_such_table VALUES (1)", "CREATE TABLE a (id integer)", "CREATE TABLE b (id integer)"},
			status: "failed (0/3 statements ran; statement 1 failed)",
		},
		{
			name: "one transaction rolled back at statement 3", db: "postgres",
			stmts:  []string{"CREATE TABLE a (id integer)", "CREATE TABLE b (id integer)", "INSERT INTO no_such_table VALUES (1)", "CREATE TABLE c (id integer)"},
			status: "failed (0/4 statements ran; statement 3 failed, statements 1-2 rolled back with it)",
		},
		{
			name: "one statement outside, then a transaction rolled back at statement 4", db: "postgres",
			stmts: []string{"CREATE TABLE a (id integer)", "CREATE INDEX CONCURRENTLY a_id ON a (id)",
				"CREATE TABLE b (id integer)", "INSERT INTO no_such_table VALUES (1)", "CREATE TABLE c (id integer)"},
			status:  "failed (2/5 statements ran; statement 4 failed, statement 3 rolled back with it)",
			partial: "1 ran, 2 ran, 3 not run, 4 failed, 5 not run",
		},
	}
	for _, tt := range tests {
		t.Run(tt.db+"/"+tt.name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, tt.db)
			r := newTestRunner(t, db, failedIndexRevision(t, tt.stmts...))
			if _, err := r.Upgrade(context.Background(), "head"); err == nil {
				t.Fatal("upgrade succeeded; want a failure")
			}
			hist, err := r.AppliedHistory(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := hist[0].StatusText(); got != tt.status {
				t.Errorf("status %q, want %q", got, tt.status)
			}
			if !strings.Contains(hist[0].FailedStatement, "no_such_table") {
				t.Errorf("failed statement %q", hist[0].FailedStatement)
			}
			if tt.partial != "" {
				if got := partialStates(t, r); got != tt.partial {
					t.Errorf("partial %q, want %q", got, tt.partial)
				}
			}
		})
	}
}

// TestHistoryTableOfOlderMigrate: a history table made by an older
// migrate, without the columns added since, is read as it is and gets
// the missing columns on the next run, its entries kept.
func TestHistoryTableOfOlderMigrate(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			ctx := context.Background()
			r := newTestRunner(t, db, fixtureGraph(t, "failing"))
			if _, err := r.Upgrade(ctx, "f1"); err != nil {
				t.Fatal(err)
			}
			// The table as migrate made it before ran_checksum and
			// failed_index.
			for _, c := range []string{"ran_checksum", "failed_index"} {
				if _, err := db.ExecContext(ctx, "ALTER TABLE "+DefaultHistoryTable+" DROP COLUMN "+c); err != nil {
					t.Fatal(err)
				}
			}
			hist, err := r.AppliedHistory(ctx)
			if err != nil || len(hist) != 1 || hist[0].Revision != "f1" || hist[0].Status != StatusOK {
				t.Fatalf("history of the older table: %+v, %v", hist, err)
			}
			_, err = r.Upgrade(ctx, "head")
			if err == nil {
				t.Fatal("upgrade of f2 succeeded; want its failure")
			}
			t.Logf("upgrade: %v", err)
			if hist, err = r.AppliedHistory(ctx); err != nil || len(hist) != 2 || hist[1].Revision != "f1" {
				t.Fatalf("history after the upgrade of the table: %+v, %v", hist, err)
			}
			if hist[0].FailedIndex != 3 || hist[0].RanChecksum == "" && hist[0].StatementsDone > 0 {
				t.Errorf("failure entry %+v: want failed_index 3 and the checksum of what ran", hist[0])
			}
			// Every column is there (a query of them all; not h.columns,
			// whose SELECT * PostgreSQL cached before the columns came).
			rows, err := db.QueryContext(ctx, "SELECT "+r.ht.cols(historyColumns...)+" FROM "+r.ht.qname+" WHERE 1 = 0")
			if err != nil {
				t.Fatalf("columns after the upgrade: %v", err)
			}
			rows.Close()
		})
	}
}
