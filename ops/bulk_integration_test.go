package ops_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

const bulkRowCount = 10000

var bulkTable = &model.Table{
	Name: "bulk_items",
	Columns: []*model.Column{
		{Name: "id", Type: model.BigInt},
		{Name: "name", Type: model.Varchar(100), Nullable: true},
		{Name: "qty", Type: model.Integer},
		{Name: "flag", Type: model.Boolean},
		{Name: "payload", Type: model.Blob, Nullable: true},
	},
	PrimaryKey: &model.PrimaryKey{Name: "pk_bulk_items", Columns: []string{"id"}},
}

// bulkRow is row i of the test data: NULLs, quotes, backslashes, unicode
// and binary values.
func bulkRow(i int) []any {
	var name, payload any
	if i%7 != 0 {
		name = fmt.Sprintf("it's №%d \\ \"q\"", i)
	}
	if i%3 == 0 {
		payload = []byte{byte(i), 0, 0xff, '\'', '\\'}
	}
	return []any{int64(i), name, i % 100, i%2 == 0, payload}
}

func bulkInsertOp() ops.BulkInsert {
	rows := make([][]any, bulkRowCount)
	for i := range rows {
		rows[i] = bulkRow(i + 1)
	}
	return ops.BulkInsert{Table: "bulk_items", Columns: bulkTable.ColumnNames(), Rows: rows}
}

// execCounter is an executor on a transaction begun on conn, which
// forwards Raw to conn (so that COPY runs inside the transaction) and
// counts the statements it executes.
type execCounter struct {
	*sql.Tx
	conn  *sql.Conn
	execs int
}

func (e *execCounter) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	e.execs++
	return e.Tx.ExecContext(ctx, q, args...)
}

func (e *execCounter) Raw(f func(driverConn any) error) error { return e.conn.Raw(f) }

// TestBulkInsert inserts 10,000 rows on every database, through Run
// (literal INSERTs), Op.BulkInsert on the pool (COPY on PostgreSQL, bound
// INSERTs elsewhere) and Op.BulkInsert in a *sql.Tx, and checks the data.
func TestBulkInsert(t *testing.T) {
	modes := []struct {
		name string
		run  func(t *testing.T, db *dialect.DB) error
	}{
		{"run_literals", func(t *testing.T, db *dialect.DB) error {
			return ops.NewOp(db.Dialect, db).Run(context.Background(), bulkInsertOp())
		}},
		{"bulk_pool", func(t *testing.T, db *dialect.DB) error {
			return ops.NewOp(db.Dialect, db).BulkInsert(context.Background(), bulkInsertOp())
		}},
		{"bulk_tx", func(t *testing.T, db *dialect.DB) error {
			tx, err := db.BeginTx(context.Background(), nil)
			if err != nil {
				return err
			}
			o := ops.NewOp(db.Dialect, tx)
			o.InTransaction = true
			if err := o.BulkInsert(context.Background(), bulkInsertOp()); err != nil {
				tx.Rollback() //nolint:errcheck
				return err
			}
			return tx.Commit()
		}},
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, m := range modes {
				t.Run(m.name, func(t *testing.T) {
					t.Parallel()
					db, _ := testdb.Open(t, name)
					if err := ops.NewOp(db.Dialect, db).Run(context.Background(), ops.CreateTable{Table: bulkTable}); err != nil {
						t.Fatal(err)
					}
					if err := m.run(t, db); err != nil {
						t.Fatalf("insert: %v", err)
					}
					checkBulkRows(t, db, bulkRowCount)
				})
			}
		})
	}
}

// TestBulkInsertCopyInTransaction shows that on PostgreSQL COPY runs in the
// transaction open on the connection it goes through: rolled back, the
// rows are gone; committed, they stay; no INSERT is executed.
func TestBulkInsertCopyInTransaction(t *testing.T) {
	db, _ := testdb.Open(t, "postgres")
	ctx := context.Background()
	if err := ops.NewOp(db.Dialect, db).Run(ctx, ops.CreateTable{Table: bulkTable}); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, commit := range []bool{false, true} {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		ex := &execCounter{Tx: tx, conn: conn}
		o := ops.NewOp(db.Dialect, ex)
		o.InTransaction = true
		if err := o.BulkInsert(ctx, bulkInsertOp()); err != nil {
			t.Fatalf("copy: %v", err)
		}
		if ex.execs != 0 {
			t.Fatalf("COPY was not used: %d statements executed", ex.execs)
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM bulk_items").Scan(&n); err != nil || n != bulkRowCount {
			t.Fatalf("inside the transaction: %d rows, %v", n, err)
		}
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if commit {
			want = bulkRowCount
		}
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM bulk_items").Scan(&n); err != nil || n != want {
			t.Fatalf("after commit=%v: %d rows, want %d (%v)", commit, n, want, err)
		}
	}
	checkBulkRows(t, db, bulkRowCount)
}

// checkBulkRows checks the count, sums, NULLs and a few whole rows.
func checkBulkRows(t *testing.T, db *dialect.DB, n int) {
	t.Helper()
	ctx := context.Background()
	var count, nulls, blobs int
	var sumID, sumQty int64
	err := db.QueryRowContext(ctx, `SELECT count(*), sum(id), sum(qty),
		sum(CASE WHEN name IS NULL THEN 1 ELSE 0 END), sum(CASE WHEN payload IS NULL THEN 0 ELSE 1 END) FROM bulk_items`).
		Scan(&count, &sumID, &sumQty, &nulls, &blobs)
	if err != nil {
		t.Fatal(err)
	}
	var wantQty int64
	wantNulls, wantBlobs := 0, 0
	for i := 1; i <= n; i++ {
		wantQty += int64(i % 100)
		if i%7 == 0 {
			wantNulls++
		}
		if i%3 == 0 {
			wantBlobs++
		}
	}
	if count != n || sumID != int64(n)*int64(n+1)/2 || sumQty != wantQty || nulls != wantNulls || blobs != wantBlobs {
		t.Fatalf("rows: count %d sum(id) %d sum(qty) %d nulls %d blobs %d; want %d %d %d %d %d",
			count, sumID, sumQty, nulls, blobs, n, int64(n)*int64(n+1)/2, wantQty, wantNulls, wantBlobs)
	}
	for _, id := range []int{1, 3, 7, 1236, n} {
		var name sql.NullString
		var qty int
		var flag bool
		var payload []byte
		q := fmt.Sprintf("SELECT name, qty, flag, payload FROM bulk_items WHERE id = %d", id)
		if err := db.QueryRowContext(ctx, q).Scan(&name, &qty, &flag, &payload); err != nil {
			t.Fatalf("row %d: %v", id, err)
		}
		want := bulkRow(id)
		wantName, _ := want[1].(string)
		wantPayload, _ := want[4].([]byte)
		if name.Valid != (want[1] != nil) || name.String != wantName || qty != want[2] || flag != want[3] || !bytes.Equal(payload, wantPayload) {
			t.Errorf("row %d: got %v %d %v %x, want %v", id, name, qty, flag, payload, want)
		}
	}
}
