package dialect

import (
	"context"
	"fmt"
)

// versionReporter is implemented by the dialects: the query that returns
// the server's version as one text value.
type versionReporter interface {
	serverVersionQuery() string
}

// ServerVersion returns the version the server reports for itself, for
// people (`migrate info`): "15.14 (Debian 15.14-0+deb12u1)" on
// PostgreSQL, "10.11.14-MariaDB-0+deb12u2" on MariaDB, "3.50.4" (the
// embedded library) on SQLite.
func (db *DB) ServerVersion(ctx context.Context) (string, error) {
	vr, ok := db.Dialect.(versionReporter)
	if !ok {
		return "", fmt.Errorf("server version: not known for %s", db.Dialect.Name())
	}
	var v string
	if err := db.QueryRowContext(ctx, vr.serverVersionQuery()).Scan(&v); err != nil {
		return "", fmt.Errorf("server version: %w", err)
	}
	return v, nil
}

func (d *postgresDialect) serverVersionQuery() string { return "SHOW server_version" }

func (d *mysqlDialect) serverVersionQuery() string { return "SELECT VERSION()" }

func (d *sqliteDialect) serverVersionQuery() string { return "SELECT sqlite_version()" }

var (
	_ versionReporter = (*postgresDialect)(nil)
	_ versionReporter = (*mysqlDialect)(nil)
	_ versionReporter = (*sqliteDialect)(nil)
)
