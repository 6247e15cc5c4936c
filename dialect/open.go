package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"slices"
	"syscall"
)

// driverImports names the package that registers each database/sql
// driver Open uses. Package dialect registers none: the program links the
// drivers it needs (cmd/migrate links all three).
var driverImports = map[string]string{
	"pgx":    "github.com/jackc/pgx/v5/stdlib",
	"mysql":  "github.com/go-sql-driver/mysql",
	"sqlite": "modernc.org/sqlite",
}

// DB is an open database with its dialect.
type DB struct {
	*sql.DB
	Dialect Dialect
	URL     *URL
}

// idleConns is how many idle connections a pool keeps.
const idleConns = 4

// serverAware is implemented by dialects whose behaviour depends on the
// server (MariaDB versus MySQL, PostgreSQL major version). Open calls it
// once after connecting.
type serverAware interface {
	forServer(ctx context.Context, db *sql.DB) (Dialect, error)
}

// ForName returns the dialect for "postgres", "mysql", "mariadb" or
// "sqlite", with the capabilities of the tested server versions. It serves
// offline work (--sql); Open detects the real server's version instead.
func ForName(name string) (Dialect, error) {
	switch name {
	case "postgres", "postgresql":
		return Postgres(), nil
	case "mysql":
		return MySQL(), nil
	case "mariadb":
		return MariaDB(), nil
	case "sqlite", "sqlite3":
		return SQLite(), nil
	}
	return nil, fmt.Errorf("dialect: unknown database %q (use postgres, mysql or sqlite)", name)
}

// Open parses a database URL, connects, checks the connection, and returns
// the database with the dialect for its server version. The program must
// link the database/sql driver of the URL's database (pgx stdlib,
// go-sql-driver/mysql or modernc.org/sqlite); an error names the import
// when it does not. An in-memory SQLite database is limited to one
// connection, so that every statement sees it. Errors name the redacted
// URL, never the password.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return OpenURL(ctx, u)
}

// OpenURL is Open for a parsed URL.
func OpenURL(ctx context.Context, u *URL) (*DB, error) {
	d, err := ForName(u.Dialect)
	if err != nil {
		return nil, err
	}
	if err := checkDriverLinked(u); err != nil {
		return nil, err
	}
	db, err := sql.Open(u.Driver, u.DSN)
	if err != nil {
		// sql.Open does not connect: the driver refused the DSN.
		return nil, &URLError{Redacted: u.Redacted, Reason: err.Error()}
	}
	if u.Memory() {
		db.SetMaxOpenConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	} else {
		// An inspection runs up to four catalog queries at once, each on a
		// connection of its own (inspect's maxConcurrentQueries): keep
		// them for the next one (database/sql keeps two), which would
		// otherwise connect again and warm a new server backend's caches.
		db.SetMaxIdleConns(idleConns)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s: %w%s", u.Redacted, err, connectHint(err))
	}
	if sa, ok := d.(serverAware); ok {
		if d, err = sa.forServer(ctx, db); err != nil {
			db.Close()
			return nil, fmt.Errorf("connect to %s: %w", u.Redacted, err)
		}
	}
	return &DB{DB: db, Dialect: d, URL: u}, nil
}

// checkDriverLinked reports a database/sql driver of u that the program
// does not link, naming the import that links it.
func checkDriverLinked(u *URL) error {
	if slices.Contains(sql.Drivers(), u.Driver) {
		return nil
	}
	return fmt.Errorf("open %s: the database/sql driver %q is not linked into this program; import _ %q", u.Redacted, u.Driver, driverImports[u.Driver])
}

// connectHint says what to check when the server could not be reached at
// all (nothing listens there, the host is unknown, no answer): the URL's
// host and port, and where the URL came from. Other failures (a refused
// login, an unknown database) say enough by themselves.
func connectHint(err error) string {
	const where = "; check the host and port of the URL (`migrate info` shows which URL is used and where it comes from)"
	var dns *net.DNSError
	var nerr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return ": nothing listens there (is the server running?)" + where
	case errors.As(err, &dns) && dns.IsNotFound:
		return ": no such host" + where
	case errors.As(err, &nerr) && nerr.Timeout():
		return ": no answer (is the server running and reachable from here?)" + where
	}
	return ""
}
