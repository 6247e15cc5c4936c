// Package lint reads revisions before they are deployed and reports the
// changes that hurt a live database: destructive changes (dropping a table
// or a column), changes that break the code still running (renames),
// changes whose success depends on the data (a NOT NULL column without a
// default, a new unique constraint), and changes that lock a busy table
// for long (PostgreSQL index builds without CONCURRENTLY, table rewrites,
// full-table validations; MySQL table copies; SQLite table rebuilds).
//
// Each Rule has an id, a severity, the lock it takes where the lock is
// the hazard, and the safe alternative. Findings can be accepted with a
// reason, in SQL revisions by "-- migrate:lint-ignore RULE reason" (in the
// header for the whole revision, or on the lines before a statement) and
// in Go revisions by "// migrate:lint-ignore RULE reason" (in the file
// header, before the first declaration after the imports, or on the line
// of the operation or the line above it). A suppression without a reason
// is itself a finding.
//
// How revisions are read:
//
//   - A SQL revision's upgrade section is split into statements by the
//     lexer of package scriptdir, and each statement is classified by its
//     tokens (dialect.Tokens) into changes (Change): ALTER TABLE clause by
//     clause. A statement that cannot be classified is reported as such
//     (rule unclassified, info): lint never guesses what it does.
//   - A Go revision's upgrade is run on a recording ops.Op
//     (ops.NewRecordingOp), which connects to nothing and captures every
//     operation given to Run and every SQL statement, with the line of the
//     revision file that asked for it. Go revisions are compiled, so lint
//     runs in the project's compiled runner, as upgrade does. The
//     operations are changes read from their fields; their raw SQL is
//     classified like a SQL revision's.
//   - The schema each revision sees is followed by applying the recorded
//     operations to a model (ops.Apply) from base up to the revision.
//     An operation that cannot apply itself (raw SQL, a custom operation
//     without Apply) makes the schema unknown from there on: lint says so
//     (rule schema-unknown, info) and the rules that need the schema (the
//     type a column had) say what they cannot know instead of guessing.
//
// A table is "existing" when it exists before the revisions being linted:
// a table created in the linted range (in the same revision or an earlier
// one of the range) is new, and the rules about busy tables do not apply
// to it.
package lint
