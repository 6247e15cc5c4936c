package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// expandEnv replaces ${VAR} and $VAR with the value of the environment
// variable VAR; "$$" is a literal "$". An unset variable is an error, so
// that a missing secret is reported instead of becoming an empty password.
func expandEnv(s string, lookup func(string) (string, bool)) (string, error) {
	var missing []string
	out := os.Expand(s, func(name string) string {
		if name == "$" {
			return "$"
		}
		v, ok := lookup(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("environment variable %s is not set (write $$ for a literal $)", strings.Join(missing, ", "))
	}
	return out, nil
}

// resolveSQLiteURL makes the relative file path of a SQLite URL written in
// migrate.toml relative to the file's directory, so that every directory
// of the project uses the same database file. Other URLs, absolute paths
// and in-memory databases are returned unchanged.
func resolveSQLiteURL(raw, base string) string {
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
