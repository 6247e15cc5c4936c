package versions

import (
	"bufio"
	"io"
	"slices"
	"strings"
)

// DrawGraph writes revs as a terminal drawing of the revision graph, in
// the style of `git log --graph`: one line per revision, with lanes drawn
// with '*' (the revision), '|' (a lane going on), '/' and '\' (lanes
// joining and forking), '_' (a lane crossing others to join) and "-."
// (a merge of three or more revisions). text returns what follows the
// lanes on a revision's line.
//
// revs must be newest first, children before parents, as Walk and
// History return them. Edges are the revises links between revisions of
// revs; a parent outside revs (a history range) ends the lane.
// Dependencies are not drawn: put them in the text.
func (g *Graph) DrawGraph(w io.Writer, revs []*Revision, text func(*Revision) string) error {
	bw := bufio.NewWriter(w)
	d := &laneDrawer{w: bw, in: make(map[string]bool, len(revs))}
	for _, r := range revs {
		d.in[r.ID] = true
	}
	for _, r := range revs {
		d.draw(r.ID, g.drawParents(r, d.in), text(r))
	}
	return bw.Flush()
}

// drawParents returns the parents of r that are drawn, in declaration
// order.
func (g *Graph) drawParents(r *Revision, in map[string]bool) []string {
	var ps []string
	for _, p := range r.Revises {
		if in[p] && !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	return ps
}

// laneDrawer draws the lanes of DrawGraph. A lane holds the id of the
// revision it leads to; column k of the drawing is character 2k, and the
// characters between columns carry the diagonals.
type laneDrawer struct {
	w     *bufio.Writer
	in    map[string]bool
	lanes []string
	row   []byte
	// ended is set after a revision whose lane ended (a base, or the
	// bottom of the drawn range).
	ended bool
}

// draw writes the lines of one revision: the rows that join the lanes
// leading to it, its own line, and the rows that fork its parents.
func (d *laneDrawer) draw(id string, parents []string, text string) {
	c := slices.Index(d.lanes, id)
	if c < 0 { // a head, or the top of the drawn range: a new lane
		if d.ended {
			// The revision above ended its lane: a blank row keeps the
			// two from reading as parent and child.
			d.start(len(d.lanes))
			d.verticals(0, len(d.lanes))
			d.flush()
		}
		c = len(d.lanes)
		d.lanes = append(d.lanes, id)
	}
	d.ended = len(parents) == 0
	d.join(c, id)

	right := len(d.lanes) - c - 1 // lanes to the right of the revision
	extra := max(len(parents)-1, 0)
	// A merge of k parents forks k-1 new lanes and moves the lanes on its
	// right by k-1 columns; the fork row moves them one column, earlier
	// rows move them the rest of the way.
	off := 0
	if right > 0 {
		for ; off < extra-1; off++ {
			d.start(len(d.lanes) + off + 1)
			d.verticals(0, c+1)
			for q := c + 1; q < len(d.lanes); q++ {
				d.set(2*(q+off)+1, '\\')
			}
			d.flush()
		}
	}

	// The revision's line.
	after := len(d.lanes) - 1 + len(parents)
	d.start(max(len(d.lanes)+off, after))
	d.verticals(0, c)
	d.set(2*c, '*')
	if len(parents) > 2 {
		for k := 2*c + 1; k < 2*c+2*(len(parents)-2); k++ {
			d.set(k, '-')
		}
		d.set(2*c+2*(len(parents)-2), '.')
	}
	for q := c + 1; q < len(d.lanes); q++ {
		d.set(2*(q+off), '|')
	}
	d.flushText(text)

	switch len(parents) {
	case 0: // a base (or the bottom of the range): the lane ends
		if right > 0 {
			d.start(len(d.lanes))
			d.verticals(0, c)
			for q := c + 1; q < len(d.lanes); q++ {
				d.set(2*q-1, '/')
			}
			d.flush()
		}
		d.lanes = slices.Delete(d.lanes, c, c+1)
	case 1:
		d.lanes[c] = parents[0]
	default: // a merge point: fork a lane for every further parent
		d.start(after)
		d.verticals(0, c+1)
		for j := 1; j < len(parents); j++ {
			d.set(2*c+2*j-1, '\\')
		}
		for q := c + 1; q < len(d.lanes); q++ {
			d.set(2*(q+off)+1, '\\')
		}
		d.flush()
		d.lanes = slices.Concat(d.lanes[:c], parents, d.lanes[c+1:])
	}
}

// join merges into column c, one row each, the other lanes that lead to
// id (id is a branch point whose children were drawn in several lanes).
// A lane next to c joins with '/'; a lane further right crosses the lanes
// between with '_'. The lanes on its right move one column left.
func (d *laneDrawer) join(c int, id string) {
	for {
		p := c + 1 + slices.Index(d.lanes[c+1:], id)
		if p == c {
			return
		}
		d.start(len(d.lanes))
		d.verticals(0, p)
		d.set(2*p-1, '/')
		for k := c; k <= p-2; k++ {
			d.set(2*k+1, '_')
		}
		for q := p + 1; q < len(d.lanes); q++ {
			d.set(2*q-1, '/')
		}
		d.flush()
		d.lanes = slices.Delete(d.lanes, p, p+1)
	}
}

// start begins a row wide enough for n columns.
func (d *laneDrawer) start(n int) {
	width := max(2*n-1, 1)
	if cap(d.row) < width {
		d.row = make([]byte, width)
	}
	d.row = d.row[:width]
	for i := range d.row {
		d.row[i] = ' '
	}
}

// verticals draws '|' for the lanes in columns [from, to).
func (d *laneDrawer) verticals(from, to int) {
	for k := from; k < to; k++ {
		d.set(2*k, '|')
	}
}

func (d *laneDrawer) set(i int, b byte) {
	if i >= len(d.row) {
		d.row = append(d.row, make([]byte, i+1-len(d.row))...)
		for k := range d.row {
			if d.row[k] == 0 {
				d.row[k] = ' '
			}
		}
	}
	d.row[i] = b
}

// flush writes a connecting row, without trailing spaces.
func (d *laneDrawer) flush() {
	d.w.Write(trimRightSpace(d.row))
	d.w.WriteByte('\n')
}

// flushText writes a revision's row: the lanes padded to the row's width,
// a space and the text.
func (d *laneDrawer) flushText(text string) {
	d.w.Write(d.row)
	if text != "" {
		d.w.WriteByte(' ')
		d.w.WriteString(strings.ReplaceAll(text, "\n", " "))
	}
	d.w.WriteByte('\n')
}

func trimRightSpace(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}
