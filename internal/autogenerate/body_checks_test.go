package autogenerate

import (
	"context"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/scriptdir"
)

// TestSQLFunctionBodiesNameLaterObjects: a model whose SQL function,
// needed by a table's check, calls a function created after it gives a
// SQL revision that runs: it switches PostgreSQL's body check off for its
// transaction, as pg_dump's output does. The Go revision starts with the
// same statement.
func TestSQLFunctionBodiesNameLaterObjects(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "postgres")
	req := request(tg, db, ModelSource{Files: []scratchdb.File{schemaFile(t, "postgres_sql_functions")}})
	d, err := Compute(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	const off = "SET LOCAL check_function_bodies = false"
	var goRev scriptdir.NewRevision
	if err := d.Fill(ctx, &goRev); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(goRev.UpgradeBody, `ops.Execute{SQL: "`+off+`"}`) {
		t.Errorf("Go upgrade does not switch the body check off:\n%s", goRev.UpgradeBody)
	}
	if strings.Contains(goRev.DowngradeBody, off) {
		t.Errorf("Go downgrade, which creates no routine, switches the body check off:\n%s", goRev.DowngradeBody)
	}
	sqlRev := scriptdir.NewRevision{SQL: true}
	if err := d.Fill(ctx, &sqlRev); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sqlRev.UpgradeBody, off+";") {
		t.Fatalf("SQL upgrade does not start with %q:\n%s", off, sqlRev.UpgradeBody)
	}
	exec := func(body string) {
		t.Helper()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		if _, err := tx.ExecContext(ctx, body); err != nil {
			t.Fatalf("%v in:\n%s", err, body)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	exec(sqlRev.UpgradeBody)
	var on string
	if err := db.QueryRowContext(ctx, "SHOW check_function_bodies").Scan(&on); err != nil || on != "on" {
		t.Errorf("check_function_bodies after the revision = %q, %v; want on (SET LOCAL ends with the transaction)", on, err)
	}
	var email string
	if err := db.QueryRowContext(ctx, "CALL add_account('Ann@Example.org')").Err(); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "SELECT display_email(id) FROM account").Scan(&email); err != nil || email != "ann@example.org" {
		t.Fatalf("display_email = %q, %v", email, err)
	}
	again, err := Compute(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("second compare after the upgrade has %d operations", len(again.Up))
	}
	exec(sqlRev.DowngradeBody)
	var left int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace)
		+ (SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname NOT LIKE 'migrate%')`).Scan(&left); err != nil || left != 0 {
		t.Errorf("the downgrade left %d routines and relations (%v)", left, err)
	}
}
