package versions

import (
	"slices"
	"strings"
)

// sortSquashes applies the rule of squashed revisions (see NewGraph):
// it returns revs without the squashed revisions that stand aside, and
// records which ids the others replace.
func (g *Graph) sortSquashes(revs []*Revision) ([]*Revision, []error) {
	var squashes []*Revision
	for _, r := range revs {
		if r != nil && len(r.Replaces) > 0 {
			squashes = append(squashes, r)
		}
	}
	if len(squashes) == 0 {
		return revs, nil
	}
	var errs []error
	aside := map[*Revision]bool{}
	for _, s := range squashes {
		var present, gone []string
		for _, id := range s.Replaces {
			if slices.ContainsFunc(revs, func(r *Revision) bool { return r != nil && r != s && r.ID == id && len(r.Replaces) == 0 }) {
				present = append(present, id)
			} else if id != s.ID {
				gone = append(gone, id)
			}
		}
		switch {
		case len(present) == 0:
			if g.replacedBy == nil {
				g.replacedBy = map[string]*Revision{}
			}
			for _, id := range gone {
				g.replacedBy[id] = s
			}
		case len(gone) == 0:
			aside[s] = true
			g.standAside = append(g.standAside, s)
		default:
			errs = append(errs, newGraphError(PartialSquash, s.ID, []*Revision{s},
				"Revision %s replaces %s; %s present but %s not: remove the replaced files that remain, or restore all of them",
				s.ID, strings.Join(s.Replaces, ", "), strings.Join(present, ", ")+isAre(len(present)), strings.Join(gone, ", ")+isAre(len(gone))))
		}
	}
	if len(aside) == 0 {
		return revs, errs
	}
	return slices.DeleteFunc(slices.Clone(revs), func(r *Revision) bool { return aside[r] }), errs
}

// isAre is " is" for one, " are" for more.
func isAre(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}

// ReplacedBy returns the squashed revision that replaces id, when id's
// file is gone; nil otherwise. A version table row holding such an id
// (a database left inside the squashed range) cannot be mapped: only
// the last replaced id, which the squashed revision keeps, is a revision.
func (g *Graph) ReplacedBy(id string) *Revision { return g.replacedBy[id] }

// StandingAside returns the squashed revisions left out of the graph
// because the revisions they replace are all present.
func (g *Graph) StandingAside() []*Revision { return slices.Clone(g.standAside) }
