package runner

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
)

// goGraph is a graph of compiled Go revisions; g2 fails at its second
// statement when fail is set.
func goGraph(t *testing.T, fail *bool) *Set {
	t.Helper()
	g1 := &memRev{ID: "g1", Message: "go one", Path: "g1.go", Kind: scriptdir.KindGo, Checksum: "c1",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Execute(ctx, "CREATE TABLE g1_t (id integer PRIMARY KEY)")
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error { return op.Execute(ctx, "DROP TABLE g1_t") },
	}
	g2 := &memRev{ID: "g2", Revises: []string{"g1"}, Path: "g2.go", Kind: scriptdir.KindGo, Checksum: "c2",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			if err := op.Execute(ctx, "CREATE TABLE g2_t (id integer PRIMARY KEY)"); err != nil {
				return err
			}
			if *fail {
				return op.Execute(ctx, "INSERT INTO nowhere VALUES (1)")
			}
			return op.Execute(ctx, "INSERT INTO g2_t (id) VALUES (1)")
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error { return op.Execute(ctx, "DROP TABLE g2_t") },
	}
	g, err := newMemSet(g1, g2)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestRunnerGoRevisions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *dialect.DB, _ *testdb.Target) {
		ctx := context.Background()
		fail := true
		g := goGraph(t, &fail)
		r := newTestRunner(t, db, g)
		_, err := r.Upgrade(ctx, "head")
		var se *StatementError
		if !errors.As(err, &se) || se.Revision != "g2" || !strings.Contains(se.Statement, "nowhere") || se.Index != 2 {
			t.Fatalf("upgrade: %v", err)
		}
		wantRows(t, r, "g1")
		if db.Dialect.Capabilities().TransactionalDDL {
			wantTables(t, db, []string{"g1_t"}, []string{"g2_t"})
		} else {
			// MySQL: the first statement stays, and a rerun resumes at the
			// failed statement without running the first again (it would
			// fail: the table exists).
			if len(se.Applied) != 1 || !strings.Contains(se.Applied[0], "g2_t") || !strings.Contains(err.Error(), "resume at statement 2") {
				t.Errorf("applied %v, message:\n%v", se.Applied, err)
			}
			if _, err := r.Upgrade(ctx, "head"); !errors.As(err, &se) || se.Index != 2 || !strings.Contains(se.Statement, "nowhere") {
				t.Fatalf("second upgrade: %v", err)
			}
		}
		fail = false
		if _, err := r.Upgrade(ctx, "head"); err != nil {
			t.Fatal(err)
		}
		wantRows(t, r, "g2")
		if _, err := r.Downgrade(ctx, "base"); err != nil {
			t.Fatal(err)
		}
		wantTables(t, db, nil, []string{"g1_t", "g2_t"})
	})
}

func TestOfflineGoRevisions(t *testing.T) {
	fail := false
	var buf bytes.Buffer
	o, err := NewOfflineRunner(dialect.Postgres(), goGraph(t, &fail), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Upgrade(context.Background(), "head"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CREATE TABLE g1_t (id integer PRIMARY KEY);", "-- Running upgrade g1 -> g2", "UPDATE \"migrate_version\" SET \"version_num\" = 'g2' WHERE \"version_num\" = 'g1';", "BEGIN;", "COMMIT;"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("script lacks %q:\n%s", want, buf.String())
		}
	}
	// Not compiled: a clear error, nothing printed for it.
	nc := &memRev{ID: "n1", Path: "n1.go", Kind: scriptdir.KindGo}
	g, _ := newMemSet(nc)
	o, _ = NewOfflineRunner(dialect.SQLite(), g, &buf)
	var ne *NotCompiledError
	if err := o.Upgrade(context.Background(), "head"); !errors.As(err, &ne) || !strings.Contains(err.Error(), "migrate build") {
		t.Fatalf("not compiled: %v", err)
	}
}

// TestRunnerAutocommitStatements: PostgreSQL's CREATE INDEX CONCURRENTLY
// cannot run in a transaction; the runner runs it in an autocommit block
// between transactions of the revision's other statements.
func TestRunnerAutocommitStatements(t *testing.T) {
	db, _ := testdb.Open(t, "postgres")
	ctx := context.Background()
	rev := &memRev{ID: "c1", Path: "c1.sql", Kind: scriptdir.KindSQL, Checksum: "x", SQL: &scriptdir.SQLScript{Upgrade: `
CREATE TABLE c_t (id integer PRIMARY KEY, v integer);
CREATE INDEX CONCURRENTLY ix_c_v ON c_t (v);
INSERT INTO c_t (id, v) VALUES (1, 1);`}}
	g, err := newMemSet(rev)
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRunner(t, db, g)
	if _, err := r.Upgrade(ctx, "head"); err != nil {
		t.Fatal(err)
	}
	wantRows(t, r, "c1")
	hist, _ := r.AppliedHistory(ctx)
	if hist[0].Status != StatusOK || hist[0].StatementsDone != 3 {
		t.Errorf("entry %+v", hist[0])
	}
	var buf bytes.Buffer
	o, _ := NewOfflineRunner(db.Dialect, g, &buf)
	if err := o.Upgrade(ctx, "head"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "COMMIT;\nCREATE INDEX CONCURRENTLY ix_c_v ON c_t (v);\nBEGIN;") {
		t.Errorf("offline script:\n%s", buf.String())
	}
	r = newTestRunner(t, db, g, WithTransactionMode(TransactionAll))
	if _, err := r.Downgrade(ctx, "base"); err != nil {
		t.Fatal(err)
	}
	var me *TransactionModeError
	if _, err := r.Upgrade(ctx, "head"); !errors.As(err, &me) {
		t.Fatalf("--transaction all with CONCURRENTLY: %v", err)
	}
}
