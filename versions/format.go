package versions

import (
	"fmt"
	"strings"
)

// Formatter prints revisions in Alembic's shapes (Script._head_only and
// Script.log_entry), as heads, branches, show and history print them.
type Formatter struct {
	Graph *Graph
	// Labels holds the effective branch labels of every revision when
	// many revisions are printed (history); nil means ask the graph.
	Labels map[string][]string
	// Current marks the database's current revisions (history -i).
	Current map[string]bool
	// Path shows a revision's file in the log entry; nil shows its Path
	// as stored.
	Path func(r *Revision) string
	// Kind tells a revision's file kind ("go", "sql") in JSON; nil leaves
	// it out.
	Kind func(r *Revision) string
}

// path shows r's file: through Path, else as stored.
func (f *Formatter) path(r *Revision) string {
	if f.Path != nil {
		return f.Path(r)
	}
	return r.Path
}

// Branches returns the effective branch labels of r.
func (f *Formatter) Branches(r *Revision) []string {
	if f.Labels != nil {
		return f.Labels[r.ID]
	}
	return f.Graph.BranchesOf(r.ID)
}

// IsRealHead reports that nothing revises or depends on r ("(head)"); a head that
// something depends on is an "(effective head)".
func (f *Formatter) IsRealHead(r *Revision) bool {
	g := f.Graph
	return g.IsHead(r.ID) && len(g.Dependents(r.ID)) == 0
}

// downRevision is Alembic's _format_down_revision.
func downRevision(r *Revision) string {
	if len(r.Revises) == 0 {
		return "<base>"
	}
	return strings.Join(r.Revises, ", ")
}

// HeadOnly is Alembic's Script._head_only: "[<parents> [(<deps>)] -> ]<id>
// [(<labels>)] [(head)|(effective head)] [(current)] [(branchpoint)]
// [(mergepoint)][, <message>]".
func (f *Formatter) HeadOnly(r *Revision, branches, doc, parents, tree bool) string {
	var b strings.Builder
	if parents {
		b.WriteString(downRevision(r))
		if len(r.DependsOn) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(r.DependsOn, ", "))
		}
		b.WriteString(" -> ")
	}
	b.WriteString(r.ID)
	if labels := f.Branches(r); branches && len(labels) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(labels, ", "))
	}
	b.WriteString(f.headMarkers(r))
	if tree {
		b.WriteString(f.treeMarkers(r))
	}
	if doc {
		fmt.Fprintf(&b, ", %s", r.Message)
	}
	return b.String()
}

// headMarkers returns " (head)", " (effective head)" and " (current)" as
// they apply.
func (f *Formatter) headMarkers(r *Revision) string {
	var b strings.Builder
	g := f.Graph
	if g.IsHead(r.ID) {
		if f.IsRealHead(r) {
			b.WriteString(" (head)")
		} else {
			b.WriteString(" (effective head)")
		}
	}
	if f.Current[r.ID] {
		b.WriteString(" (current)")
	}
	return b.String()
}

// treeMarkers returns " (branchpoint)" and " (mergepoint)" as they apply.
func (f *Formatter) treeMarkers(r *Revision) string {
	var b strings.Builder
	if f.Graph.IsBranchPoint(r.ID) {
		b.WriteString(" (branchpoint)")
	}
	if f.Graph.IsMergePoint(r.ID) {
		b.WriteString(" (mergepoint)")
	}
	return b.String()
}

// LogEntry is Alembic's Script.log_entry, the block of `history -v`,
// `show` and `heads -v`; callers print a blank line after it.
func (f *Formatter) LogEntry(r *Revision) string {
	g := f.Graph
	var b strings.Builder
	fmt.Fprintf(&b, "Rev: %s", r.ID)
	if g.IsHead(r.ID) {
		b.WriteString(" (head)")
	}
	if g.IsBranchPoint(r.ID) {
		b.WriteString(" (branchpoint)")
	}
	if g.IsMergePoint(r.ID) {
		b.WriteString(" (mergepoint)")
	}
	if f.Current[r.ID] {
		b.WriteString(" (current)")
	}
	b.WriteByte('\n')
	if g.IsMergePoint(r.ID) {
		fmt.Fprintf(&b, "Merges: %s\n", downRevision(r))
	} else {
		fmt.Fprintf(&b, "Parent: %s\n", downRevision(r))
	}
	if len(r.DependsOn) > 0 {
		fmt.Fprintf(&b, "Also depends on: %s\n", strings.Join(r.DependsOn, ", "))
	}
	if g.IsBranchPoint(r.ID) {
		fmt.Fprintf(&b, "Branches into: %s\n", strings.Join(IDs(g.Children(r.ID)), ", "))
	}
	if labels := f.Branches(r); len(labels) > 0 {
		fmt.Fprintf(&b, "Branch names: %s\n", strings.Join(labels, ", "))
	}
	fmt.Fprintf(&b, "Path: %s\n\n", f.path(r))
	for _, l := range longDoc(r) {
		if l == "" {
			b.WriteString("\n")
		} else {
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	return b.String()
}

// longDoc is the text Alembic shows as a revision's docstring: the
// message, then the Revision ID, Revises and Create Date lines of the
// file's header.
func longDoc(r *Revision) []string {
	lines := strings.Split(strings.TrimRight(r.Message, "\n"), "\n")
	revises := "(base)"
	if len(r.Revises) > 0 {
		revises = strings.Join(r.Revises, ", ")
	}
	lines = append(lines, "", "Revision ID: "+r.ID, "Revises: "+revises)
	if r.CreateDate != "" {
		lines = append(lines, "Create Date: "+r.CreateDate)
	}
	return lines
}
