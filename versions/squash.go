package versions

import (
	"fmt"
	"slices"
)

// Squash is a line of revisions to be replaced by one (`migrate squash`).
type Squash struct {
	// Range are the revisions replaced, oldest first: A … B.
	Range []*Revision
	// Revision is the header of the squashed revision: B's id (so that a
	// database at B is at the squashed revision), A's parents, the
	// labels and outside dependencies of the range, and Replaces listing
	// the range (and what squashed revisions in it replaced), oldest
	// first. Message and CreateDate are left to the caller.
	Revision *Revision
	// Graph is the graph once the range's files are replaced.
	Graph *Graph
}

// PlanSquash plans replacing the revisions from A to B (identifiers as
// `show` takes them) by one revision. They must form one line: every
// revision of the range but A has one parent, and every one but B has
// exactly one child, the next, and no dependent outside the range; so a
// database can only be before A, at B or after B, never in between (see
// Graph.ReplacedBy for the databases that are). A may be a base or a
// merge point, B may have children and dependents: they keep revising B's
// id.
func (g *Graph) PlanSquash(a, b string) (*Squash, error) {
	first, err := g.ResolveOne(a, nil)
	if err != nil {
		return nil, err
	}
	last, err := g.ResolveOne(b, nil)
	if err != nil {
		return nil, err
	}
	if first == nil || last == nil {
		return nil, fmt.Errorf("squash: the range must name two revisions, A:B; base is not one")
	}
	if first == last {
		return nil, fmt.Errorf("squash: the range %s:%s holds one revision; there is nothing to squash", first.ID, last.ID)
	}
	var line []*Revision
	for r := last; r != first; {
		line = append(line, r)
		if len(r.Revises) != 1 {
			return nil, fmt.Errorf("squash: %s is not a descendant of %s along one line (%s %s)", last.ID, first.ID, r.ID, parentsText(r))
		}
		r = g.Revision(r.Revises[0])
	}
	line = append(line, first)
	slices.Reverse(line)
	for i, r := range line[:len(line)-1] {
		if kids := g.Children(r.ID); len(kids) != 1 {
			return nil, fmt.Errorf("squash: %s has %d children (%s): a branch starts inside the range, so databases on it could not be placed after the squash", r.ID, len(kids), commaOrEmpty(IDs(kids)))
		}
		for _, d := range g.Dependents(r.ID) {
			if !slices.Contains(line[i+1:], d) {
				return nil, fmt.Errorf("squash: %s, outside the range, depends on %s inside it; end the range at %s or later", d.ID, r.ID, d.ID)
			}
		}
	}
	s := &Revision{ID: last.ID, Revises: slices.Clone(first.Revises)}
	inRange := func(id string) bool { return slices.ContainsFunc(line, func(r *Revision) bool { return r.ID == id }) }
	for _, r := range line {
		for _, id := range r.Replaces {
			if !slices.Contains(s.Replaces, id) && !inRange(id) {
				s.Replaces = append(s.Replaces, id)
			}
		}
		s.Replaces = append(s.Replaces, r.ID)
		for _, l := range r.BranchLabels {
			if !slices.Contains(s.BranchLabels, l) {
				s.BranchLabels = append(s.BranchLabels, l)
			}
		}
		for _, d := range r.DependsOn {
			if dep := g.LabelRevision(d); !inRange(d) && (dep == nil || !inRange(dep.ID)) && !slices.Contains(s.DependsOn, d) {
				s.DependsOn = append(s.DependsOn, d)
			}
		}
		s.NonTransactional = s.NonTransactional || r.NonTransactional
	}
	revs := slices.DeleteFunc(g.Revisions(), func(r *Revision) bool { return inRange(r.ID) })
	after, err := NewGraph(append(revs, s))
	if err != nil {
		return nil, fmt.Errorf("squash: the graph would not be valid after the squash: %w", err)
	}
	return &Squash{Range: line, Revision: s, Graph: after}, nil
}

// parentsText says how many parents r has, for messages.
func parentsText(r *Revision) string {
	if len(r.Revises) == 0 {
		return "is a base"
	}
	return fmt.Sprintf("is a merge point of %s", commaOrEmpty(r.Revises))
}
