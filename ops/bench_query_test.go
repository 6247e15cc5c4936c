package ops_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/ops"
)

// benchRows is the size of the data-migration benchmarks (issue 14).
const benchRows = 100_000

const benchDDL = "CREATE TABLE bench (id BIGINT PRIMARY KEY, v VARCHAR(40) NOT NULL, n BIGINT NOT NULL)"

// benchDB opens a fresh database with the bench table.
func benchDB(b *testing.B, name string) *dialect.DB {
	b.Helper()
	db, _ := testdb.Open(b, name)
	if _, err := db.ExecContext(context.Background(), benchDDL); err != nil {
		b.Fatal(err)
	}
	return db
}

// inRevisionTx runs f with an Op as the runner gives a transactional
// revision: a transaction on the migration connection, COPY reaching the
// connection's driver (Raw); it commits.
func inRevisionTx(ctx context.Context, b *testing.B, db *dialect.DB, f func(op *ops.Op) error) {
	b.Helper()
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	op := ops.NewOp(db.Dialect, &execCounter{Tx: tx, conn: conn})
	op.InTransaction = true
	if err := f(op); err != nil {
		tx.Rollback()
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// benchInsert returns the BulkInsert of benchRows rows.
func benchInsert() ops.BulkInsert {
	bi := ops.BulkInsert{Table: "bench", Columns: []string{"id", "v", "n"}, Rows: make([][]any, benchRows)}
	for i := range bi.Rows {
		bi.Rows[i] = []any{int64(i + 1), fmt.Sprintf("value %d", i), int64(i)}
	}
	return bi
}

// BenchmarkBulkInsert100kRows inserts 100,000 rows in a revision's
// transaction: COPY on PostgreSQL, multi-row INSERTs with bound
// parameters on MySQL/MariaDB and SQLite. Goal (issue 14): ≤ 0.2 s on
// PostgreSQL.
func BenchmarkBulkInsert100kRows(b *testing.B) {
	for _, name := range testdb.Dialects {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			db := benchDB(b, name)
			bi := benchInsert()
			for b.Loop() {
				b.StopTimer()
				if _, err := db.ExecContext(ctx, "DELETE FROM bench"); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				inRevisionTx(ctx, b, db, func(op *ops.Op) error { return op.BulkInsert(ctx, bi) })
			}
			b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkUpdate100kRows sets a column of 100,000 rows to a value per row
// (Op.UpdateRows: set-based UPDATEs joining a derived table of values) in
// a revision's transaction. Goals (issue 14): ≤ 1 s on PostgreSQL, ≤ 1.5 s
// on MariaDB, ≤ 0.5 s on SQLite.
func BenchmarkUpdate100kRows(b *testing.B) {
	for _, name := range testdb.Dialects {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			db := benchDB(b, name)
			inRevisionTx(ctx, b, db, func(op *ops.Op) error { return op.BulkInsert(ctx, benchInsert()) })
			round := 0
			for b.Loop() {
				b.StopTimer()
				round++
				u := ops.RowUpdate{Table: "bench", Key: []string{"id"}, Columns: []string{"v", "n"}, Rows: make([][]any, benchRows)}
				for i := range u.Rows {
					u.Rows[i] = []any{int64(i + 1), fmt.Sprintf("round %d row %d", round, i), int64(i * round)}
				}
				b.StartTimer()
				inRevisionTx(ctx, b, db, func(op *ops.Op) error {
					n, err := op.UpdateRows(ctx, u)
					if err == nil && n != benchRows {
						err = fmt.Errorf("%d rows updated, want %d", n, benchRows)
					}
					return err
				})
			}
			b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
