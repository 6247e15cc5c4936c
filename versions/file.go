package versions

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// Source kinds, the values of Source.Kind.
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
// ParseSQLRevision for .sql. The returned revision's Source is filled in
// (Path, Kind, Checksum and, for SQL, the script).
func ParseRevisionFile(name string, src []byte) (*Revision, error) {
	switch ext := path.Ext(name); {
	case ext == ".go":
		return ParseGoRevision(name, src)
	case strings.EqualFold(ext, ".sql"):
		return ParseSQLRevision(name, src)
	}
	return nil, fileErrorf(name, 0, "not a revision file: the extension must be .go or .sql")
}
