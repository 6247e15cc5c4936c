package query_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/query"
)

// fixtureSQL creates and fills the tables the cases read (see cases_test.go).
var fixtureSQL = []string{
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100), age INTEGER, manager_id INTEGER)",
	"CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, amount INTEGER NOT NULL)",
	"INSERT INTO users VALUES (1, 'ann', 'ann@x', 30, NULL), (2, 'bob', NULL, 25, 1), (3, 'cid', 'cid@x', NULL, 1), (4, 'dan', 'dan@x', 40, 2)",
	"INSERT INTO orders VALUES (1, 1, 100), (2, 1, 250), (3, 2, 75), (4, 4, 300)",
}

// goldenName returns the golden dialect name of an open database:
// "mariadb" for a MariaDB server behind the mysql dialect.
func goldenName(ctx context.Context, t *testing.T, db *dialect.DB) string {
	t.Helper()
	if db.Dialect.Name() != "mysql" {
		return db.Dialect.Name()
	}
	v, err := db.ServerVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v, "MariaDB") {
		return "mariadb"
	}
	return "mysql"
}

// TestLive runs every case on the real databases, bound and rendered
// (the --sql text executed as it is), each in a transaction rolled back
// afterwards, and checks the rows.
func TestLive(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			for _, s := range fixtureSQL {
				if _, err := db.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			gname := goldenName(ctx, t, db)
			for _, c := range cases {
				for _, rendered := range []bool{false, true} {
					t.Run(fmt.Sprintf("%s/rendered=%v", c.name, rendered), func(t *testing.T) {
						var comp query.Compiled
						var err error
						if rendered {
							comp.SQL, err = query.Render(db.Dialect, c.stmt)
						} else {
							comp, err = query.Compile(db.Dialect, c.stmt)
						}
						if slices.Contains(c.refusedBy, gname) {
							if err == nil {
								t.Fatalf("compiled on %s, want a refusal:\n%s", gname, comp.SQL)
							}
							return
						}
						if err != nil {
							t.Fatal(err)
						}
						runCase(ctx, t, db, c, comp)
					})
				}
			}
		})
	}
}

// runCase runs one compiled case in a transaction that is rolled back.
func runCase(ctx context.Context, t *testing.T, db *dialect.DB, c queryCase, comp query.Compiled) {
	t.Helper()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if c.check == nil { // a read, or a write with RETURNING
		got := queryStrings(ctx, t, tx, comp)
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Fatalf("%s\n got  %q\n want %q", comp.SQL, got, c.want)
		}
		return
	}
	res, err := tx.ExecContext(ctx, comp.SQL, comp.Args...)
	if err != nil {
		t.Fatalf("%s: %v", comp.SQL, err)
	}
	if c.affected >= 0 {
		n, err := res.RowsAffected()
		if err != nil {
			t.Fatal(err)
		}
		if n != c.affected {
			t.Errorf("%s: %d rows affected, want %d", comp.SQL, n, c.affected)
		}
	}
	chk, err := query.Compile(db.Dialect, c.check)
	if err != nil {
		t.Fatal(err)
	}
	if got := queryStrings(ctx, t, tx, chk); !slices.EqualFunc(got, c.want, slices.Equal) {
		t.Fatalf("after %s\n%s\n got  %q\n want %q", comp.SQL, chk.SQL, got, c.want)
	}
}

// queryStrings runs a query and returns its rows as text.
func queryStrings(ctx context.Context, t *testing.T, tx *sql.Tx, comp query.Compiled) [][]string {
	t.Helper()
	rows, err := tx.QueryContext(ctx, comp.SQL, comp.Args...)
	if err != nil {
		t.Fatalf("%s: %v", comp.SQL, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	out := [][]string{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = text(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", comp.SQL, err)
	}
	return out
}

// text spells a scanned value for comparison.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}
