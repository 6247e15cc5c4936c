package runner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
)

// TestRunnerSQLiteBatchKeepsChildren runs a Go revision whose operation
// needs a move-and-copy rebuild of a parent table on SQLite: the children
// that reference it with ON DELETE CASCADE must survive, and a revision
// that leaves orphans must be refused before it commits.
func TestRunnerSQLiteBatchKeepsChildren(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	for _, s := range []string{
		`CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL)`,
		`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE)`,
		`INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')`,
		`INSERT INTO child (id, parent_id) VALUES (10, 1), (20, 2)`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	widen := &memRev{ID: "w1", Message: "widen parent.name", Path: "w1.go", Kind: scriptdir.KindGo, Checksum: "w",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx, ops.AlterColumn{Table: "parent", Column: "name",
				New: &model.Column{Name: "name", Type: model.Varchar(100), Nullable: true}})
		},
	}
	orphan := &memRev{ID: "w2", Revises: []string{"w1"}, Message: "orphans", Path: "w2.go", Kind: scriptdir.KindGo, Checksum: "o",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Execute(ctx, `DELETE FROM parent WHERE id = 2`)
		},
	}
	g, err := newMemSet(widen, orphan)
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRunner(t, db, g)
	if _, err := r.Upgrade(ctx, "w1"); err != nil {
		t.Fatalf("upgrade w1: %v", err)
	}
	var children int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM child`).Scan(&children); err != nil || children != 2 {
		t.Fatalf("after the rebuild of parent: %d children (err %v), want 2", children, err)
	}
	var nullable int
	if err := db.QueryRowContext(ctx, `SELECT "notnull" FROM pragma_table_info('parent') WHERE name = 'name'`).Scan(&nullable); err != nil || nullable != 0 {
		t.Fatalf("parent.name notnull = %d (err %v), want 0", nullable, err)
	}

	_, err = r.Upgrade(ctx, "w2")
	var se *StatementError
	if !errors.As(err, &se) || se.Revision != "w2" || !strings.Contains(err.Error(), "violating foreign keys") {
		t.Fatalf("upgrade w2 = %v; want a refusal naming the foreign-key violations", err)
	}
	wantRows(t, r, "w1")
	var parents int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM parent`).Scan(&parents); err != nil || parents != 2 {
		t.Errorf("the refused revision was not rolled back: %d parents (err %v)", parents, err)
	}
	var fkOn int
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fkOn); err != nil || fkOn != 1 {
		t.Errorf("foreign keys left off after the run (%d, %v)", fkOn, err)
	}
}

// TestRunnerBulkInsertCopyInTransaction checks that a Go revision's bulk
// insert on PostgreSQL goes by COPY inside the revision's transaction:
// the rows are not sent as INSERT statements, and a later failure in the
// same revision rolls them back.
func TestRunnerBulkInsertCopyInTransaction(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "postgres")
	rows := make([][]any, 3000)
	for i := range rows {
		rows[i] = []any{i, "row"}
	}
	fail := true
	rev := &memRev{ID: "b1", Message: "bulk", Path: "b1.go", Kind: scriptdir.KindGo, Checksum: "b",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			if err := op.Execute(ctx, `CREATE TABLE bulk_t (id integer PRIMARY KEY, name text)`); err != nil {
				return err
			}
			if err := op.Run(ctx, ops.BulkInsert{Table: "bulk_t", Columns: []string{"id", "name"}, Rows: rows}); err != nil {
				return err
			}
			if fail {
				return op.Execute(ctx, `INSERT INTO nowhere VALUES (1)`)
			}
			return nil
		},
	}
	g, err := newMemSet(rev)
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRunner(t, db, g)
	_, err = r.Upgrade(ctx, "head")
	var se *StatementError
	if !errors.As(err, &se) {
		t.Fatalf("upgrade = %v; want the failing statement", err)
	}
	if se.Index != 2 {
		t.Errorf("the failing statement is number %d; want 2 (CREATE TABLE, then the failure): the rows go by COPY, not INSERT", se.Index)
	}
	wantTables(t, db, nil, []string{"bulk_t"})
	fail = false
	if _, err := r.Upgrade(ctx, "head"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM bulk_t`).Scan(&n); err != nil || n != len(rows) {
		t.Errorf("bulk_t has %d rows (err %v), want %d", n, err, len(rows))
	}
}
