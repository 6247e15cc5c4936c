package versions

import (
	"fmt"
	"slices"
)

// stepsFor turns an ordered list of revisions into steps, deciding each
// step's version-table action from the rows as they stand before it, as
// Alembic's HeadMaintainer.update_to_step does (the checks run in its
// order: delete, create, merge, unmerge, update). The rows start as
// current.
func (g *Graph) stepsFor(current []string, order []*gnode, up bool) ([]Step, error) {
	rows := slices.Clone(current)
	steps := make([]Step, 0, len(order))
	for _, n := range order {
		s, err := g.rowStep(rows, n, up)
		if err != nil {
			return nil, err
		}
		for _, op := range s.Rows() {
			if rows, err = applyRow(rows, op); err != nil {
				return nil, fmt.Errorf("plan %s: %w", s, err)
			}
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// rowStep decides the version-table action of upgrading or downgrading n
// when the table holds rows.
func (g *Graph) rowStep(rows []string, n *gnode, up bool) (Step, error) {
	s := Step{Revision: n.rev, Up: up}
	down := idsOf(n.normDown)
	inRows := func(id string) bool { return slices.Contains(rows, id) }
	if up {
		present := 0
		for _, d := range down {
			if inRows(d) {
				present++
			}
		}
		switch {
		case present == 0:
			// A base, or none of the parents is a row: a new branch.
			s.Action, s.To = Insert, []string{n.id()}
		case len(down) > 1 && present > 1:
			from := g.mergeFrom(rows, n)
			if len(from) == 0 {
				return s, fmt.Errorf("plan upgrade %s: no version row to merge", n.id())
			}
			s.Action, s.From, s.To = Merge, from, []string{n.id()}
		default:
			from, err := soleRow(rows, down, n)
			if err != nil {
				return s, err
			}
			s.Action, s.From, s.To = Update, []string{from}, []string{n.id()}
		}
		return s, nil
	}
	if inRows(n.id()) {
		to := g.unmergeTo(rows, n)
		switch {
		case len(down) == 0 || len(to) == 0:
			// A base, or the parents stay applied below other rows.
			s.Action, s.From = Delete, []string{n.id()}
			return s, nil
		case len(down) > 1:
			s.Action, s.From, s.To = Unmerge, []string{n.id()}, to
			return s, nil
		}
	}
	to, err := soleRow(rows, down, n)
	if err != nil {
		return s, err
	}
	s.Action, s.From, s.To = Update, []string{n.id()}, []string{to}
	return s, nil
}

// soleRow is Alembic's update_version_num: with one parent (dependencies
// included) that parent, else the one parent that is a row.
func soleRow(rows, down []string, n *gnode) (string, error) {
	if len(down) == 1 {
		return down[0], nil
	}
	var found []string
	for _, d := range down {
		if slices.Contains(rows, d) {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("plan %s: can't do an UPDATE because the down revision is ambiguous (rows %v, parents %v)", n.id(), rows, down)
	}
	return found[0], nil
}

// mergeFrom is Alembic's merge_branch_idents: the parents (dependencies
// included) that are rows, less those that stay below another row. The
// last is updated to n, the others deleted.
func (g *Graph) mergeFrom(rows []string, n *gnode) []string {
	var other []*gnode
	for _, r := range rows {
		if !slices.Contains(n.normDown, g.byID[r]) {
			other = append(other, g.byID[r])
		}
	}
	var below []bool
	if len(other) > 0 {
		below = g.closure(other, normDownOf)
	}
	var from []string
	for _, d := range n.normDown {
		if slices.Contains(rows, d.id()) && (below == nil || !below[d.idx]) {
			from = append(from, d.id())
		}
	}
	return from
}

// unmergeTo is Alembic's _unmerge_to_revisions: the parents (dependencies
// included) that become rows again when n is downgraded, leaving out
// those still applied below another row, or below another parent.
func (g *Graph) unmergeTo(rows []string, n *gnode) []string {
	var other []*gnode
	for _, r := range rows {
		if r != n.id() {
			other = append(other, g.byID[r])
		}
	}
	// Alembic leaves out the parents below other rows when there are
	// other rows, else the parents below other parents. We always leave
	// out both, so that a merge of a revision and its own ancestor (which
	// Alembic accepts) never leaves two rows on one line.
	below := make([]bool, len(g.nodes))
	if len(other) > 0 {
		below = g.closure(other, normDownOf)
	}
	for _, d := range n.normDown {
		for i, v := range g.closure(d.normDown, normDownOf) {
			below[i] = below[i] || v
		}
	}
	var to []string
	for _, d := range n.normDown {
		if !below[d.idx] {
			to = append(to, d.id())
		}
	}
	return to
}
