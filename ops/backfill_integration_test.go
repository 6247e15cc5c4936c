package ops_test

import (
	"context"
	"errors"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
)

var items = query.T("items")

// backfillTable creates items (id, n, label) with rows rows, n = 0.
func backfillTable(ctx context.Context, t *testing.T, op *ops.Op, ex dialect.Querier, rows int) {
	t.Helper()
	if _, err := ex.ExecContext(ctx, "CREATE TABLE items (id BIGINT PRIMARY KEY, n INTEGER NOT NULL, label VARCHAR(40))"); err != nil {
		t.Fatal(err)
	}
	b := ops.BulkInsert{Table: "items", Columns: []string{"id", "n", "label"}}
	for i := range rows {
		b.Rows = append(b.Rows, []any{int64(i + 1), 0, nil})
	}
	if err := op.BulkInsert(ctx, b); err != nil {
		t.Fatal(err)
	}
}

// countN returns the number of rows with n = 1 and with n > 1.
func countN(ctx context.Context, t *testing.T, op *ops.Op) (once, more int64) {
	t.Helper()
	if err := op.QueryRow(ctx, query.Select(query.Count()).From(items).Where(query.Eq(items.C("n"), 1)), &once); err != nil {
		t.Fatal(err)
	}
	if err := op.QueryRow(ctx, query.Select(query.Count()).From(items).Where(query.Gt(items.C("n"), 1)), &more); err != nil {
		t.Fatal(err)
	}
	return once, more
}

// TestBackfillInTransaction walks 2,500 rows in batches of 300 inside a
// transaction, reporting progress after each batch.
func TestBackfillInTransaction(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			op := ops.NewOp(db.Dialect, tx)
			op.InTransaction = true
			backfillTable(ctx, t, op, tx, 2500)
			var reports []ops.BackfillProgress
			p, err := op.Backfill(ctx, ops.Backfill{Table: "items", Key: "id", BatchSize: 300,
				Set:      []query.Assignment{query.Set("n", query.Add(items.C("n"), 1)), query.Set("label", query.Concat("item ", items.C("id")))},
				Progress: func(p ops.BackfillProgress) error { reports = append(reports, p); return nil }})
			if err != nil {
				t.Fatal(err)
			}
			if p.Rows != 2500 || p.Total != 2500 || p.Batches != 9 || len(reports) != 9 || p.LastKey != int64(2500) {
				t.Errorf("progress %+v after %d reports", p, len(reports))
			}
			if r := reports[3]; r.Rows != 1200 || r.Remaining <= 0 || r.Rate <= 0 {
				t.Errorf("fourth report: %+v (%s)", r, r)
			}
			if once, more := countN(ctx, t, op); once != 2500 || more != 0 {
				t.Errorf("%d rows updated once, %d more than once", once, more)
			}
			var label string
			if err := op.QueryRow(ctx, query.Select(items.C("label")).From(items).Where(query.Eq(items.C("id"), 2345)), &label); err != nil || label != "item 2345" {
				t.Errorf("label: %q, %v", label, err)
			}
		})
	}
}

// TestBackfillResume runs a non-transactional backfill that fails in its
// fourth batch (injected after the batch's UPDATE ran), checks that three
// batches are committed with their resume key and the fourth rolled back,
// then runs it again: it resumes after the third batch and every row is
// updated exactly once.
func TestBackfillResume(t *testing.T) {
	injected := errors.New("injected failure")
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			conn, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			op := ops.NewOp(db.Dialect, conn) // autocommit: no InTransaction
			op.Revision = "3f2a9c"
			backfillTable(ctx, t, op, conn, 2500)
			batches := 0
			bf := ops.Backfill{Table: "items", Key: "id", BatchSize: 300,
				Apply: func(ctx context.Context, op *ops.Op, batch query.Cond) error {
					if _, err := op.Exec(ctx, query.Update(items).Set(query.Set("n", query.Add(items.C("n"), 1))).Where(batch)); err != nil {
						return err
					}
					if batches++; batches == 4 {
						return injected
					}
					return nil
				}}
			if _, err := op.Backfill(ctx, bf); !errors.Is(err, injected) {
				t.Fatalf("first run: %v, want the injected failure", err)
			}
			if once, more := countN(ctx, t, op); once != 900 || more != 0 {
				t.Errorf("after the failure: %d rows updated, %d twice; want the 3 committed batches (900)", once, more)
			}
			var rec map[string]any
			bt := query.T(ops.BackfillTable)
			if err := op.QueryRow(ctx, query.Select(bt.C("last_key"), bt.C("rows_done")).From(bt).
				Where(query.Eq(bt.C("revision"), "3f2a9c"), query.Eq(bt.C("name"), "items")), &rec); err != nil {
				t.Fatal(err)
			}
			if rec["last_key"] != "i:900" || toInt(rec["rows_done"]) != 900 {
				t.Errorf("resume record %#v", rec)
			}

			var first *ops.BackfillProgress
			bf.Progress = func(p ops.BackfillProgress) error {
				if first == nil {
					first = &p
				}
				return nil
			}
			p, err := op.Backfill(ctx, bf)
			if err != nil {
				t.Fatal(err)
			}
			if first == nil || !first.Resumed || first.Rows != 1200 || p.Rows != 2500 || p.Batches != 6 {
				t.Errorf("second run: first report %+v, final %+v", first, p)
			}
			if once, more := countN(ctx, t, op); once != 2500 || more != 0 {
				t.Errorf("after resuming: %d rows updated once, %d more than once", once, more)
			}
			var left int64
			if err := op.QueryRow(ctx, query.Select(query.Count()).From(bt), &left); err != nil || left != 0 {
				t.Errorf("resume records left: %d, %v", left, err)
			}
		})
	}
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case string:
		var n int64
		for _, c := range x {
			n = n*10 + int64(c-'0')
		}
		return n
	}
	return -1
}
