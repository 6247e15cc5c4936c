package runner

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// StatementError is a statement of a revision that the database refused
// (or that was interrupted). It names the revision, the file and line,
// the statement and the database's message, and says what state the
// revision was left in: only what is known to be true.
type StatementError struct {
	// Step is the step that failed, e.g. "upgrade a -> b"; Direction is
	// upgrade or downgrade.
	Step      string
	Direction string
	// Revision and Path name the revision and its file.
	Revision string
	Path     string
	// GoRevision marks a Go revision (its statements are those its code
	// ran).
	GoRevision bool
	// Index is the 1-based position of the statement in the revision's
	// section, Count the number of statements there (0 for Go revisions,
	// whose statements are not known in advance), and Line the statement's
	// line in the file (0 when unknown).
	Index, Count, Line int
	// Statement is the SQL text.
	Statement string
	// Outcome is what is known of the statement: NotRun (refused, or
	// cancelled and rolled back) or Unknown (interrupted outside a
	// transaction: it may have taken effect).
	Outcome Outcome
	// Note adds what the runner found or did about the statement (an
	// INVALID index it dropped).
	Note string
	// Applied lists the statements of this revision that ran and were
	// committed before the failure and are not rolled back (databases
	// without transactional DDL, autocommit blocks), including those an
	// earlier run applied; empty when the revision's transaction was
	// rolled back.
	Applied []string
	// Resumed is how many of Applied an earlier run applied.
	Resumed int
	// Outside says, in the database's words, why statements ran outside
	// a transaction.
	Outside string
	// RolledBack reports that the revision's transaction was rolled back:
	// nothing of it remains and the version table is unchanged.
	RolledBack bool
	// WholeRun reports that the whole run was one transaction (--transaction
	// all) and was rolled back: the database is as before the run.
	WholeRun bool
	// LostSteps are earlier steps of the run that shared the failed
	// revision's transaction (SQLite) and were rolled back with it when
	// the statement was interrupted.
	LostSteps []string
	// Raced reports that the statements all ran but the version-table
	// update was refused as a write conflict with another session (on a
	// Galera cluster, a certification failure): another runner may have
	// applied the same revision, so resuming is not offered.
	Raced bool
	// RecordErr is set when the failure could not be written to the
	// history table (for example because the connection was lost).
	RecordErr error
	// Err is the database's error.
	Err error
}

// Error implements the error interface.
func (e *StatementError) Error() string {
	var b strings.Builder
	where := e.Path
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	if msg, ok := dialect.BatchRefusal(e.Err); ok {
		// The statement is migrate's guard of a SQLite rebuild, not the
		// revision's: its message is the whole story.
		fmt.Fprintf(&b, "%s (%s) failed: SQLite cannot rebuild the table: %s", e.Step, where, msg)
	} else if e.Statement == "" {
		// An operation of a Go revision refused before any statement: its
		// message names the operation; the package it came from is noise.
		fmt.Fprintf(&b, "%s (%s) failed: %s", e.Step, where, strings.TrimPrefix(e.Err.Error(), "ops: "))
	} else {
		fmt.Fprintf(&b, "%s (%s) failed at statement %d", e.Step, where, e.Index)
		if e.Count > 0 {
			fmt.Fprintf(&b, " of %d", e.Count)
		}
		fmt.Fprintf(&b, ": %v\n  statement: %s", e.Err, abbreviate(e.Statement, 400))
	}
	if e.Note != "" {
		b.WriteString("\n" + e.Note)
	}
	switch {
	case e.WholeRun:
		b.WriteString("\nthe whole run was rolled back (--transaction all): the database and the version table are as before it")
	case e.RolledBack:
		b.WriteString("\nthe revision was rolled back: nothing of it was applied and the version table is unchanged")
	case e.Raced:
		e.writeApplied(&b)
		b.WriteString("\nanother migrate process changed the version table at the same moment, and the database refused this run's update as a write conflict" +
			" (on a Galera cluster, a certification failure): that process may have applied this revision too, so there is nothing to resume here." +
			" Run `migrate current` and `migrate history --applied`, check the data this revision changes for changes made twice, then run the command again;" +
			" and make sure every runner takes the same migration lock (lock in migrate.toml)")
	case e.Outcome == Unknown:
		fmt.Fprintf(&b, "\nstatement %d was running outside a transaction when the run was interrupted or lost its connection: it may or may not have taken effect, and migrate will not guess", e.Index)
		e.writeApplied(&b)
		fmt.Fprintf(&b, "\ncheck the database, then run the same command again with --resume-at %d to run statement %d again, or with --resume-at %d if it took effect (or put the database back as before or after the revision by hand and use `migrate stamp`)",
			e.Index, e.Index, e.Index+1)
	case len(e.Applied) == 0:
		b.WriteString("\nno statement of this revision had run; the version table is unchanged")
	default:
		e.writeApplied(&b)
		next := len(e.Applied) + 1
		fmt.Fprintf(&b, "\nfix the cause, then run the same command again to resume at statement %d (the statements that ran must stay unchanged; the others may be edited), or fix the database by hand and use `migrate stamp`", next)
	}
	if len(e.LostSteps) > 0 {
		fmt.Fprintf(&b, "\nthe interruption also rolled back the revisions before it that shared its transaction (reported done above): %s", strings.Join(e.LostSteps, ", "))
	}
	if e.RecordErr != nil {
		fmt.Fprintf(&b, "\n(the failure could not be recorded in the history table: %v)", e.RecordErr)
	}
	return b.String()
}

// writeApplied lists the statements that ran and stay applied.
func (e *StatementError) writeApplied(b *strings.Builder) {
	if len(e.Applied) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%d statement(s) of this revision ran and stay applied", len(e.Applied))
	if e.Outside != "" {
		fmt.Fprintf(b, " (%s)", e.Outside)
	}
	b.WriteString(":")
	for i, s := range e.Applied {
		fmt.Fprintf(b, "\n  %d. %s", i+1, abbreviate(s, 120))
	}
}

// Unwrap returns the database's error.
func (e *StatementError) Unwrap() error { return e.Err }

// abbreviate shortens s to one line of at most n bytes.
func abbreviate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + " …"
	}
	return s
}

// NotCompiledError is a Go revision that must run, in a program that does
// not contain the project's compiled Go revisions (the standalone migrate
// binary reads Go revision files but cannot execute them).
type NotCompiledError struct {
	Revision string
	Path     string
	// Advice says what to do; empty means the command-line tool's advice
	// (a Go toolchain, or a binary made by migrate build). Programs that
	// run migrations themselves set their own (the library facade names
	// Source.Registry).
	Advice string
}

// notCompiledCLIAdvice is the default advice of NotCompiledError.
const notCompiledCLIAdvice = "Go revisions must be compiled with the project (run migrate where a Go toolchain is available, or deploy a binary made by `migrate build -o FILE`)"

// Error implements the error interface.
func (e *NotCompiledError) Error() string {
	advice := e.Advice
	if advice == "" {
		advice = notCompiledCLIAdvice
	}
	return fmt.Sprintf("revision %s (%s) is a Go revision and is not compiled into this program: %s",
		e.Revision, e.Path, advice)
}

// UnknownRevisionError is a version-table row naming a revision that the
// loaded scripts do not have.
type UnknownRevisionError struct {
	Revision string
	Table    string
	// SquashedInto is the squashed revision that replaced Revision, when
	// one did (versions.Graph.ReplacedBy).
	SquashedInto string
	// Stamping marks the error of a stamp, which --purge makes without
	// reading the rows.
	Stamping bool
}

// Error implements the error interface.
func (e *UnknownRevisionError) Error() string {
	if e.SquashedInto != "" {
		return fmt.Sprintf("the database is at revision %s, which was squashed into %s and whose file is gone: the database stopped inside the squashed range. "+
			"Restore the replaced files (migrate squash --keep keeps them), upgrade this database to %s or later, then remove them again (version table %s)", e.Revision, e.SquashedInto, e.SquashedInto, e.Table)
	}
	msg := fmt.Sprintf("the database is at revision %s, which is not in the scripts: is the database newer than this checkout? (version table %s)", e.Revision, e.Table)
	if e.Stamping {
		msg += "; to replace the rows without reading them, stamp with --purge"
	}
	return msg
}

// VersionTableError is a version-table statement that did not touch
// exactly one row: the table was changed concurrently or edited by hand.
type VersionTableError struct {
	Step     string
	Revision string
	Table    string
	// Statement is "UPDATE" or "DELETE" (or "INSERT" for a duplicate row).
	Statement string
	// Row is the version_num the statement expected.
	Row string
	// Affected is how many rows it touched.
	Affected int64
}

// Error implements the error interface.
func (e *VersionTableError) Error() string {
	if e.Statement == "INSERT" {
		return fmt.Sprintf("%s (revision %s): version table %s changed concurrently or edited by hand: it already has a row with version_num='%s'",
			e.Step, e.Revision, e.Table, e.Row)
	}
	return fmt.Sprintf("%s (revision %s): version table %s changed concurrently or edited by hand: expected one row with version_num='%s', %s touched %d",
		e.Step, e.Revision, e.Table, e.Row, e.Statement, e.Affected)
}

// VersionRowsError is a version table whose rows cannot be right: the
// same revision twice, a revision together with one of its ancestors, or
// rows that do not match what a step expects. It is found before any
// statement runs.
type VersionRowsError struct {
	Table string
	// Rows are the table's rows.
	Rows []string
	// Problem says what is wrong.
	Problem string
}

// Error implements the error interface.
func (e *VersionRowsError) Error() string {
	return fmt.Sprintf("version table %s is inconsistent (rows: %s): %s; nothing was run. Fix the rows by hand, or set them with `migrate stamp --purge REV…`",
		e.Table, strings.Join(e.Rows, ", "), e.Problem)
}

// PartialRevisionError is a revision that an earlier run left partly
// applied (on a database without transactional DDL, or in an autocommit
// block) and that this run cannot resume on its own.
type PartialRevisionError struct {
	// Step is the step that was interrupted, e.g. "upgrade a -> b".
	Step      string
	Direction string
	Revision  string
	Path      string
	// Done is how many of its statements ran.
	Done int
	// Unknown marks statement Done+1 as of unknown outcome; Statement is
	// its text when the file still has it.
	Unknown   bool
	Statement string
	// Reason says why it cannot be resumed.
	Reason string
	// StampBefore and StampAfter are the `migrate stamp` arguments that
	// record the state before and after the step ("base" for none).
	StampBefore, StampAfter string
}

// Error implements the error interface.
func (e *PartialRevisionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "an earlier run left %s (%s) partly applied: %d statement(s) ran", e.Step, e.Path, e.Done)
	if e.Unknown {
		fmt.Fprintf(&b, ", and the outcome of statement %d is unknown (it was running outside a transaction when that run was interrupted)", e.Done+1)
		if e.Statement != "" {
			fmt.Fprintf(&b, ":\n  statement %d: %s\n", e.Done+1, abbreviate(e.Statement, 400))
		} else {
			b.WriteString("; ")
		}
	} else {
		b.WriteString("; ")
	}
	b.WriteString(e.Reason + ".")
	if e.Unknown {
		fmt.Fprintf(&b, " Check the database, then run the %s command again with --resume-at %d to run statement %d again, or with --resume-at %d if it took effect;",
			e.Direction, e.Done+1, e.Done+1, e.Done+2)
		b.WriteString(" or fix the database by hand so that it matches either the state before the revision or after it, then run ")
	} else {
		b.WriteString(" Fix the database by hand so that it matches either the state before the revision or after it, then run ")
	}
	fmt.Fprintf(&b, "`migrate stamp %s` (before) or `migrate stamp %s` (after) and run the command again", e.StampBefore, e.StampAfter)
	return b.String()
}

// TransactionModeError is a run that cannot be done with the requested
// transaction mode.
type TransactionModeError struct{ Msg string }

// Error implements the error interface.
func (e *TransactionModeError) Error() string { return e.Msg }
