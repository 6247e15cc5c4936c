package ops

import (
	"path"
	"runtime"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// Recorded is one thing a revision's code asked its Op to do, captured by
// a recording Op (NewRecordingOp) instead of being run: an operation given
// to Run, or a SQL statement (Execute, or a data statement of Exec,
// UpdateRows or Backfill rendered with its values as literals).
type Recorded struct {
	// Operation is the operation given to Run; nil for a statement.
	Operation Operation
	// Index is the operation's position among the operations of its Run
	// call (0 for the first), so that a tool can find its own line in the
	// call.
	Index int
	// SQL is the statement; "" for an operation.
	SQL string
	// Callers are the calls that led to the record, innermost first,
	// without the frames of this package and of package query: the first
	// one inside a revision file is where the revision asked for it.
	Callers []Caller
}

// Caller is one frame of a Recorded's call stack.
type Caller struct {
	File string
	Line int
}

// NewRecordingOp returns an Op that runs nothing and connects to nothing:
// it hands every operation and statement a revision asks for to record,
// in order, which is how lint reads what a Go revision does without a
// database. It behaves as in --sql mode (Offline reports true): statements
// are rendered with literal values, and a read (Query, QueryRow, Stream,
// a Backfill with Apply) fails with a *ReadOfflineError, since no rows
// can be returned. An error from record stops the revision's code.
func NewRecordingOp(d dialect.Dialect, record func(Recorded) error) *Op {
	o := &Op{Dialect: d}
	o.record = record
	o.emit = func(stmt string) error {
		return record(Recorded{SQL: stmt, Callers: callers()})
	}
	return o
}

// recordRun records the operations of one Run call.
func (o *Op) recordRun(operations []Operation) error {
	at := callers()
	for i, op := range operations {
		if err := o.record(Recorded{Operation: op, Index: i, Callers: at}); err != nil {
			return err
		}
	}
	return nil
}

// callers returns the call stack of the caller of this package's
// recording code, without the frames of packages ops and query and of the
// runtime.
func callers() []Caller {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []Caller
	for {
		f, more := frames.Next()
		if !internalFrame(f) {
			out = append(out, Caller{File: f.File, Line: f.Line})
		}
		if !more {
			return out
		}
	}
}

// internalFrame reports whether a frame belongs to the code a Recorded
// leaves out: the runtime, and the sources of packages ops and query,
// told by their directory (a closure inlined into a caller outside them
// is named after the caller).
func internalFrame(f runtime.Frame) bool {
	if strings.HasPrefix(f.Function, "runtime.") {
		return true
	}
	dir := path.Dir(f.File)
	return (dir == opsDir || dir == queryDir) && !strings.HasSuffix(f.File, "_test.go")
}

// opsDir and queryDir are the source directories of packages ops and
// query, as stack frames name them.
var opsDir, queryDir = sourceDirs()

func sourceDirs() (string, string) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", ""
	}
	dir := path.Dir(file)
	return dir, path.Join(path.Dir(dir), "query")
}

// Recording reports whether o records instead of running (NewRecordingOp).
func (o *Op) Recording() bool { return o.record != nil }
