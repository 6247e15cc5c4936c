package versions

import (
	"fmt"
	"io"
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

// WriteHistory prints revs as history lists them, one line each (parents,
// markers, message); verbose prints each full entry (LogEntry) instead.
func (f *Formatter) WriteHistory(w io.Writer, revs []*Revision, verbose bool) error {
	return f.writeLog(w, revs, verbose, func(r *Revision) string { return f.HeadOnly(r, true, true, true, true) })
}

// WriteHeads prints heads as heads lists them, one line each (id, labels,
// markers); verbose prints each full entry (LogEntry) instead.
func (f *Formatter) WriteHeads(w io.Writer, heads []*Revision, verbose bool) error {
	return f.writeLog(w, heads, verbose, func(r *Revision) string { return f.HeadOnly(r, true, false, false, false) })
}

// WriteEntries prints the full entry (LogEntry) of each revision, as
// show does.
func (f *Formatter) WriteEntries(w io.Writer, revs []*Revision) error {
	return f.writeLog(w, revs, true, nil)
}

// WriteBranches prints each branch point as branches does (BranchEntry).
func (f *Formatter) WriteBranches(w io.Writer, points []*Revision, verbose bool) error {
	for _, bp := range points {
		if _, err := io.WriteString(w, f.BranchEntry(bp, verbose)); err != nil {
			return err
		}
	}
	return nil
}

// writeLog prints one line(r) per revision, or with verbose its LogEntry.
func (f *Formatter) writeLog(w io.Writer, revs []*Revision, verbose bool, line func(*Revision) string) error {
	for _, r := range revs {
		s := f.LogEntry(r)
		if !verbose {
			s = line(r)
		}
		if _, err := fmt.Fprintln(w, s); err != nil {
			return err
		}
	}
	return nil
}

// Picture formats of WritePicture.
const (
	PictureText    = "text"    // lines and markers, as git log --graph draws
	PictureDot     = "dot"     // Graphviz
	PictureMermaid = "mermaid" // Mermaid
)

// WritePicture draws the graph of revs in format, as history --graph and
// --format do: PictureText (DrawGraph, each revision on one line with its
// markers and message), PictureDot (WriteDot) or PictureMermaid
// (WriteMermaid), the last two labelled by PictureLabel.
func (f *Formatter) WritePicture(w io.Writer, revs []*Revision, format string) error {
	switch format {
	case PictureText:
		return f.Graph.DrawGraph(w, revs, func(r *Revision) string { return f.HeadOnly(r, true, true, false, true) })
	case PictureDot:
		return f.Graph.WriteDot(w, revs, f.PictureLabel)
	case PictureMermaid:
		return f.Graph.WriteMermaid(w, revs, f.PictureLabel)
	}
	return fmt.Errorf("unknown picture format %q (use %s, %s or %s)", format, PictureText, PictureDot, PictureMermaid)
}
