package dialect_test

import (
	"context"
	"errors"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// TestCopyRowsPgx: COPY reaches the native pgx connection behind the
// stdlib driver without package dialect linking pgx, inside the
// transaction open on the connection; another connection type is
// ErrNoCopy.
func TestCopyRowsPgx(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "postgres")
	if _, err := db.ExecContext(ctx, `CREATE TABLE copied (id bigint, name text)`); err != nil {
		t.Fatal(err)
	}
	cp, ok := db.Dialect.(dialect.Copier)
	if !ok {
		t.Fatal("the postgres dialect is not a Copier")
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int64
	err = conn.Raw(func(dc any) error {
		var err error
		n, err = cp.CopyRows(ctx, dc, "", "copied", []string{"id", "name"}, [][]any{{1, "one"}, {2, nil}, {3, "three"}})
		return err
	})
	if err != nil || n != 3 {
		t.Fatalf("CopyRows = %d, %v; want 3 rows", n, err)
	}
	var count, named int
	if err := db.QueryRowContext(ctx, `SELECT count(*), count(name) FROM copied`).Scan(&count, &named); err != nil || count != 3 || named != 2 {
		t.Fatalf("table holds %d rows (%d named), %v; want 3 (2)", count, named, err)
	}
	_, err = cp.CopyRows(ctx, struct{}{}, "", "copied", []string{"id"}, [][]any{{4}})
	if !errors.Is(err, dialect.ErrNoCopy) {
		t.Fatalf("CopyRows on another connection: %v, want ErrNoCopy", err)
	}
}
