package versions

import (
	"slices"
	"strings"
)

// rankAndDetectCycles finds cycles in the revises links, then in revises
// and depends_on together, naming the revisions on each cycle. Without
// cycles it records each node's rank in a topological order of all links.
func (g *Graph) rankAndDetectCycles() []error {
	if _, left := g.kahn(parentsOf); left != nil {
		return g.cycleErrors(left, parentsOf, Cycle, "Cycle")
	}
	allDown := func(n *gnode) []*gnode { return append(slices.Clip(n.parents), n.deps...) }
	order, left := g.kahn(allDown)
	if left != nil {
		return g.cycleErrors(left, allDown, DependencyCycle, "Dependency cycle")
	}
	for i, n := range order {
		n.rank = i
	}
	return nil
}

// kahn sorts the nodes so that every node comes after the nodes down(n)
// returns, taking ready nodes in load order. It returns the sorted nodes
// and the set of nodes left over (on or above a cycle).
func (g *Graph) kahn(down func(*gnode) []*gnode) (order []*gnode, left []bool) {
	indeg := make([]int, len(g.nodes))
	up := make([][]*gnode, len(g.nodes))
	for _, n := range g.nodes {
		for _, d := range down(n) {
			indeg[n.idx]++
			up[d.idx] = append(up[d.idx], n)
		}
	}
	order = make([]*gnode, 0, len(g.nodes))
	for _, n := range g.nodes {
		if indeg[n.idx] == 0 {
			order = append(order, n)
		}
	}
	for i := 0; i < len(order); i++ {
		for _, c := range up[order[i].idx] {
			indeg[c.idx]--
			if indeg[c.idx] == 0 {
				order = append(order, c)
			}
		}
	}
	if len(order) == len(g.nodes) {
		return order, nil
	}
	left = make([]bool, len(g.nodes))
	for _, n := range g.nodes {
		left[n.idx] = indeg[n.idx] > 0
	}
	return order, left
}

// cycleErrors reports each distinct cycle among the left-over nodes. Every
// left-over node has a left-over node below it, so following those links
// from any of them must close a cycle.
func (g *Graph) cycleErrors(left []bool, down func(*gnode) []*gnode, kind GraphErrorKind, what string) []error {
	var errs []error
	done := make([]bool, len(g.nodes))
	for _, start := range g.nodes {
		if !left[start.idx] || done[start.idx] {
			continue
		}
		onPath := map[*gnode]int{}
		var path []*gnode
		n := start
		for n != nil && !done[n.idx] {
			if at, ok := onPath[n]; ok {
				cyc := path[at:]
				revs := make([]*Revision, len(cyc))
				ids := make([]string, len(cyc))
				for i, c := range cyc {
					revs[i], ids[i] = c.rev, c.id()
				}
				errs = append(errs, newGraphError(kind, "", revs,
					"%s is detected in revisions (%s)", what, strings.Join(ids, ", ")))
				break
			}
			onPath[n] = len(path)
			path = append(path, n)
			var next *gnode
			for _, d := range down(n) {
				if left[d.idx] {
					next = d
					break
				}
			}
			n = next
		}
		for _, p := range path {
			done[p.idx] = true
		}
	}
	return errs
}
