package versions

import (
	"slices"
)

// alembicOrder lists the nodes of todo newest first (children before
// parents, dependents before dependencies) in exactly the order of
// Alembic's RevisionMap._topological_sort, starting from heads.
//
// Alembic's algorithm keeps a list of current heads, sorted by load order
// at the start. It walks down from the head at the cursor; a candidate
// that is an ancestor of another current head is not emitted yet: the
// cursor moves to the first such head instead. An emitted candidate is
// replaced by those of its parents and dependencies that are still to be
// emitted and not already current heads (the first in its place, the
// others appended); with none, its head is dropped and the cursor moves
// back by one.
//
// Alembic recomputes ancestor sets at every merge point, which is
// quadratic. Here "is an ancestor of another current head" is answered
// in constant time by counting, for every node, its children that still
// lie below a revision to emit: the candidate c is blocked exactly when
// that count is non-zero (every revision still to emit lies below some
// current head, and none of them lies below c). Which head to move to is
// then found with a search bounded by topological rank.
func (g *Graph) alembicOrder(todo []bool, heads []*gnode) []*gnode {
	pending := slices.Clone(todo)
	remaining := 0
	var seeds []*gnode
	for _, n := range g.nodes {
		if pending[n.idx] {
			remaining++
			seeds = append(seeds, n)
		}
	}
	out := make([]*gnode, 0, remaining)
	if remaining == 0 {
		return out
	}

	// live: at or below a revision still to emit; liveKids counts live
	// children through normDown links.
	live := g.closure(seeds, normDownOf)
	liveKids := make([]int, len(g.nodes))
	for _, n := range g.nodes {
		if live[n.idx] {
			for _, d := range n.normDown {
				liveKids[d.idx]++
			}
		}
	}
	kill := func(n *gnode) {
		stack := []*gnode{n}
		live[n.idx] = false
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range x.normDown {
				liveKids[d.idx]--
				if liveKids[d.idx] == 0 && !pending[d.idx] && live[d.idx] {
					live[d.idx] = false
					stack = append(stack, d)
				}
			}
		}
	}

	var current []*gnode
	inCurrent := make([]bool, len(g.nodes))
	for _, h := range heads {
		if h != nil && pending[h.idx] && !inCurrent[h.idx] {
			inCurrent[h.idx] = true
			current = append(current, h)
		}
	}
	slices.SortFunc(current, func(a, b *gnode) int { return a.idx - b.idx })

	stamp := make([]int, len(g.nodes))
	gen := 0
	below := func(c, h *gnode) bool { // c is a proper ancestor of h
		gen++
		stack := []*gnode{h}
		stamp[h.idx] = gen
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range x.normDown {
				if d == c {
					return true
				}
				if stamp[d.idx] != gen && d.rank > c.rank {
					stamp[d.idx] = gen
					stack = append(stack, d)
				}
			}
		}
		return false
	}

	cur := 0
	for len(current) > 0 {
		cand := current[cur]
		if liveKids[cand.idx] > 0 {
			moved := false
			for j, h := range current {
				if j != cur && below(cand, h) {
					cur, moved = j, true
					break
				}
			}
			if moved {
				continue
			}
		}
		if pending[cand.idx] {
			out = append(out, cand)
			pending[cand.idx] = false
			if liveKids[cand.idx] == 0 {
				kill(cand)
			}
		}
		var add []*gnode
		for _, d := range cand.normDown {
			if pending[d.idx] && !inCurrent[d.idx] && !slices.Contains(add, d) {
				add = append(add, d)
			}
		}
		if len(add) == 0 {
			inCurrent[cand.idx] = false
			current = slices.Delete(current, cur, cur+1)
			cur = max(cur-1, 0)
			continue
		}
		inCurrent[cand.idx] = false
		current[cur] = add[0]
		current = append(current, add[1:]...)
		for _, a := range add {
			inCurrent[a.idx] = true
		}
	}

	// Revisions no head leads to (Alembic would fail an assertion):
	// newest first by rank.
	var rest []*gnode
	for _, n := range g.nodes {
		if pending[n.idx] {
			rest = append(rest, n)
		}
	}
	slices.SortFunc(rest, func(a, b *gnode) int { return b.rank - a.rank })
	return append(out, rest...)
}
