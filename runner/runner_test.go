package runner

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// runStep is one command of a scenario and the rows it must leave.
type runStep struct {
	cmd    string // upgrade, downgrade, stamp, purge
	arg    string
	rows   []string
	steps  []string // revisions run, in order (nil: not checked)
	tables []string // tables that must exist afterwards
	gone   []string // tables that must not exist afterwards
}

func runScenario(t *testing.T, db *dialect.DB, r *Runner, g *Set, script []runStep) {
	t.Helper()
	ctx := context.Background()
	for i, st := range script {
		before, err := r.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var res *Result
		switch st.cmd {
		case "upgrade":
			res, err = r.Upgrade(ctx, st.arg)
		case "downgrade":
			res, err = r.Downgrade(ctx, st.arg)
		case "stamp":
			res, err = r.Stamp(ctx, strings.Fields(st.arg), false)
		case "purge":
			res, err = r.Stamp(ctx, strings.Fields(st.arg), true)
		}
		if err != nil {
			t.Fatalf("step %d: %s %s: %v", i, st.cmd, st.arg, err)
		}
		if st.steps != nil && !slices.Equal(stepIDs(res), st.steps) {
			t.Errorf("step %d: %s %s ran %v, want %v", i, st.cmd, st.arg, stepIDs(res), st.steps)
		}
		wantRows(t, r, st.rows...)
		// The rows agree with the plan's own prediction.
		if st.cmd != "purge" {
			predicted, err := versions.ApplySteps(before, res.Steps)
			if err != nil {
				t.Fatalf("step %d: ApplySteps: %v", i, err)
			}
			slices.Sort(predicted)
			if !slices.Equal(predicted, res.After) && len(predicted)+len(res.After) > 0 {
				t.Errorf("step %d: rows %v, ApplySteps predicts %v", i, res.After, predicted)
			}
		}
		wantTables(t, db, st.tables, st.gone)
	}
}

func TestRunnerLinear(t *testing.T) {
	g := fixtureGraph(t, "linear")
	eachDB(t, func(t *testing.T, db *dialect.DB, _ *testdb.Target) {
		r := newTestRunner(t, db, g)
		wantRows(t, r) // no table yet: nothing, and Current creates nothing
		wantTables(t, db, nil, []string{DefaultVersionTable, DefaultHistoryTable})
		runScenario(t, db, r, g, []runStep{
			{cmd: "upgrade", arg: "+1", rows: []string{"a1"}, steps: []string{"a1"}, tables: []string{"users", DefaultVersionTable, DefaultHistoryTable}},
			{cmd: "upgrade", arg: "head", rows: []string{"a3"}, steps: []string{"a2", "a3"}, tables: []string{"posts", "comments"}},
			{cmd: "upgrade", arg: "head", rows: []string{"a3"}, steps: []string{}},
			{cmd: "downgrade", arg: "-1", rows: []string{"a2"}, steps: []string{"a3"}, gone: []string{"comments"}},
			{cmd: "downgrade", arg: "base", rows: nil, steps: []string{"a2", "a1"}, gone: []string{"users", "posts"}},
			{cmd: "upgrade", arg: "a2", rows: []string{"a2"}, steps: []string{"a1", "a2"}},
			{cmd: "stamp", arg: "head", rows: []string{"a3"}, gone: []string{"comments"}},
			{cmd: "stamp", arg: "a1", rows: []string{"a1"}, tables: []string{"posts"}},
			{cmd: "purge", arg: "a2", rows: []string{"a2"}},
			{cmd: "stamp", arg: "base", rows: nil},
		})
		hist, err := r.AppliedHistory(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// 1 + 2 + 1 + 2 + 2 runs, 3 stamps (the purge stamps a2 in one step), 1 stamp to base.
		var up, down, stamp int
		for _, e := range hist {
			if e.Status != StatusOK {
				t.Errorf("history entry %d: status %s", e.ID, e.Status)
			}
			switch e.Direction {
			case DirectionUpgrade:
				up++
			case DirectionDowngrade:
				down++
			case DirectionStamp:
				stamp++
			}
		}
		if up != 5 || down != 3 || stamp != 4 {
			t.Errorf("history: %d upgrades, %d downgrades, %d stamps; want 5, 3, 4", up, down, stamp)
		}
		newest := hist[0]
		if newest.Direction != DirectionStamp || newest.Operator != "tester@test" || newest.ToolVersion != "test" {
			t.Errorf("newest entry %+v", newest)
		}
		for _, e := range hist {
			if e.Revision == "a1" && e.Direction == DirectionUpgrade {
				if e.Checksum != g.Script("a1").Checksum || e.StatementCount != 2 || e.StatementsDone != 2 {
					t.Errorf("a1 upgrade entry %+v", e)
				}
				if e.StartedAt.IsZero() || e.FinishedAt.Before(e.StartedAt) || time.Since(e.StartedAt) > time.Hour {
					t.Errorf("a1 upgrade times %v .. %v", e.StartedAt, e.FinishedAt)
				}
			}
		}
	})
}

func TestRunnerBranchesAndMerge(t *testing.T) {
	g := fixtureGraph(t, "branches")
	eachDB(t, func(t *testing.T, db *dialect.DB, _ *testdb.Target) {
		r := newTestRunner(t, db, g)
		runScenario(t, db, r, g, []runStep{
			{cmd: "upgrade", arg: "b1", rows: []string{"b1"}, steps: []string{"b0", "b1"}, tables: []string{"base_t", "left_t"}, gone: []string{"right_t"}},
			{cmd: "upgrade", arg: "b2", rows: []string{"b1", "b2"}, steps: []string{"b2"}, tables: []string{"right_t"}},
			{cmd: "upgrade", arg: "head", rows: []string{"b3"}, steps: []string{"b3"}, tables: []string{"merged_t"}},
			{cmd: "downgrade", arg: "b1", rows: []string{"b1", "b2"}, steps: []string{"b3"}, gone: []string{"merged_t"}},
			{cmd: "upgrade", arg: "heads", rows: []string{"b3"}, steps: []string{"b3"}},
			// The label "left" names b1 and its descendants: left@head is b3.
			{cmd: "downgrade", arg: "b0", rows: []string{"b0"}, gone: []string{"left_t", "right_t", "merged_t"}},
			{cmd: "upgrade", arg: "left@head", rows: []string{"b3"}, tables: []string{"left_t", "right_t", "merged_t"}},
			{cmd: "downgrade", arg: "base", rows: nil, gone: []string{"base_t", "left_t", "right_t", "merged_t"}},
			{cmd: "stamp", arg: "b1 b2", rows: []string{"b1", "b2"}},
			{cmd: "stamp", arg: "b3", rows: []string{"b3"}},
		})
	})
}

func TestRunnerDependsOn(t *testing.T) {
	g := fixtureGraph(t, "depends")
	eachDB(t, func(t *testing.T, db *dialect.DB, _ *testdb.Target) {
		r := newTestRunner(t, db, g)
		runScenario(t, db, r, g, []runStep{
			{cmd: "upgrade", arg: "y1", rows: []string{"y1"}, steps: []string{"y1"}, gone: []string{"x_t"}},
			// y2 depends on x1: x1 comes first, and the rows merge into y2.
			{cmd: "upgrade", arg: "y2", rows: []string{"y2"}, steps: []string{"x1", "y2"}, tables: []string{"x_t", "y2_t"}},
			// Downgrading x1 brings its dependent y2 down first.
			{cmd: "downgrade", arg: "xs@base", steps: []string{"y2", "x1"}, rows: []string{"y1"}, gone: []string{"x_t", "y2_t"}},
			{cmd: "upgrade", arg: "heads", rows: []string{"y2"}},
		})
	})
}

// TestRunnerFailureRollsBack: on databases with transactional DDL a
// failing statement rolls its whole revision back.
func TestRunnerFailureRollsBack(t *testing.T) {
	g := fixtureGraph(t, "failing")
	for _, name := range []string{"postgres", "sqlite"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			r := newTestRunner(t, db, g)
			res, err := r.Upgrade(context.Background(), "head")
			var se *StatementError
			if !errors.As(err, &se) {
				t.Fatalf("upgrade: %v, want a *StatementError", err)
			}
			if se.Revision != "f2" || se.Index != 3 || se.Count != 4 || !se.RolledBack || len(se.Applied) != 0 ||
				!strings.Contains(se.Statement, "no_such_table") || se.Line != 8 {
				t.Errorf("StatementError %+v", se)
			}
			msg := err.Error()
			for _, want := range []string{"upgrade f1 -> f2", "f2_broken.sql:8", "statement 3 of 4", "INSERT INTO no_such_table", "rolled back"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q:\n%s", want, msg)
				}
			}
			if got := stepIDs(res); !slices.Equal(got, []string{"f1"}) {
				t.Errorf("applied %v, want [f1]", got)
			}
			wantRows(t, r, "f1")
			wantTables(t, db, []string{"f1_t"}, []string{"f2_a", "f2_b", "f2_c"})
			hist, err := r.AppliedHistory(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if hist[0].Status != StatusFailed || hist[0].Revision != "f2" || !strings.Contains(hist[0].FailedStatement, "no_such_table") || hist[0].Error == "" {
				t.Errorf("failure entry %+v", hist[0])
			}
		})
	}
}

// TestRunnerFailureResumeMySQL: MySQL commits DDL one statement at a time;
// the failure names what ran, and the next upgrade resumes at the failed
// statement once the cause is fixed, or refuses if the file changed.
func TestRunnerFailureResumeMySQL(t *testing.T) {
	dir := copyFixture(t, "failing")
	g := dirGraph(t, dir)
	db, _ := testdb.Open(t, "mysql")
	ctx := context.Background()
	r := newTestRunner(t, db, g)
	_, err := r.Upgrade(ctx, "head")
	var se *StatementError
	if !errors.As(err, &se) {
		t.Fatalf("upgrade: %v, want a *StatementError", err)
	}
	if se.Index != 3 || se.RolledBack || len(se.Applied) != 2 || !strings.Contains(se.Applied[1], "f2_b") {
		t.Errorf("StatementError %+v", se)
	}
	for _, want := range []string{"2 statement(s) of this revision ran", "1. CREATE TABLE f2_a", "resume at statement 3", "no_such_table"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	wantRows(t, r, "f1")
	wantTables(t, db, []string{"f2_a", "f2_b"}, []string{"f2_c"})
	hist, _ := r.AppliedHistory(ctx)
	if hist[0].Status != StatusFailed || hist[0].StatementsDone != 2 || hist[0].StatementCount != 4 {
		t.Errorf("failure entry %+v", hist[0])
	}

	// Running again without fixing fails at the same statement, without
	// re-running the first two.
	if _, err := r.Upgrade(ctx, "head"); !errors.As(err, &se) || se.Index != 3 {
		t.Fatalf("second upgrade: %v", err)
	}

	// A downgrade is refused while f2 is partly applied.
	var pe *PartialRevisionError
	if _, err := r.Downgrade(ctx, "base"); !errors.As(err, &pe) {
		t.Fatalf("downgrade: %v, want a *PartialRevisionError", err)
	}

	// Fix the cause; the upgrade resumes at statement 3.
	if _, err := db.ExecContext(ctx, "CREATE TABLE no_such_table (id integer)"); err != nil {
		t.Fatal(err)
	}
	var progress []Progress
	r2 := newTestRunner(t, db, g, WithProgress(func(p Progress) { progress = append(progress, p) }))
	res, err := r2.Upgrade(ctx, "head")
	if err != nil {
		t.Fatalf("resume: %v", err)
	}
	if !slices.Equal(stepIDs(res), []string{"f2"}) || progress[0].Resumed != 2 {
		t.Errorf("resume ran %v, progress %+v", stepIDs(res), progress)
	}
	wantRows(t, r, "f2")
	wantTables(t, db, []string{"f2_a", "f2_b", "f2_c"}, nil)
	hist, _ = r.AppliedHistory(ctx)
	if hist[0].Status != StatusOK || hist[0].StatementsDone != 4 {
		t.Errorf("resumed entry %+v", hist[0])
	}
}

// TestRunnerResumeEditedStatement: the statements of a partly applied
// revision that did not run may be edited (that is how the failing one is
// fixed): the next upgrade resumes with the edited statement (issue 10
// point 5).
func TestRunnerResumeEditedStatement(t *testing.T) {
	dir := copyFixture(t, "failing")
	db, _ := testdb.Open(t, "mysql")
	ctx := context.Background()
	r := newTestRunner(t, db, dirGraph(t, dir))
	if _, err := r.Upgrade(ctx, "head"); err == nil {
		t.Fatal("upgrade succeeded")
	}
	writeFile(t, dir, "f2_broken.sql", strings.Replace(readFile(t, dir, "f2_broken.sql"), "INSERT INTO no_such_table (id) VALUES (1);", "CREATE TABLE f2_fixed (id integer);", 1))
	r = newTestRunner(t, db, dirGraph(t, dir))
	res, err := r.Upgrade(ctx, "head")
	if err != nil {
		t.Fatalf("upgrade after fixing statement 3: %v", err)
	}
	if !slices.Equal(stepIDs(res), []string{"f2"}) {
		t.Errorf("ran %v", stepIDs(res))
	}
	wantRows(t, r, "f2")
	wantTables(t, db, []string{"f2_a", "f2_b", "f2_fixed", "f2_c"}, nil)
}

// TestRunnerPartialChangedFile: a partly applied revision whose
// statements that ran changed is not resumed; stamp settles it.
func TestRunnerPartialChangedFile(t *testing.T) {
	dir := copyFixture(t, "failing")
	db, _ := testdb.Open(t, "mysql")
	ctx := context.Background()
	r := newTestRunner(t, db, dirGraph(t, dir))
	if _, err := r.Upgrade(ctx, "head"); err == nil {
		t.Fatal("upgrade succeeded")
	}
	edited := strings.Replace(readFile(t, dir, "f2_broken.sql"), "CREATE TABLE f2_b (id integer PRIMARY KEY);", "CREATE TABLE f2_b (id bigint PRIMARY KEY);", 1)
	writeFile(t, dir, "f2_broken.sql", strings.Replace(edited, "INSERT INTO no_such_table (id) VALUES (1);", "", 1))
	r = newTestRunner(t, db, dirGraph(t, dir))
	_, err := r.Upgrade(ctx, "head")
	var pe *PartialRevisionError
	if !errors.As(err, &pe) || pe.Done != 2 || pe.StampBefore != "f1" || pe.StampAfter != "f2" {
		t.Fatalf("upgrade after edit: %v (%+v)", err, pe)
	}
	for _, want := range []string{"partly applied", "changed", "migrate stamp f1", "migrate stamp f2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	// The user undoes the two statements by hand and stamps f1.
	for _, s := range []string{"DROP TABLE f2_a", "DROP TABLE f2_b"} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.Stamp(ctx, []string{"f1"}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Upgrade(ctx, "head"); err != nil {
		t.Fatalf("upgrade after stamp: %v", err)
	}
	wantRows(t, r, "f2")
}

func TestRunnerTransactionAll(t *testing.T) {
	ctx := context.Background()
	t.Run("mysql refused", func(t *testing.T) {
		t.Parallel()
		db, _ := testdb.Open(t, "mysql")
		r := newTestRunner(t, db, fixtureGraph(t, "linear"), WithTransactionMode(TransactionAll))
		var me *TransactionModeError
		if _, err := r.Upgrade(ctx, "head"); !errors.As(err, &me) || !strings.Contains(err.Error(), "transactional DDL") {
			t.Fatalf("upgrade: %v", err)
		}
		wantRows(t, r)
	})
	for _, name := range []string{"postgres", "sqlite"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			r := newTestRunner(t, db, fixtureGraph(t, "failing"), WithTransactionMode(TransactionAll))
			_, err := r.Upgrade(ctx, "head")
			var se *StatementError
			if !errors.As(err, &se) || !se.WholeRun {
				t.Fatalf("upgrade: %v", err)
			}
			// f1 ran in the same transaction: it is gone too.
			wantRows(t, r)
			wantTables(t, db, nil, []string{"f1_t", "f2_a"})
			r = newTestRunner(t, db, fixtureGraph(t, "linear"), WithTransactionMode(TransactionAll))
			if _, err := r.Upgrade(ctx, "head"); err != nil {
				t.Fatal(err)
			}
			wantRows(t, r, "a3")
		})
	}
}

func TestRunnerVersionTableGuard(t *testing.T) {
	g := fixtureGraph(t, "linear")
	eachDB(t, func(t *testing.T, db *dialect.DB, _ *testdb.Target) {
		ctx := context.Background()
		r := newTestRunner(t, db, g)
		if _, err := r.Upgrade(ctx, "a1"); err != nil {
			t.Fatal(err)
		}
		// Someone adds a second row by hand: the plan from a1 updates a1 to
		// a2, but the table now has two rows and the runner stops at the
		// unknown revision.
		if _, err := db.ExecContext(ctx, "INSERT INTO migrate_version (version_num) VALUES ('zz9')"); err != nil {
			t.Fatal(err)
		}
		var ue *UnknownRevisionError
		if _, err := r.Upgrade(ctx, "head"); !errors.As(err, &ue) || !strings.Contains(err.Error(), "database is at revision zz9, which is not in the scripts: is the database newer than this checkout?") {
			t.Fatalf("upgrade: %v", err)
		}
		if _, err := db.ExecContext(ctx, "DELETE FROM migrate_version"); err != nil {
			t.Fatal(err)
		}
		// The one-row guard itself: an UPDATE of a row that is not there.
		vt := r.vt
		step := versions.Step{Revision: g.Graph().Revision("a2"), Up: true, Action: versions.Update, From: []string{"a1"}, To: []string{"a2"}}
		err := vt.apply(ctx, db.DB, step)
		var ve *VersionTableError
		if !errors.As(err, &ve) || ve.Affected != 0 || !strings.Contains(err.Error(), "expected one row with version_num='a1'") {
			t.Fatalf("apply: %v", err)
		}
	})
}

func TestRunnerDialectMismatchAndNotCompiled(t *testing.T) {
	db, _ := testdb.Open(t, "sqlite")
	pg := &memRev{ID: "p1", Message: "pg only", Path: "p1.sql", Kind: scriptdir.KindSQL,
		SQL: &scriptdir.SQLScript{Dialect: "postgres", Upgrade: "CREATE TABLE p (id int);", UpgradeLine: 5}}
	gor := &memRev{ID: "g1", Revises: []string{"p1"}, Path: "g1.go", Kind: scriptdir.KindGo}
	g, err := newMemSet(pg, gor)
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRunner(t, db, g)
	var de *scriptdir.DialectMismatchError
	if _, err := r.Upgrade(context.Background(), "p1"); !errors.As(err, &de) {
		t.Fatalf("upgrade p1: %v", err)
	}
	pg.SQL.Dialect = ""
	var ne *NotCompiledError
	if _, err := r.Upgrade(context.Background(), "head"); !errors.As(err, &ne) || ne.Revision != "g1" {
		t.Fatalf("upgrade g1: %v", err)
	}
	// Nothing ran: the checks come first.
	wantRows(t, r)
}

// TestMigrationLock: a second runner waits for the lock and gives up at
// its timeout with a message naming the lock.
func TestMigrationLock(t *testing.T) {
	eachDB(t, func(t *testing.T, db *dialect.DB, tg *testdb.Target) {
		ctx := context.Background()
		l1, err := dialect.AcquireMigrationLock(ctx, db, "", DefaultVersionTable, dialect.LockOptions{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		db2, err := dialect.Open(ctx, tg.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		start := time.Now()
		_, err = dialect.AcquireMigrationLock(ctx, db2, "", DefaultVersionTable, dialect.LockOptions{Timeout: 300 * time.Millisecond})
		var le *dialect.LockTimeoutError
		if !errors.As(err, &le) || time.Since(start) < 300*time.Millisecond || !strings.Contains(err.Error(), "--lock-timeout") {
			t.Fatalf("second lock: %v after %s", err, time.Since(start))
		}
		t.Logf("lock timeout message: %v", err)
		// Another version table's lock is independent (the SQLite lock is
		// one per database file).
		if db.Dialect.Capabilities().AdvisoryLocks {
			l3, err := dialect.AcquireMigrationLock(ctx, db2, "", "other_version", dialect.LockOptions{})
			if err != nil {
				t.Fatalf("other table's lock: %v", err)
			}
			if err := l3.Release(ctx); err != nil {
				t.Fatal(err)
			}
		}
		// Released, the lock is free; a waiter gets it as soon as it is.
		var wg sync.WaitGroup
		wg.Add(1)
		var l2 *dialect.Lock
		var err2 error
		go func() {
			defer wg.Done()
			l2, err2 = dialect.AcquireMigrationLock(ctx, db2, "", DefaultVersionTable, dialect.LockOptions{Timeout: 10 * time.Second})
		}()
		time.Sleep(100 * time.Millisecond)
		if err := l1.Release(ctx); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if err2 != nil {
			t.Fatalf("waiting lock: %v", err2)
		}
		if err := l2.Release(ctx); err != nil {
			t.Fatal(err)
		}
		if err := l2.Release(ctx); err != nil {
			t.Fatalf("second release: %v", err)
		}
	})
}

// TestRunnerCancel: a cancelled context rolls the running revision back
// and releases the lock.
func TestRunnerCancel(t *testing.T) {
	for _, name := range []string{"postgres", "sqlite"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			slow := "SELECT pg_sleep(30)"
			if name == "sqlite" {
				slow = "CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) SELECT max(x) AS m FROM c"
			}
			s1 := &memRev{ID: "s1", Path: "s1.sql", Kind: scriptdir.KindSQL, SQL: &scriptdir.SQLScript{Upgrade: "CREATE TABLE s1_t (id int);"}}
			s2 := &memRev{ID: "s2", Revises: []string{"s1"}, Path: "s2.sql", Kind: scriptdir.KindSQL,
				SQL: &scriptdir.SQLScript{Upgrade: "CREATE TABLE s2_t (id int);\n" + slow + ";"}}
			g, err := newMemSet(s1, s2)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			r := newTestRunner(t, db, g, WithProgress(func(p Progress) {
				if p.Phase == StepStarted && p.Step.Revision.ID == "s2" {
					time.AfterFunc(300*time.Millisecond, cancel)
				}
			}))
			start := time.Now()
			_, err = r.Upgrade(ctx, "head")
			if err == nil || time.Since(start) > 20*time.Second {
				t.Fatalf("upgrade: %v after %s", err, time.Since(start))
			}
			t.Logf("cancelled: %v", err)
			// The interruption is recorded, also when the driver dropped the
			// migration connection with the cancelled statement.
			var fail *StatementError
			if !errors.As(err, &fail) || fail.RecordErr != nil {
				t.Fatalf("upgrade error %v: want a *StatementError recorded in the history table", err)
			}
			r2 := newTestRunner(t, db, g, WithLockTimeout(2*time.Second))
			hist, err := r2.AppliedHistory(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(hist) != 2 || hist[0].Revision != "s2" || hist[0].Status != StatusInterrupted {
				t.Fatalf("history %+v: want s2 interrupted last", hist)
			}
			wantRows(t, r2, "s1")
			wantTables(t, db, []string{"s1_t"}, []string{"s2_t"})
			// The lock is free again.
			if _, err := r2.Stamp(context.Background(), []string{"s2"}, false); err != nil {
				t.Fatalf("stamp after cancel: %v", err)
			}
		})
	}
}
