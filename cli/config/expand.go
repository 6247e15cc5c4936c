package config

import (
	"fmt"
	"os"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// fileURL is the database_url of migrate.toml as written, before
// expansion: ${VAR} references are expanded only when the file's value is
// the one in use (no flag or environment variable overrides it), and an
// unset variable is reported only to the commands that need the URL.
type fileURL struct {
	text   string
	line   int
	lookup func(string) (string, bool)
}

// expandFileURL resolves the file's database_url when it is the value in
// use: variables expanded, a relative SQLite path made relative to the
// file. An unset variable leaves DatabaseURL empty and is kept as the
// error DatabaseURLValue returns; Load itself does not fail, so that the
// commands that never connect (heads, revision, upgrade --sql…) work
// without the secrets.
func (c *Config) expandFileURL() {
	f := c.fileURL
	if f == nil {
		return
	}
	if c.Sources["database_url"] != c.File {
		// Overridden: never expanded, but a literal password in it is
		// still masked in messages.
		c.seenURLs = append(c.seenURLs, f.text)
		return
	}
	u, err := expandEnv(f.text, f.lookup)
	if err != nil {
		c.DatabaseURL = ""
		c.urlErr = &Error{File: c.File, Line: f.line, Msg: fmt.Sprintf(
			"database_url: %v; set it, or give the URL with --database-url, MIGRATE_DATABASE_URL or DATABASE_URL", err)}
		return
	}
	c.seenURLs = append(c.seenURLs, u)
	c.DatabaseURL = dialect.ResolveFileURL(u, c.Dir)
}

// DatabaseURLValue returns the database URL in use, for the commands that
// connect: empty when none is configured, or the *Error saying which
// environment variable the file's database_url needs.
func (c *Config) DatabaseURLValue() (string, error) {
	if c.urlErr != nil {
		return "", c.urlErr
	}
	return c.DatabaseURL, nil
}

// DatabaseURLForDialect returns the database URL with unset environment
// variables expanded to nothing: enough to learn the dialect for offline
// work (--sql), which never connects. Use DatabaseURLValue to connect.
func (c *Config) DatabaseURLForDialect() string {
	if c.urlErr == nil || c.fileURL == nil {
		return c.DatabaseURL
	}
	u, _ := expand(c.fileURL.text, c.fileURL.lookup)
	return dialect.ResolveFileURL(u, c.Dir)
}

// expandEnv replaces ${VAR} and $VAR with the value of the environment
// variable VAR; "$$" is a literal "$". An unset variable is an error, so
// that a missing secret is reported instead of becoming an empty password.
func expandEnv(s string, lookup func(string) (string, bool)) (string, error) {
	out, missing := expand(s, lookup)
	if len(missing) > 0 {
		return "", fmt.Errorf("environment variable %s is not set (write $$ for a literal $)", strings.Join(missing, ", "))
	}
	return out, nil
}

// expand is expandEnv with unset variables expanded to nothing and
// returned as missing.
func expand(s string, lookup func(string) (string, bool)) (out string, missing []string) {
	out = os.Expand(s, func(name string) string {
		if name == "$" {
			return "$"
		}
		v, ok := lookup(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	return out, missing
}
