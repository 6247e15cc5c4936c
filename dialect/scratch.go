package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// DatabaseCreator is implemented by dialects whose servers hold several
// databases that a connection may create and drop (PostgreSQL, MySQL and
// MariaDB). Scratch databases — the SQL model of autogenerate, the
// stairway test — are made with it; a database without it (SQLite) uses a
// private in-memory database instead (URL.MemoryURL).
type DatabaseCreator interface {
	// CreateDatabase creates database name on the server of db, with the
	// defaults (character set, collation) of the database db is connected
	// to, so that the objects created in it compare equal to the same
	// objects created there.
	CreateDatabase(ctx context.Context, db *sql.DB, name string) error
	// DropDatabase drops database name if it exists. No connection may
	// use it any more.
	DropDatabase(ctx context.Context, db *sql.DB, name string) error
	// PrepareLike makes a new database, through its connection db, resolve
	// unqualified names as the connection like does: on PostgreSQL it
	// creates the schema that current_schema() names on like (a
	// search_path of the URL) when db has none.
	PrepareLike(ctx context.Context, db, like *sql.DB) error
}

var (
	_ DatabaseCreator = (*postgresDialect)(nil)
	_ DatabaseCreator = (*mysqlDialect)(nil)
)

// execOnDatabase runs verb (CREATE DATABASE, DROP DATABASE IF EXISTS …)
// on the quoted name, followed by suffix.
func execOnDatabase(ctx context.Context, d Dialect, db *sql.DB, verb, name, suffix string) error {
	qn, err := d.QuoteIdent(name)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, verb+" "+qn+suffix); err != nil {
		return fmt.Errorf("%s %s: %w", strings.ToLower(verb), qn, err)
	}
	return nil
}

// CreateDatabase implements DatabaseCreator. The new database is a copy of
// template1, as with CREATE DATABASE in psql.
func (d *postgresDialect) CreateDatabase(ctx context.Context, db *sql.DB, name string) error {
	return execOnDatabase(ctx, d, db, "CREATE DATABASE", name, "")
}

// DropDatabase implements DatabaseCreator.
func (d *postgresDialect) DropDatabase(ctx context.Context, db *sql.DB, name string) error {
	return execOnDatabase(ctx, d, db, "DROP DATABASE IF EXISTS", name, "")
}

// PrepareLike implements DatabaseCreator.
func (d *postgresDialect) PrepareLike(ctx context.Context, db, like *sql.DB) error {
	var want, have sql.NullString
	if err := like.QueryRowContext(ctx, "SELECT current_schema()").Scan(&want); err != nil {
		return fmt.Errorf("read the current schema: %w", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&have); err != nil {
		return fmt.Errorf("read the current schema: %w", err)
	}
	if !want.Valid || have.Valid && have.String == want.String {
		return nil
	}
	qn, err := d.QuoteIdent(want.String)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+qn); err != nil {
		return fmt.Errorf("create schema %s: %w", qn, err)
	}
	return nil
}

// PrepareLike implements DatabaseCreator: a MySQL database has no
// schemas inside, so there is nothing to prepare.
func (d *mysqlDialect) PrepareLike(context.Context, *sql.DB, *sql.DB) error { return nil }

// CreateDatabase implements DatabaseCreator: the new database gets the
// character set and collation of the connection's database.
func (d *mysqlDialect) CreateDatabase(ctx context.Context, db *sql.DB, name string) error {
	var charset, collation string
	if err := db.QueryRowContext(ctx, "SELECT @@character_set_database, @@collation_database").Scan(&charset, &collation); err != nil {
		return fmt.Errorf("create database %s: read the default character set: %w", name, err)
	}
	cs, err := d.QuoteIdent(charset)
	if err != nil {
		return err
	}
	co, err := d.QuoteIdent(collation)
	if err != nil {
		return err
	}
	return execOnDatabase(ctx, d, db, "CREATE DATABASE", name, " CHARACTER SET "+cs+" COLLATE "+co)
}

// DropDatabase implements DatabaseCreator.
func (d *mysqlDialect) DropDatabase(ctx context.Context, db *sql.DB, name string) error {
	return execOnDatabase(ctx, d, db, "DROP DATABASE IF EXISTS", name, "")
}

// WithDatabase returns the URL of database name on the same server as u,
// with the same credentials and parameters. Only server databases
// (PostgreSQL, MySQL) have other databases; a SQLite URL is an error.
func (u *URL) WithDatabase(name string) (*URL, error) {
	switch u.Dialect {
	case "postgres":
		pu, err := url.Parse(u.DSN)
		if err != nil {
			return nil, &URLError{Redacted: u.Redacted, Reason: "malformed URL: " + cleanURLErr(err)}
		}
		pu.Path = "/" + name
		pu.RawPath = ""
		if q := pu.Query(); q.Has("dbname") {
			q.Del("dbname")
			pu.RawQuery = q.Encode()
		}
		return parsePostgresURL(pu.String())
	case "mysql":
		dsn, err := parseMySQLDSNParts(u.DSN)
		if err != nil {
			return nil, &URLError{Redacted: u.Redacted, Reason: "malformed MySQL DSN: " + err.Error()}
		}
		dsn.dbname = name
		red := *dsn
		if red.passwd != "" {
			red.passwd = RedactedPassword
		}
		return mysqlURL(dsn, red.format()), nil
	}
	return nil, fmt.Errorf("database URL %q: %s has no other databases on a server", u.Redacted, u.Dialect)
}

// MemoryURL returns the URL of a private in-memory database of u's kind
// (SQLite), and false for server databases.
func (u *URL) MemoryURL() (string, bool) {
	if u.Dialect == "sqlite" {
		return "sqlite::memory:", true
	}
	return "", false
}
