package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
)

// driverPackages maps the package paths of database/sql drivers that are
// not linked into this module to their dialect, so that a program using
// one of them still gets its dialect detected.
var driverPackages = map[string]string{
	"github.com/lib/pq":                    "postgres",
	"github.com/jackc/pgx/stdlib":          "postgres",
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
	switch drv.(type) {
	case *stdlib.Driver:
		return Postgres(), nil
	case *mysql.MySQLDriver, mysql.MySQLDriver:
		return MySQL(), nil
	case *sqlite.Driver:
		return SQLite(), nil
	}
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
