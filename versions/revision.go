// Package versions holds the revision graph with Alembic's semantics
// (branches, merges, labels, dependencies), the identifier grammar, and
// upgrade, downgrade and stamp planning. It is pure: no I/O, no database.
// Package scriptdir reads and writes the revision files; package runner
// executes plans.
package versions

// Revision is the header of one migration: what the revision graph needs
// to know of it. The files that hold the revisions are scriptdir.Scripts;
// the compiled code of Go revisions is a runner.Revision.
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
	// Replaces lists the revisions this one was squashed from (`migrate
	// squash`), oldest first; the last is the revision whose id it keeps.
	// See NewGraph for when it stands in for them.
	Replaces []string
	// Path names the file the header was read from, for messages (graph
	// errors name the files at fault); empty for a revision that has no
	// file (compiled only).
	Path string
}

// IsBase reports whether the revision revises nothing.
func (r *Revision) IsBase() bool { return len(r.Revises) == 0 }

// IsMergePoint reports whether the revision revises two or more revisions.
func (r *Revision) IsMergePoint() bool { return len(r.Revises) > 1 }

// IDs returns the ids of revs, in order (an empty, non-nil slice for
// none).
func IDs(revs []*Revision) []string {
	out := make([]string, len(revs))
	for i, r := range revs {
		out[i] = r.ID
	}
	return out
}
