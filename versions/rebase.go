package versions

import (
	"fmt"
	"slices"
)

// Rebase is a branch moved onto another head by `migrate rebase`: the
// first revision of the branch gets new parents, and its descendants
// move with it. Only that revision's file changes.
type Rebase struct {
	// Revision is the first revision of the branch; Revises are its new
	// parents (Onto).
	Revision *Revision
	Revises  []string
	// Onto is the revision the branch is moved onto.
	Onto *Revision
	// Moved are Revision and its descendants, parents first: the
	// revisions whose ancestry changes (none of them may be applied).
	Moved []*Revision
	// Graph is the graph after the move.
	Graph *Graph
}

// PlanRebase plans moving the branch that starts at rev onto the revision
// onto (identifiers as `show` takes them, e.g. an id or "main@head"):
// rev must be a base or the first revision after a branch point (its
// parent has other children), with one parent; onto may not be rev, one
// of its descendants (a cycle) or one of its ancestors (rev is then on
// onto's line already). The graph after the move is built and validated
// (dependencies may still close a cycle).
func (g *Graph) PlanRebase(rev, onto string) (*Rebase, error) {
	r, err := g.ResolveOne(rev, nil)
	if err != nil {
		return nil, err
	}
	o, err := g.ResolveOne(onto, nil)
	if err != nil {
		return nil, err
	}
	if r == nil || o == nil {
		return nil, fmt.Errorf("rebase: name a revision to move and one to move it onto; base is neither")
	}
	if len(r.Revises) > 1 {
		return nil, fmt.Errorf("rebase: %s is a merge point (it revises %s): only a branch that starts with one parent can be moved", r.ID, commaOrEmpty(r.Revises))
	}
	if len(r.Revises) == 1 && len(g.Children(r.Revises[0])) < 2 {
		if first := g.branchStart(r); len(first.Revises) == 1 || len(first.Revises) == 0 && len(g.bases) > 1 {
			return nil, fmt.Errorf("rebase: %s is not the first revision of a separate branch (its parent %s has no other child); to move its branch, rebase %s", r.ID, r.Revises[0], first.ID)
		}
		return nil, fmt.Errorf("rebase: %s is not on a separate branch: no branch point or other base lies below it", r.ID)
	}
	moved, err := g.Descendants(false, r.ID)
	if err != nil {
		return nil, err
	}
	withDeps, err := g.Descendants(true, r.ID)
	if err != nil {
		return nil, err
	}
	if slices.Contains(withDeps, o) {
		return nil, fmt.Errorf("rebase: %s descends from %s: moving %s onto it would make a cycle", o.ID, r.ID, r.ID)
	}
	if anc, _ := g.Ancestors(false, r.ID); slices.Contains(anc, o) {
		return nil, fmt.Errorf("rebase: %s already descends from %s: it is not on a separate branch, so there is nothing to move", r.ID, o.ID)
	}
	revs := make([]*Revision, len(g.nodes))
	for i, n := range g.nodes {
		revs[i] = n.rev
	}
	moving := *r
	moving.Revises = []string{o.ID}
	revs[slices.Index(revs, r)] = &moving
	after, err := NewGraph(revs)
	if err != nil {
		return nil, fmt.Errorf("rebase: the graph would not be valid after moving %s onto %s: %w", r.ID, o.ID, err)
	}
	return &Rebase{Revision: r, Revises: moving.Revises, Onto: o, Moved: moved, Graph: after}, nil
}

// branchStart walks down from r while the parent has no other child and
// returns the first revision of r's branch (or the base or merge point
// where the walk stops).
func (g *Graph) branchStart(r *Revision) *Revision {
	for len(r.Revises) == 1 {
		p := g.byID[r.Revises[0]]
		if len(p.children) > 1 {
			break
		}
		r = p.rev
	}
	return r
}
