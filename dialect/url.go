package dialect

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// URL is a parsed database URL: which dialect, which database/sql driver
// and DSN open it, and a redacted form that is safe to print.
type URL struct {
	// Dialect is "postgres", "mysql" or "sqlite".
	Dialect string
	// Driver and DSN are what sql.Open receives.
	Driver string
	DSN    string
	// Database is the database (PostgreSQL, MySQL) or file (SQLite) name;
	// ":memory:" for an in-memory SQLite database.
	Database string
	// Redacted is the URL with any password replaced by "xxxxx"; use it in
	// every message.
	Redacted string
}

// Memory reports whether the URL names an in-memory SQLite database, which
// lives only as long as its one connection.
func (u *URL) Memory() bool { return u.Dialect == "sqlite" && u.Database == ":memory:" }

// FileMissing reports whether the URL names a database file that does not
// exist yet (SQLite), which opening would create: read-only commands
// answer "nothing applied" instead of creating it.
func (u *URL) FileMissing() bool {
	if u.Dialect != "sqlite" || u.Memory() {
		return false
	}
	_, err := os.Stat(u.Database)
	return errors.Is(err, os.ErrNotExist)
}

// ResolveFileURL makes the relative file path of a file database URL
// (SQLite) relative to base, so that a URL written in a configuration file
// names the same file from every directory. Other URLs, absolute paths and
// in-memory databases are returned unchanged.
func ResolveFileURL(raw, base string) string {
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok {
		return raw
	}
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3", "file":
	default:
		return raw
	}
	p, query, hasQuery := strings.Cut(rest, "?")
	switch {
	case strings.HasPrefix(p, "///"):
		return raw // sqlite:///abs/path
	case strings.HasPrefix(p, "//"):
		p = p[2:]
	}
	if p == "" || strings.HasPrefix(p, ":memory:") || filepath.IsAbs(p) ||
		strings.Contains(query, "mode=memory") {
		return raw
	}
	out := scheme + ":" + filepath.Join(base, p)
	if hasQuery {
		out += "?" + query
	}
	return out
}

// URLError is a URL that cannot be parsed; its message never contains
// the password.
type URLError struct {
	Redacted string
	Reason   string
}

// Error implements the error interface.
func (e *URLError) Error() string {
	return fmt.Sprintf("database URL %q: %s", e.Redacted, e.Reason)
}

const urlForms = "use postgres://user:pass@host:5432/db, mysql://user:pass@host:3306/db, " +
	"user:pass@tcp(host:3306)/db, sqlite:path/to.db or sqlite::memory:"

// ParseURL reads a database URL:
//
//	postgres://user:pass@host:5432/db?sslmode=disable   (also postgresql://)
//	mysql://user:pass@host:3306/db?param=value
//	user:pass@tcp(host:3306)/db                          (go-sql-driver DSN)
//	sqlite:path/to.db, sqlite:///abs/path.db, sqlite::memory:
//
// Unknown schemes get an error listing the accepted forms; no message ever
// contains the password.
func ParseURL(raw string) (*URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, &URLError{Reason: "empty; " + urlForms}
	}
	scheme, rest, hasScheme := strings.Cut(raw, ":")
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return parsePostgresURL(raw)
	case "mysql":
		if strings.HasPrefix(rest, "//") {
			return parseMySQLURL(raw)
		}
	case "sqlite", "sqlite3", "file":
		return parseSQLiteURL(raw, rest)
	}
	if strings.Contains(raw, "@tcp(") || strings.Contains(raw, "@unix(") || strings.Contains(raw, "@/") {
		return parseMySQLDSN(raw)
	}
	red := raw
	if u, err := url.Parse(raw); err == nil {
		red = redactedURL(u)
	} else {
		red = redactQueryIn(redactUnparsable(raw))
	}
	if !hasScheme {
		return nil, &URLError{Redacted: red, Reason: "no scheme; " + urlForms}
	}
	return nil, &URLError{Redacted: red, Reason: fmt.Sprintf("unknown scheme %q; %s", scheme, urlForms)}
}

func parsePostgresURL(raw string) (*URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &URLError{Redacted: redactUnparsable(raw), Reason: "malformed URL: " + cleanURLErr(err)}
	}
	db := strings.TrimPrefix(u.Path, "/")
	if db == "" {
		db = u.Query().Get("dbname")
	}
	return &URL{Dialect: "postgres", Driver: "pgx", DSN: raw, Database: db, Redacted: redactedURL(u)}, nil
}

func parseMySQLURL(raw string) (*URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &URLError{Redacted: redactUnparsable(raw), Reason: "malformed URL: " + cleanURLErr(err)}
	}
	dsn := &mysqlDSN{user: u.User.Username(), net: "tcp", dbname: strings.TrimPrefix(u.Path, "/")}
	dsn.passwd, _ = u.User.Password()
	host := u.Host
	if host == "" {
		host = "127.0.0.1"
	}
	if _, _, err := net.SplitHostPort(host); err != nil {
		host = net.JoinHostPort(strings.Trim(host, "[]"), "3306")
	}
	dsn.addr = host
	// The driver reads the parameters exactly as in a native DSN.
	dsn.params = u.Query().Encode()
	return mysqlURL(dsn, u.Redacted()), nil
}

func parseMySQLDSN(raw string) (*URL, error) {
	dsn, err := parseMySQLDSNParts(raw)
	if err != nil {
		return nil, &URLError{Redacted: redactUnparsable(raw), Reason: "malformed MySQL DSN: " + err.Error()}
	}
	red := *dsn
	if red.passwd != "" {
		red.passwd = "xxxxx"
	}
	red.params = withoutParam(red.params, mysqlMultiStatements)
	return mysqlURL(dsn, red.format()), nil
}

// mysqlURL fixes the driver options the tool relies on: statements are sent
// one at a time (no multiStatements), and DATETIME values come back as text
// unless the user asked otherwise (the driver's default).
func mysqlURL(dsn *mysqlDSN, redacted string) *URL {
	dsn.params = withoutParam(dsn.params, mysqlMultiStatements)
	return &URL{Dialect: "mysql", Driver: "mysql", DSN: dsn.format(), Database: dsn.dbname, Redacted: redacted}
}

func parseSQLiteURL(raw, rest string) (*URL, error) {
	path := rest
	query := ""
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path, query = path[:i], path[i+1:]
	}
	switch {
	case strings.HasPrefix(path, "///"): // sqlite:///abs/path
		path = path[2:]
	case strings.HasPrefix(path, "//"): // sqlite://relative/path
		path = path[2:]
	}
	if path == "" {
		return nil, &URLError{Redacted: raw, Reason: "no file name; use sqlite:path/to.db or sqlite::memory:"}
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return nil, &URLError{Redacted: raw, Reason: "malformed query: " + err.Error()}
	}
	// Foreign keys are enforced and writers wait for a busy database
	// instead of failing at once; the user's own parameters come after.
	q["_pragma"] = append([]string{"foreign_keys(1)", "busy_timeout(10000)"}, q["_pragma"]...)
	if q.Get("_txlock") == "" {
		q.Set("_txlock", "immediate")
	}
	dsn := "file:" + path + "?" + q.Encode()
	return &URL{Dialect: "sqlite", Driver: "sqlite", DSN: dsn, Database: path, Redacted: redactQueryIn(raw)}, nil
}

// redactUnparsable masks everything before the last '@' of a string that
// is not a parsable URL, since a password may hide anywhere in it.
func redactUnparsable(raw string) string {
	if at := strings.LastIndex(raw, "@"); at >= 0 {
		if i := strings.Index(raw, "://"); i >= 0 && i < at {
			return raw[:i+3] + RedactedPassword + raw[at:]
		}
		return RedactedPassword + raw[at:]
	}
	return raw
}

// cleanURLErr drops the URL that net/url repeats in its errors (it may
// contain a password).
func cleanURLErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
