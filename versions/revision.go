// Package versions holds revision files (Go and SQL), the revision graph
// with Alembic's semantics (branches, merges, labels, dependencies), the
// identifier grammar, upgrade and downgrade planning, and the runner.
package versions

import (
	"context"

	"github.com/migratego/migrate/ops"
)

// Revision is one migration: a node of the revision graph.
type Revision struct {
	// ID is unique across the project: 12 lower-case hex characters by
	// default, or a custom id without '@', '-', '+' or ':'.
	ID string
	// Revises lists the parents: none for a base, one normally, several
	// for a merge point.
	Revises []string
	// BranchLabels name a line of development (see Graph for propagation).
	BranchLabels []string
	// DependsOn lists revision ids or labels that must be applied first,
	// without merging the branches.
	DependsOn []string
	// Message is the one-line description given to `migrate revision -m`.
	Message string
	// CreateDate is when the file was written, "2006-01-02 15:04:05".
	CreateDate string
	// NonTransactional runs the revision outside a transaction.
	NonTransactional bool

	// Upgrade and Downgrade run the revision's operations (Go revisions).
	Upgrade   func(ctx context.Context, op *ops.Op) error
	Downgrade func(ctx context.Context, op *ops.Op) error

	// Source describes where the revision came from; set by the loader.
	Source *Source
}

// Source is the file a revision was read from.
type Source struct {
	// Path is the file path as loaded (relative to the version location
	// when it was loaded from an fs.FS).
	Path string
	// Kind is "go" or "sql".
	Kind string
	// Checksum is the hex SHA-256 of the file's bytes, recorded in the
	// history table and checked by `migrate verify`.
	Checksum string
	// SQL holds a SQL revision's parsed sections; nil for Go revisions.
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
}

// IsBase reports whether the revision revises nothing.
func (r *Revision) IsBase() bool { return len(r.Revises) == 0 }

// IsMergePoint reports whether the revision revises two or more revisions.
func (r *Revision) IsMergePoint() bool { return len(r.Revises) > 1 }
