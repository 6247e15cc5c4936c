package versions

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteDot writes revs as a Graphviz digraph: one box per revision,
// labelled with the lines label returns, a solid edge from each parent to
// the revision that revises it (the direction of upgrade), and a dashed
// edge from each dependency to its dependent. Only revisions of revs and
// the links between them are drawn. Every id and label is a quoted dot
// string, so any text is safe.
func (g *Graph) WriteDot(w io.Writer, revs []*Revision, label func(*Revision) []string) error {
	bw := bufio.NewWriter(w)
	in := make(map[string]bool, len(revs))
	for _, r := range revs {
		in[r.ID] = true
	}
	bw.WriteString("digraph revisions {\n")
	bw.WriteString("\trankdir=TB;\n")
	bw.WriteString("\tnode [shape=box, fontname=\"monospace\"];\n")
	for _, r := range revs {
		lines := label(r)
		for i, l := range lines {
			lines[i] = dotEscape(l)
		}
		attrs := ""
		if g.IsHead(r.ID) {
			attrs = ", style=bold"
		}
		fmt.Fprintf(bw, "\t%s [label=\"%s\"%s];\n", dotQuote(r.ID), strings.Join(lines, `\n`), attrs)
	}
	for _, r := range revs {
		for _, p := range g.drawParents(r, in) {
			fmt.Fprintf(bw, "\t%s -> %s;\n", dotQuote(p), dotQuote(r.ID))
		}
		for _, d := range g.drawDependencies(r, in) {
			fmt.Fprintf(bw, "\t%s -> %s [style=dashed, label=\"depends on\"];\n", dotQuote(d), dotQuote(r.ID))
		}
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// drawDependencies returns the ids of r's dependencies that are drawn.
func (g *Graph) drawDependencies(r *Revision, in map[string]bool) []string {
	n, ok := g.byID[r.ID]
	if !ok {
		return nil
	}
	var out []string
	for _, d := range n.deps {
		if in[d.id()] {
			out = append(out, d.id())
		}
	}
	return out
}

// dotQuote returns s as a quoted dot ID.
func dotQuote(s string) string { return `"` + dotEscape(s) + `"` }

// dotEscape escapes s for the inside of a quoted dot string: backslashes
// and quotes are escaped, line breaks and control characters become
// spaces.
func dotEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// WriteMermaid writes revs as a Mermaid flowchart, top to bottom: one node
// per revision (named r0, r1, … in the order of revs) labelled with the
// lines label returns, a solid arrow from each parent to the revision
// that revises it, and a dotted arrow from each dependency to its
// dependent. Labels are quoted with Mermaid's entity codes, so quotes,
// '#', '<', '>' and backticks are shown as text.
func (g *Graph) WriteMermaid(w io.Writer, revs []*Revision, label func(*Revision) []string) error {
	bw := bufio.NewWriter(w)
	in := make(map[string]bool, len(revs))
	name := make(map[string]string, len(revs))
	for i, r := range revs {
		in[r.ID] = true
		name[r.ID] = fmt.Sprintf("r%d", i)
	}
	bw.WriteString("flowchart TD\n")
	for _, r := range revs {
		lines := label(r)
		for i, l := range lines {
			lines[i] = mermaidEscape(l)
		}
		fmt.Fprintf(bw, "    %s[\"%s\"]\n", name[r.ID], strings.Join(lines, "<br/>"))
	}
	for _, r := range revs {
		for _, p := range g.drawParents(r, in) {
			fmt.Fprintf(bw, "    %s --> %s\n", name[p], name[r.ID])
		}
		for _, d := range g.drawDependencies(r, in) {
			fmt.Fprintf(bw, "    %s -.->|depends on| %s\n", name[d], name[r.ID])
		}
	}
	var heads []string
	for _, r := range revs {
		if g.IsHead(r.ID) {
			heads = append(heads, name[r.ID])
		}
	}
	if len(heads) > 0 {
		fmt.Fprintf(bw, "    classDef head stroke-width:3px\n    class %s head\n", strings.Join(heads, ","))
	}
	return bw.Flush()
}

// mermaidEscape writes s with Mermaid entity codes for the characters
// that would end or change a quoted label; line breaks and control
// characters become spaces.
func mermaidEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("#quot;")
		case r == '#':
			b.WriteString("#35;")
		case r == '<':
			b.WriteString("#lt;")
		case r == '>':
			b.WriteString("#gt;")
		case r == '&':
			b.WriteString("#amp;")
		case r == '`':
			b.WriteString("#96;")
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
