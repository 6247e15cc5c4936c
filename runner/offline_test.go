package runner_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
)

// TestOfflineMatchesOnline applies the printed --sql script of each
// fixture with the database's driver and compares the schema (version and
// history tables included) and the version table with an online upgrade.
func TestOfflineMatchesOnline(t *testing.T) {
	for _, fixture := range []string{"linear", "branches", "depends"} {
		for _, name := range testdb.Dialects {
			t.Run(fixture+"/"+name, func(t *testing.T) {
				t.Parallel()
				ctx := context.Background()
				revs, err := scriptdir.Load([]scriptdir.Location{scriptdir.DirLocation(filepath.Join("testdata", "runner", fixture))})
				if err != nil {
					t.Fatal(err)
				}
				g, err := runner.NewSet(revs, nil)
				if err != nil {
					t.Fatal(err)
				}
				online, _ := testdb.Open(t, name)
				offline, _ := testdb.Open(t, name)

				r, err := runner.NewRunner(online, g)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := r.Upgrade(ctx, "heads"); err != nil {
					t.Fatal(err)
				}

				var script bytes.Buffer
				o, err := runner.NewOfflineRunner(offline.Dialect, g, &script, runner.WithToolVersion("test"))
				if err != nil {
					t.Fatal(err)
				}
				if err := o.Upgrade(ctx, "heads"); err != nil {
					t.Fatal(err)
				}
				text := script.String()
				if offline.Dialect.Capabilities().TransactionalDDL && !strings.Contains(text, "BEGIN;") {
					t.Errorf("script has no BEGIN:\n%s", text)
				}
				if !strings.Contains(text, "-- Running upgrade  -> ") {
					t.Errorf("script has no Running comments:\n%s", text)
				}
				applyScript(t, offline, text)

				want, err := inspect.Database(ctx, online, inspect.Options{})
				if err != nil {
					t.Fatal(err)
				}
				got, err := inspect.Database(ctx, offline, inspect.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if d := modeltest.Diff(want, got); d != "" {
					t.Errorf("offline schema differs from online:\n%s\nscript:\n%s", d, text)
				}
				ro, err := runner.NewRunner(offline, g)
				if err != nil {
					t.Fatal(err)
				}
				wantRows, _ := r.Current(ctx)
				gotRows, err := ro.Current(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(wantRows, ",") != strings.Join(gotRows, ",") {
					t.Errorf("offline rows %v, online %v", gotRows, wantRows)
				}
				hist, err := ro.AppliedHistory(ctx)
				if err != nil || len(hist) != g.Graph().Len() {
					t.Errorf("offline history: %d entries, %v; want %d", len(hist), err, g.Graph().Len())
				}

				// Down again, offline, from the heads to base.
				script.Reset()
				if err := o.Downgrade(ctx, "heads:base"); err != nil {
					t.Fatal(err)
				}
				applyScript(t, offline, script.String())
				if rows, _ := ro.Current(ctx); len(rows) != 0 {
					t.Errorf("after offline downgrade: rows %v", rows)
				}
			})
		}
	}
}

// applyScript runs a script on one connection, statement by statement.
func applyScript(t *testing.T, db *dialect.DB, script string) {
	t.Helper()
	ctx := context.Background()
	stmts, err := scriptdir.SplitStatements(script, db.Dialect.Capabilities().Syntax)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s.Text); err != nil {
			t.Fatalf("script line %d: %v\n%s", s.Line, err, s.Text)
		}
	}
}
