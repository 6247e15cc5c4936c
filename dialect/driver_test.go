package dialect

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"testing"
)

type fakeDriver struct{}

func (fakeDriver) Open(string) (driver.Conn, error) { return nil, driver.ErrBadConn }

func init() { sql.Register("migrate-fake", fakeDriver{}) }

func TestForDriver(t *testing.T) {
	for _, tc := range []struct{ driver, dsn, want string }{
		{"pgx", "postgres://u@127.0.0.1:1/db", "postgres"},
		{"mysql", "u@tcp(127.0.0.1:1)/db", "mysql"},
		{"sqlite", ":memory:", "sqlite"},
	} {
		db, err := sql.Open(tc.driver, tc.dsn)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ForDriver(db)
		db.Close()
		if err != nil || d.Name() != tc.want {
			t.Errorf("ForDriver(%s): %v, %v; want %s", tc.driver, d, err, tc.want)
		}
	}
	db, _ := sql.Open("migrate-fake", "")
	defer db.Close()
	if _, err := ForDriver(db); err == nil || !strings.Contains(err.Error(), "dialect.fakeDriver") {
		t.Errorf("unknown driver: %v", err)
	}
	if _, err := ForDriver(nil); err == nil {
		t.Error("nil db: want an error")
	}
}

func TestDetectSQLite(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := Detect(context.Background(), db)
	if err != nil || d.Name() != "sqlite" {
		t.Fatalf("Detect: %v, %v", d, err)
	}
}
