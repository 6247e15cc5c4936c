package versions

import "fmt"

// PlanStep returns the one step that upgrades (up) or downgrades the
// revision id from the version table's rows current, and nothing else:
// the stairway test walks the graph one revision at a time with it.
//
// An upgrade needs every parent and dependency of id applied and id not
// applied; a downgrade needs id applied and nothing above it (no child or
// dependent) applied. Otherwise the step would not be the only change,
// and the error says which revision is in the way.
func (g *Graph) PlanStep(current []string, id string, up bool) (Step, error) {
	n, ok := g.byID[id]
	if !ok {
		return Step{}, &ResolutionError{Kind: ErrNotFound, Argument: id,
			Msg: fmt.Sprintf("Can't locate revision identified by '%s'", id)}
	}
	cur, err := g.currentNodes(current)
	if err != nil {
		return Step{}, err
	}
	applied := g.closure(cur, normDownOf)
	if up {
		if applied[n.idx] {
			return Step{}, &ResolutionError{Kind: ErrNotAncestor, Argument: id,
				Msg: fmt.Sprintf("revision %s is already applied", id)}
		}
		for _, d := range n.normDown {
			if !applied[d.idx] {
				return Step{}, &ResolutionError{Kind: ErrNotAncestor, Argument: id,
					Msg: fmt.Sprintf("revision %s cannot be upgraded alone: %s, which it needs, is not applied", id, d.id())}
			}
		}
	} else {
		if !applied[n.idx] {
			return Step{}, &ResolutionError{Kind: ErrNotAncestor, Argument: id,
				Msg: fmt.Sprintf("revision %s is not applied", id)}
		}
		for _, c := range n.normChildren {
			if applied[c.idx] {
				return Step{}, &ResolutionError{Kind: ErrNotAncestor, Argument: id,
					Msg: fmt.Sprintf("revision %s cannot be downgraded alone: %s, which needs it, is applied", id, c.id())}
			}
		}
	}
	return g.rowStep(current, n, up)
}
