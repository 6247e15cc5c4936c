package versions

import (
	"fmt"
	"strings"
)

// CurrentEntry is how `current` shows r, a revision of the database's
// version table, as alembic current does: its id, declared branch labels
// and head marker on one line; verbose gives the full entry instead
// (parents, dependencies, file as Path shows it, message, id, date). It
// ends in a newline.
func (f *Formatter) CurrentEntry(r *Revision, verbose bool) string {
	g := f.Graph
	line := r.ID
	if len(r.BranchLabels) > 0 {
		line += " (" + strings.Join(r.BranchLabels, ", ") + ")"
	}
	if g.IsHead(r.ID) {
		if len(g.Dependents(r.ID)) > 0 {
			line += " (effective head)"
		} else {
			line += " (head)"
		}
	}
	if !verbose {
		return line + "\n"
	}
	var b strings.Builder
	parent := "<base>"
	if len(r.Revises) > 0 {
		parent = strings.Join(r.Revises, ", ")
	}
	fmt.Fprintf(&b, "Rev: %s\nParent: %s\n", line, parent)
	if len(r.DependsOn) > 0 {
		fmt.Fprintf(&b, "Also depends on: %s\n", strings.Join(r.DependsOn, ", "))
	}
	if path := f.path(r); path != "" {
		fmt.Fprintf(&b, "Path: %s\n", path)
	}
	revises := "(base)"
	if len(r.Revises) > 0 {
		revises = strings.Join(r.Revises, ", ")
	}
	fmt.Fprintf(&b, "\n    %s\n\n    Revision ID: %s\n    Revises: %s\n", r.Message, r.ID, revises)
	if r.CreateDate != "" {
		fmt.Fprintf(&b, "    Create Date: %s\n", r.CreateDate)
	}
	b.WriteString("\n")
	return b.String()
}

// BranchEntry is how `branches` shows the branch point bp, as alembic
// branches does: its line (verbose: its full entry), then one line per
// revision branching from it, then an empty line.
func (f *Formatter) BranchEntry(bp *Revision, verbose bool) string {
	var b strings.Builder
	if verbose {
		b.WriteString(f.LogEntry(bp))
	} else {
		b.WriteString(f.HeadOnly(bp, true, false, false, true))
	}
	b.WriteString("\n")
	indent := strings.Repeat(" ", len(bp.ID))
	for _, c := range f.Graph.Children(bp.ID) {
		fmt.Fprintf(&b, "%s -> %s\n", indent, f.HeadOnly(c, true, verbose, false, true))
	}
	b.WriteString("\n")
	return b.String()
}
