package versions

import (
	"fmt"
	"slices"
)

// Len returns the number of revisions.
func (g *Graph) Len() int { return len(g.nodes) }

// Revisions returns every revision in load order.
func (g *Graph) Revisions() []*Revision { return revsOf(g.nodes) }

// Revision returns the revision with exactly this id, or nil.
func (g *Graph) Revision(id string) *Revision {
	if n, ok := g.byID[id]; ok {
		return n.rev
	}
	return nil
}

// Heads returns the revisions that no revision revises, in load order:
// what `migrate heads` lists. A head that another revision depends on is
// included (an "effective head"); RealHeads leaves it out.
func (g *Graph) Heads() []*Revision { return revsOf(g.heads) }

// RealHeads returns the heads that nothing depends on either, in load
// order: `migrate heads --resolve-dependencies`, the targets of `heads`,
// and the rows the version table holds after `upgrade heads`.
func (g *Graph) RealHeads() []*Revision { return revsOf(g.realHeads) }

// Bases returns the revisions that revise nothing, in load order.
func (g *Graph) Bases() []*Revision { return revsOf(g.bases) }

// BranchPoints returns the revisions revised by two or more revisions, in
// load order.
func (g *Graph) BranchPoints() []*Revision {
	return g.filter(func(n *gnode) bool { return len(n.children) > 1 })
}

// MergePoints returns the revisions that revise two or more revisions, in
// load order.
func (g *Graph) MergePoints() []*Revision {
	return g.filter(func(n *gnode) bool { return len(n.parents) > 1 })
}

// IsHead reports whether no revision revises id.
func (g *Graph) IsHead(id string) bool {
	n, ok := g.byID[id]
	return ok && len(n.children) == 0
}

// IsBranchPoint reports whether two or more revisions revise id.
func (g *Graph) IsBranchPoint(id string) bool {
	n, ok := g.byID[id]
	return ok && len(n.children) > 1
}

// IsMergePoint reports whether id revises two or more revisions.
func (g *Graph) IsMergePoint(id string) bool {
	n, ok := g.byID[id]
	return ok && len(n.parents) > 1
}

// Children returns the revisions that revise id, in load order.
func (g *Graph) Children(id string) []*Revision {
	if n, ok := g.byID[id]; ok {
		return revsOf(n.children)
	}
	return nil
}

// Dependents returns the revisions that depend on id, in load order.
func (g *Graph) Dependents(id string) []*Revision {
	n, ok := g.byID[id]
	if !ok {
		return nil
	}
	var out []*gnode
	for _, c := range n.allChildren {
		if !slices.Contains(c.parents, n) {
			out = append(out, c)
		}
	}
	return revsOf(out)
}

// Dependencies returns id's depends_on entries resolved to revisions
// (labels name the revision that declares them).
func (g *Graph) Dependencies(id string) []*Revision {
	if n, ok := g.byID[id]; ok {
		return revsOf(n.deps)
	}
	return nil
}

// BranchesOf returns the branch labels that apply to id after
// propagation (see propagateLabels), sorted; Alembic shows these in
// `history` and `show` ("Branch names:").
func (g *Graph) BranchesOf(id string) []string {
	if n, ok := g.byID[id]; ok {
		return g.labelsOf(n)
	}
	return nil
}

// LabelRevision returns the revision that declares label, or nil.
func (g *Graph) LabelRevision(label string) *Revision {
	if n, ok := g.byLabel[label]; ok {
		return n.rev
	}
	return nil
}

// Ancestors returns the given revisions and all their ancestors, parents
// before children. With deps, dependencies count as parents (what
// `upgrade` must apply first).
func (g *Graph) Ancestors(deps bool, ids ...string) ([]*Revision, error) {
	next := parentsOf
	if deps {
		next = normDownOf
	}
	return g.reach(ids, next)
}

// Descendants returns the given revisions and all their descendants,
// parents before children. With deps, dependents count as children (what
// `downgrade` must remove first).
func (g *Graph) Descendants(deps bool, ids ...string) ([]*Revision, error) {
	next := childrenOf
	if deps {
		next = allChildrenOf
	}
	return g.reach(ids, next)
}

func (g *Graph) reach(ids []string, next func(*gnode) []*gnode) ([]*Revision, error) {
	starts, err := g.nodesByID(ids)
	if err != nil {
		return nil, err
	}
	return revsOf(g.byRank(g.closure(starts, next))), nil
}

// nodesByID looks up exact ids.
func (g *Graph) nodesByID(ids []string) ([]*gnode, error) {
	out := make([]*gnode, 0, len(ids))
	for _, id := range ids {
		n, ok := g.byID[id]
		if !ok {
			return nil, &ResolutionError{Kind: ErrNotFound, Argument: id, Msg: fmt.Sprintf("Can't locate revision identified by '%s'", id)}
		}
		out = append(out, n)
	}
	return out, nil
}

// byRank lists the nodes of set in topological order, parents first.
func (g *Graph) byRank(set []bool) []*gnode {
	var out []*gnode
	for _, n := range g.nodes {
		if set[n.idx] {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *gnode) int { return a.rank - b.rank })
	return out
}

func (g *Graph) filter(keep func(*gnode) bool) []*Revision {
	var out []*Revision
	for _, n := range g.nodes {
		if keep(n) {
			out = append(out, n.rev)
		}
	}
	return out
}

func revsOf(nodes []*gnode) []*Revision {
	out := make([]*Revision, len(nodes))
	for i, n := range nodes {
		out[i] = n.rev
	}
	return out
}
