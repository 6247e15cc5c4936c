package ops

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// batchDB is an SQLite test database created from a model.
type batchDB struct {
	t  *testing.T
	db *dialect.DB
}

// openBatchDB creates the model's tables and runs the extra statements
// (rows, views, triggers).
func openBatchDB(t *testing.T, md *model.MetaData, extra ...string) *batchDB {
	t.Helper()
	db, _ := testdb.Open(t, "sqlite")
	stmts, err := dialect.CreateAll(db.Dialect, md)
	if err != nil {
		t.Fatalf("create all: %v", err)
	}
	b := &batchDB{t: t, db: db}
	b.exec(append(stmts, extra...)...)
	return b
}

func (b *batchDB) exec(stmts ...string) {
	b.t.Helper()
	for _, s := range stmts {
		if _, err := b.db.ExecContext(context.Background(), s); err != nil {
			b.t.Fatalf("exec %s: %v", s, err)
		}
	}
}

// run executes operations the way the runner does on SQLite: foreign-key
// enforcement switched off on the migration connection before BEGIN (when
// fkOff), the operations in one transaction, enforcement back on after.
// It returns the operations' error; the transaction is rolled back then.
func (b *batchDB) run(fkOff bool, operations ...Operation) error {
	b.t.Helper()
	ctx := context.Background()
	conn, err := b.db.Conn(ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	defer conn.Close()
	sw := b.db.Dialect.(dialect.ForeignKeySwitch)
	if fkOff {
		if _, err := conn.ExecContext(ctx, sw.SetForeignKeys(false)); err != nil {
			b.t.Fatal(err)
		}
		defer func() {
			if _, err := conn.ExecContext(ctx, sw.SetForeignKeys(true)); err != nil {
				b.t.Error(err)
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	op := NewOp(b.db.Dialect, tx)
	op.InTransaction = true
	op.LiveTable = liveTable(b.db.Dialect, tx)
	if err := op.Run(ctx, operations...); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			b.t.Fatal(rerr)
		}
		return err
	}
	return tx.Commit()
}

// mustRun runs operations with enforcement off, failing the test on error.
func (b *batchDB) mustRun(operations ...Operation) {
	b.t.Helper()
	if err := b.run(true, operations...); err != nil {
		b.t.Fatalf("run: %v", err)
	}
}

// rows returns a table's rows, each as its values' text (NULL as
// "NULL") joined with "|", in rowid order or by the given ORDER BY.
func (b *batchDB) rows(query string) []string {
	b.t.Helper()
	rs, err := b.db.QueryContext(context.Background(), query)
	if err != nil {
		b.t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		b.t.Fatal(err)
	}
	var out []string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			b.t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
				parts[i] = "NULL"
			case []byte:
				parts[i] = string(x)
			default:
				parts[i] = fmt.Sprint(x)
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rs.Err(); err != nil {
		b.t.Fatal(err)
	}
	return out
}

// count returns the single integer a query returns.
func (b *batchDB) count(query string) int {
	b.t.Helper()
	var n int
	if err := b.db.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		b.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// expectSchema compares the database with the normalised model.
func (b *batchDB) expectSchema(want *model.MetaData) {
	b.t.Helper()
	w := want.Clone()
	w.ApplyNaming()
	w = dialect.Normalize(b.db.Dialect, w)
	got := InspectNormalized(b.t, b.db)
	if d := modeltest.Diff(w, got); d != "" {
		b.t.Errorf("schema after the rebuild differs from the model:\n%s", d)
	}
}

// noLeftovers checks that no temporary table of a rebuild is left.
func (b *batchDB) noLeftovers() {
	b.t.Helper()
	n := b.count(`SELECT count(*) FROM sqlite_master WHERE name LIKE '\_migrate\_%' ESCAPE '\'`) +
		b.count(`SELECT count(*) FROM sqlite_temp_master WHERE name LIKE '\_migrate\_%' ESCAPE '\'`)
	if n != 0 {
		b.t.Errorf("%d temporary objects of the rebuild are left", n)
	}
	var legacy int
	if err := b.db.QueryRowContext(context.Background(), "PRAGMA legacy_alter_table").Scan(&legacy); err != nil || legacy != 0 {
		b.t.Errorf("legacy_alter_table = %d (%v), want 0", legacy, err)
	}
}

// compiled returns the statements of operations compiled online against
// the database (for checking whether a rebuild happens).
func (b *batchDB) compiled(operations ...Operation) []string {
	b.t.Helper()
	ctx := context.Background()
	c := &Context{Dialect: b.db.Dialect, LiveTable: liveTable(b.db.Dialect, b.db)}
	var out []string
	for _, op := range operations {
		stmts, err := op.Statements(ctx, c)
		if err != nil {
			b.t.Fatalf("%s: %v", op.Name(), err)
		}
		for _, s := range stmts {
			out = append(out, s.SQL)
		}
	}
	return out
}

// rebuilds reports whether statements rebuild a table.
func rebuilds(stmts []string) bool {
	return slices.ContainsFunc(stmts, func(s string) bool { return strings.Contains(s, dialect.SQLiteRebuildPrefix) })
}

var _ dialect.Querier = (*sql.Tx)(nil)
