package versions

import (
	"fmt"
	"strings"
)

// GraphErrorKind says what is wrong with a revision graph.
type GraphErrorKind int

// The kinds of GraphError.
const (
	// DuplicateID: two revisions share one id.
	DuplicateID GraphErrorKind = iota + 1
	// UnknownParent: a revision revises an id that is not present.
	UnknownParent
	// UnknownDependency: depends_on names an id or label that is not present.
	UnknownDependency
	// SelfLoop: a revision revises itself.
	SelfLoop
	// DependencySelfLoop: a revision depends on itself.
	DependencySelfLoop
	// Cycle: the revises links form a cycle.
	Cycle
	// DependencyCycle: revises and depends_on links together form a cycle.
	DependencyCycle
	// DuplicateLabel: a branch label is declared twice, or equals a
	// revision id (labels and ids share one namespace).
	DuplicateLabel
	// InvalidID: a revision id contains '@', '-', '+' or ':', is empty,
	// is longer than 255 characters or is a reserved word.
	InvalidID
	// DuplicateParent: a revision lists the same parent (or dependency)
	// twice.
	DuplicateParent
	// PartialSquash: some of the revisions a squashed revision replaces
	// are present and some are not.
	PartialSquash
)

var graphErrorKindNames = map[GraphErrorKind]string{
	DuplicateID:        "duplicate revision id",
	UnknownParent:      "unknown parent",
	UnknownDependency:  "unknown dependency",
	SelfLoop:           "self-loop",
	DependencySelfLoop: "dependency self-loop",
	Cycle:              "cycle",
	DependencyCycle:    "dependency cycle",
	DuplicateLabel:     "duplicate branch label",
	InvalidID:          "invalid revision id",
	DuplicateParent:    "duplicate parent",
	PartialSquash:      "partly replaced squash",
}

// String names the kind in a few words.
func (k GraphErrorKind) String() string {
	if s, ok := graphErrorKindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("GraphErrorKind(%d)", int(k))
}

// GraphError is one problem found while building a Graph. Its message
// follows Alembic's wording and names the culprits: the revision ids and
// the files they were loaded from. NewGraph returns a single *GraphError
// or an errors.Join of several; use errors.As to inspect them.
type GraphError struct {
	Kind GraphErrorKind
	// IDs are the revisions at fault: the revision that declares the bad
	// reference first, or the revisions on a cycle in cycle order.
	IDs []string
	// Ref is the missing or duplicated name (parent id, dependency, label).
	Ref string
	// Files are the source paths of the revisions in IDs, where known.
	Files []string
	// Msg is the Alembic-style message without the file list.
	Msg string
	// Hint says what to do, after the file list; empty when the message
	// says it.
	Hint string
}

// Error returns "revision graph: <message> (file <paths>): <hint>".
func (e *GraphError) Error() string {
	var b strings.Builder
	b.WriteString("revision graph: ")
	b.WriteString(e.Msg)
	switch len(e.Files) {
	case 0:
	case 1:
		fmt.Fprintf(&b, " (file %s)", e.Files[0])
	default:
		fmt.Fprintf(&b, " (files %s)", strings.Join(e.Files, ", "))
	}
	if e.Hint != "" {
		b.WriteString(": ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// newGraphError builds a GraphError for the given revisions, collecting
// their file paths.
func newGraphError(kind GraphErrorKind, ref string, revs []*Revision, format string, args ...any) *GraphError {
	e := &GraphError{Kind: kind, Ref: ref, Msg: fmt.Sprintf(format, args...)}
	seen := map[string]bool{}
	for _, r := range revs {
		e.IDs = append(e.IDs, r.ID)
		if r.Path != "" && !seen[r.Path] {
			seen[r.Path] = true
			e.Files = append(e.Files, r.Path)
		}
	}
	return e
}
