package versions

import "slices"

// propagateLabels applies each declared branch label to the revisions it
// names, following Alembic's documented rule ("Working with Branch
// Labels"): a label "will now apply to this revision, all descendants of
// this revision, as well as all ancestors of this revision up until the
// preceding branch point" — the branch point itself is excluded (the
// documented history shows "<base> -> 1975ea83b712 (branchpoint)" without
// the label). Alembic's code (RevisionMap._add_branches) labels the
// descendants through revises links only, then walks down the single
// parent line labelling each revision until it reaches a revision that
// is a branch point counting dependents as children
// (_is_real_branch_point) or a merge point, neither of which is labelled.
//
// Deliberate difference: Alembic starts that downward walk at whichever
// descendant its depth-first iteration yielded last (for a plain line of
// descendants, the branch head, which gives the documented result, but
// after a branch point or merge point among the descendants the result
// depends on set iteration order). We start it at the declaring revision,
// which gives the documented result in every case.
//
// Only the downward walk is stored (it is short); the labels inherited
// from ancestors are gathered on demand by labelsOf, since on a long line
// every revision below the head would otherwise carry every label.
func (g *Graph) propagateLabels() {
	for _, n := range g.nodes {
		labels := n.rev.BranchLabels
		if len(labels) == 0 {
			continue
		}
		for p := n; p != nil && !p.isRealBranchPoint() && len(p.parents) < 2; {
			p.walkLabels = append(p.walkLabels, labels...)
			if len(p.parents) == 0 {
				break
			}
			p = p.parents[0]
		}
	}
}

// labelsOf returns the effective labels of n, sorted: those its walk
// down from a labelled descendant gave it, and those declared by n or any
// ancestor through revises links.
func (g *Graph) labelsOf(n *gnode) []string {
	set := map[string]bool{}
	for _, l := range n.walkLabels {
		set[l] = true
	}
	anc := g.closure([]*gnode{n}, parentsOf)
	for _, m := range g.nodes {
		if anc[m.idx] {
			for _, l := range m.rev.BranchLabels {
				set[l] = true
			}
		}
	}
	delete(set, "")
	out := make([]string, 0, len(set))
	for l := range set {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// hasLabel reports whether label applies to n.
func (g *Graph) hasLabel(n *gnode, label string) bool {
	return slices.Contains(g.labelsOf(n), label)
}
