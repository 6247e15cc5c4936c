// Package scriptdir is the script directory on disk, like Alembic's
// ScriptDirectory: the version locations and their Go and SQL revision
// files (header parsing with go/parser, SQL directives, the per-dialect
// statement lexer), checksums, the header cache, and the writing of new
// revision files from templates. It reads and writes files; the graph is
// package versions, execution is package runner.
package scriptdir

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/migratego/migrate/versions"
)

// Script is one revision file of a script directory: the header the
// revision graph needs (the embedded versions.Revision, whose Path names
// the file), and what running and verifying the revision needs: the
// file's kind, checksum and, for SQL, its sections. Alembic separates its
// Revision and Script the same way.
type Script struct {
	*versions.Revision
	// Kind is KindGo or KindSQL.
	Kind string
	// Checksum is the hex SHA-256 of the file's bytes, recorded in the
	// history table and checked by `migrate verify`. It is empty for a
	// script whose header came from a HeaderCache.
	Checksum string
	// SQL holds a SQL revision's sections; nil for Go revisions. For a
	// script whose header came from a HeaderCache only Dialect is set.
	SQL *SQLScript
}

// SQLScript is the body of a SQL revision file.
type SQLScript struct {
	// Dialect restricts the script to one database ("postgres", "mysql",
	// "sqlite"); empty means any.
	Dialect string
	// Upgrade and Downgrade are the raw texts of the two sections; the
	// runner splits them into statements with the dialect's lexer.
	Upgrade   string
	Downgrade string
	// UpgradeLine and DowngradeLine are the file lines on which the two
	// texts start (0 when the section is absent), so that statement
	// errors name lines of the file.
	UpgradeLine   int
	DowngradeLine int
	// LintIgnores are the "-- migrate:lint-ignore" directives of the
	// file, in order: before UpgradeLine they cover the whole revision,
	// in a section the statement after them (package lint reads them).
	LintIgnores []LintIgnore
}

// LintIgnore is one "-- migrate:lint-ignore RULE reason" directive.
type LintIgnore struct {
	// Line is the directive's line in the file.
	Line int
	// Text is what follows the directive: the rule and the reason.
	Text string
}

// Headers returns the headers of scripts, in the same order: what
// versions.NewGraph takes.
func Headers(scripts []*Script) []*versions.Revision {
	revs := make([]*versions.Revision, len(scripts))
	for i, s := range scripts {
		revs[i] = s.Revision
	}
	return revs
}

// Script kinds, the values of Script.Kind.
const (
	KindGo  = "go"
	KindSQL = "sql"
)

// FileError is a problem in one revision file. Path names the file as it
// was loaded; Line is 1-based, or 0 when the problem concerns the whole
// file. Every error of the file readers and the loader is a *FileError (or
// an errors.Join of them), so that callers can find the culprit with
// errors.As.
type FileError struct {
	Path string
	Line int
	Err  error
}

// Error implements the error interface.
func (e *FileError) Error() string {
	msg := e.Err.Error()
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}

// Unwrap returns the underlying problem.
func (e *FileError) Unwrap() error { return e.Err }

// fileErrorf builds a *FileError with a formatted message.
func fileErrorf(path string, line int, format string, args ...any) *FileError {
	return &FileError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// errNotRevision marks a .go file that holds no revision at all (a helper
// file in the versions package); the loader skips such files.
var errNotRevision = errors.New("not a revision file")

// ParseRevisionFile reads the metadata of one revision file, choosing the
// reader by the file's extension: ParseGoRevision for .go and
// ParseSQLRevision for .sql. The returned script is complete: header
// (with Path), Kind, Checksum and, for SQL, the sections.
func ParseRevisionFile(name string, src []byte) (*Script, error) {
	switch ext := path.Ext(name); {
	case ext == ".go":
		return ParseGoRevision(name, src)
	case strings.EqualFold(ext, ".sql"):
		return ParseSQLRevision(name, src)
	}
	return nil, fileErrorf(name, 0, "not a revision file: the extension must be .go or .sql")
}
