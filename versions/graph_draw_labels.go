package versions

import "slices"

// AllBranches returns BranchesOf for every revision at once, keyed by
// revision id: the branch labels that apply to each revision after
// propagation, sorted. It costs one pass over the graph, where calling
// BranchesOf for each revision would walk the ancestors of each; commands
// that print every revision (history) use it. Revisions without labels
// map to nil; the returned slices may be shared and must not be modified.
func (g *Graph) AllBranches() map[string][]string {
	order := slices.Clone(g.nodes)
	slices.SortFunc(order, func(a, b *gnode) int { return a.rank - b.rank })
	// inherited[i]: labels declared by revision i or any of its ancestors
	// through revises links; parents come first in rank order.
	inherited := make([][]string, len(g.nodes))
	for _, n := range order {
		var set []string
		switch len(n.parents) {
		case 0:
		case 1:
			set = inherited[n.parents[0].idx]
		default:
			for _, p := range n.parents {
				set = unionSorted(set, inherited[p.idx])
			}
		}
		if len(n.rev.BranchLabels) > 0 {
			set = unionSorted(set, sortedLabels(n.rev.BranchLabels))
		}
		inherited[n.idx] = set
	}
	out := make(map[string][]string, len(g.nodes))
	for _, n := range g.nodes {
		set := inherited[n.idx]
		if len(n.walkLabels) > 0 {
			set = unionSorted(set, sortedLabels(n.walkLabels))
		}
		out[n.id()] = set
	}
	return out
}

// sortedLabels returns the non-empty labels of list, sorted and unique.
func sortedLabels(list []string) []string {
	out := make([]string, 0, len(list))
	for _, l := range list {
		if l != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unionSorted merges two sorted unique lists into a new one; when one is
// empty or both are equal, the other is returned as is.
func unionSorted(a, b []string) []string {
	switch {
	case len(a) == 0:
		return b
	case len(b) == 0 || slices.Equal(a, b):
		return a
	}
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
