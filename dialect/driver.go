package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// driverPackages maps the package paths of database/sql drivers to their
// dialect. Package dialect links none of them (programs choose their
// drivers): a driver is recognised by the package of its type.
var driverPackages = map[string]string{
	"github.com/jackc/pgx/v5/stdlib":       "postgres",
	"github.com/jackc/pgx/v4/stdlib":       "postgres",
	"github.com/jackc/pgx/stdlib":          "postgres",
	"github.com/lib/pq":                    "postgres",
	"github.com/go-sql-driver/mysql":       "mysql",
	"modernc.org/sqlite":                   "sqlite",
	"github.com/mattn/go-sqlite3":          "sqlite",
	"github.com/ncruces/go-sqlite3/driver": "sqlite",
	"github.com/glebarez/go-sqlite":        "sqlite",
}

// ForDriver returns the dialect of db from the type of its database/sql
// driver: pgx (stdlib), go-sql-driver/mysql, modernc.org/sqlite, and the
// other common drivers of the three databases (lib/pq, mattn/go-sqlite3).
// It sends no query, so the capabilities are those of the tested server
// versions, as with ForName; Detect asks the server. MySQL and MariaDB
// share a driver: ForDriver answers mysql for both.
func ForDriver(db *sql.DB) (Dialect, error) {
	if db == nil {
		return nil, errors.New("dialect: no database (nil *sql.DB)")
	}
	drv := db.Driver()
	t := reflect.TypeOf(drv)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pkg := ""
	if t != nil {
		pkg = t.PkgPath()
	}
	if name, ok := driverPackages[pkg]; ok {
		return ForName(name)
	}
	return nil, fmt.Errorf("dialect: cannot tell the database of the database/sql driver %s; "+
		"use pgx (github.com/jackc/pgx/v5/stdlib), github.com/go-sql-driver/mysql or modernc.org/sqlite, or name the dialect explicitly",
		strings.TrimPrefix(fmt.Sprintf("%T", drv), "*"))
}

// Detect returns the dialect of db for its server: ForDriver, then the
// server's version as Open asks it (MariaDB versus MySQL, the PostgreSQL
// and SQLite versions that decide some capabilities).
func Detect(ctx context.Context, db *sql.DB) (Dialect, error) {
	d, err := ForDriver(db)
	if err != nil {
		return nil, err
	}
	if sa, ok := d.(serverAware); ok {
		if d, err = sa.forServer(ctx, db); err != nil {
			return nil, fmt.Errorf("dialect: %w", err)
		}
	}
	return d, nil
}
