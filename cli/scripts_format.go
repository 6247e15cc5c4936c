package cli

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/versions"
)

// revFormatter prints revisions in Alembic's shapes (Script._head_only
// and Script.log_entry), for heads, branches, show and history.
type revFormatter struct {
	s *scripts
	// labels holds the effective branch labels of every revision when
	// many revisions are printed (history); nil means ask the graph.
	labels map[string][]string
	// current marks the database's current revisions (history -i).
	current map[string]bool
}

func (f *revFormatter) branches(r *versions.Revision) []string {
	if f.labels != nil {
		return f.labels[r.ID]
	}
	return f.s.graph.BranchesOf(r.ID)
}

// isRealHead: nothing revises or depends on r ("(head)"); a head that
// something depends on is an "(effective head)".
func (f *revFormatter) isRealHead(r *versions.Revision) bool {
	g := f.s.graph
	return g.IsHead(r.ID) && len(g.Dependents(r.ID)) == 0
}

// downRevision is Alembic's _format_down_revision.
func downRevision(r *versions.Revision) string {
	if len(r.Revises) == 0 {
		return "<base>"
	}
	return strings.Join(r.Revises, ", ")
}

// headOnly is Alembic's Script._head_only: "[<parents> [(<deps>)] -> ]<id>
// [(<labels>)] [(head)|(effective head)] [(current)] [(branchpoint)]
// [(mergepoint)][, <message>]".
func (f *revFormatter) headOnly(r *versions.Revision, branches, doc, parents, tree bool) string {
	var b strings.Builder
	if parents {
		b.WriteString(downRevision(r))
		if len(r.DependsOn) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(r.DependsOn, ", "))
		}
		b.WriteString(" -> ")
	}
	b.WriteString(r.ID)
	if labels := f.branches(r); branches && len(labels) > 0 {
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
func (f *revFormatter) headMarkers(r *versions.Revision) string {
	var b strings.Builder
	g := f.s.graph
	if g.IsHead(r.ID) {
		if f.isRealHead(r) {
			b.WriteString(" (head)")
		} else {
			b.WriteString(" (effective head)")
		}
	}
	if f.current[r.ID] {
		b.WriteString(" (current)")
	}
	return b.String()
}

// treeMarkers returns " (branchpoint)" and " (mergepoint)" as they apply.
func (f *revFormatter) treeMarkers(r *versions.Revision) string {
	var b strings.Builder
	if f.s.graph.IsBranchPoint(r.ID) {
		b.WriteString(" (branchpoint)")
	}
	if f.s.graph.IsMergePoint(r.ID) {
		b.WriteString(" (mergepoint)")
	}
	return b.String()
}

// logEntry is Alembic's Script.log_entry, the block of `history -v`,
// `show` and `heads -v`; callers print a blank line after it.
func (f *revFormatter) logEntry(r *versions.Revision) string {
	g := f.s.graph
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
	if f.current[r.ID] {
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
		fmt.Fprintf(&b, "Branches into: %s\n", strings.Join(versions.IDs(g.Children(r.ID)), ", "))
	}
	if labels := f.branches(r); len(labels) > 0 {
		fmt.Fprintf(&b, "Branch names: %s\n", strings.Join(labels, ", "))
	}
	fmt.Fprintf(&b, "Path: %s\n\n", f.s.path(r))
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
func longDoc(r *versions.Revision) []string {
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

// revisionJSON is a revision in --json output.
type revisionJSON struct {
	ID            string   `json:"id"`
	Revises       []string `json:"revises"`
	DependsOn     []string `json:"depends_on,omitempty"`
	BranchLabels  []string `json:"branch_labels"`
	Declared      []string `json:"declared_branch_labels,omitempty"`
	Message       string   `json:"message"`
	CreateDate    string   `json:"create_date,omitempty"`
	Path          string   `json:"path,omitempty"`
	Kind          string   `json:"kind,omitempty"`
	Head          bool     `json:"head"`
	EffectiveHead bool     `json:"effective_head,omitempty"`
	BranchPoint   bool     `json:"branch_point"`
	MergePoint    bool     `json:"merge_point"`
	Children      []string `json:"children,omitempty"`
	Current       *bool    `json:"current,omitempty"`
}

// toJSON describes r for --json output.
func (f *revFormatter) toJSON(r *versions.Revision) revisionJSON {
	g := f.s.graph
	j := revisionJSON{
		ID:           r.ID,
		Revises:      r.Revises,
		DependsOn:    r.DependsOn,
		BranchLabels: f.branches(r),
		Declared:     r.BranchLabels,
		Message:      r.Message,
		CreateDate:   r.CreateDate,
		Path:         f.s.path(r),
		BranchPoint:  g.IsBranchPoint(r.ID),
		MergePoint:   g.IsMergePoint(r.ID),
	}
	if j.Revises == nil {
		j.Revises = []string{}
	}
	if j.BranchLabels == nil {
		j.BranchLabels = []string{}
	}
	if sc := f.s.dir.Script(r.ID); sc != nil {
		j.Kind = sc.Kind
	}
	if g.IsHead(r.ID) {
		j.Head = f.isRealHead(r)
		j.EffectiveHead = !j.Head
	}
	if j.BranchPoint {
		j.Children = versions.IDs(g.Children(r.ID))
	}
	if f.current != nil {
		cur := f.current[r.ID]
		j.Current = &cur
	}
	return j
}
