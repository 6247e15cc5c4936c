package versions

import (
	"fmt"
	"strings"
)

// Walk returns every revision newest first, in the order `history`
// prints them (Alembic's walk_revisions from base to heads).
func (g *Graph) Walk() []*Revision {
	all := make([]bool, len(g.nodes))
	for i := range all {
		all[i] = true
	}
	return revsOf(g.alembicOrder(all, g.realHeads))
}

// History returns the revisions of `history -r rangeSpec`, newest first.
// rangeSpec is "" (everything), "a:b", "a:" or ":b"; an empty lower end
// is base and an empty upper end is heads; either end may be `current`
// (the version table rows given in current). Both ends are included. The
// ends must lie along one line of ancestry, else the error is Alembic's
// "Requested range a:b does not refer to ancestor/descendant revisions
// along the same branch".
func (g *Graph) History(rangeSpec string, current []string) ([]*Revision, error) {
	var r Range
	if strings.TrimSpace(rangeSpec) != "" {
		var err error
		if r, err = ParseRange(rangeSpec); err != nil {
			return nil, err
		}
	}
	cur, err := g.currentNodes(current)
	if err != nil {
		return nil, err
	}
	lowerName, upperName := r.Lower, r.Upper
	if r.Lower == "current" && len(cur) > 0 {
		lowerName = strings.Join(current, ",")
	}
	if r.Upper == "current" && len(cur) > 0 {
		upperName = strings.Join(current, ",")
	}
	if lowerName == "" || lowerName == "current" {
		lowerName = "base"
	}
	if upperName == "" || upperName == "current" {
		upperName = "heads"
	}
	notAncestor := &ResolutionError{Kind: ErrNotAncestor, Argument: rangeSpec,
		Msg: fmt.Sprintf("Requested range %s:%s does not refer to ancestor/descendant revisions along the same branch", lowerName, upperName)}

	lower, err := g.historyLower(r.Lower, cur)
	if err != nil {
		return nil, err
	}
	var targets []*gnode
	switch {
	case r.Upper == "current" && len(cur) > 0:
		targets = cur
	case r.Upper == "" || r.Upper == "current":
		targets = g.realHeads
	default:
		id, err := ParseIdentifier(r.Upper)
		if err != nil {
			return nil, err
		}
		if targets, err = g.upgradeTargets(lower, id); err != nil {
			return nil, err
		}
	}
	if branch, _, ok := strings.Cut(r.Lower, "@"); ok {
		if targets, err = g.narrowToBranch(targets, branch); err != nil {
			return nil, err
		}
	}
	required := g.closure(targets, normDownOf)
	ancestors := g.closure(targets, parentsOf)
	for _, l := range lower {
		if !required[l.idx] {
			return nil, notAncestor
		}
		if !ancestors[l.idx] {
			// Reached only through depends_on: a dependency orders two
			// branches, it does not make a line of ancestry.
			notAncestor.Msg += fmt.Sprintf(" (%s depends on %s without descending from it)", upperName, l.id())
			return nil, notAncestor
		}
	}
	needs := required
	if len(lower) > 0 {
		applied := g.closure(lower, normDownOf)
		above := g.closure(lower, childrenOf)
		for i := range needs {
			needs[i] = needs[i] && !applied[i] && above[i]
		}
		for _, l := range lower {
			needs[l.idx] = true
		}
	}
	return revsOf(g.alembicOrder(needs, targets)), nil
}

// historyLower resolves the lower end of a history range. A walk down
// without a revision (-N) counts from the heads, as Alembic's
// get_revisions does.
func (g *Graph) historyLower(lower string, cur []*gnode) ([]*gnode, error) {
	switch lower {
	case "", "base":
		return nil, nil
	case "current":
		return cur, nil
	}
	id, err := ParseIdentifier(lower)
	if err != nil {
		return nil, err
	}
	if !id.Relative {
		return g.getRevisions(id.Raw)
	}
	if id.Symbol == "" && id.Steps < 0 {
		heads := g.realHeads
		if id.Branch != "" {
			var on []*gnode
			for _, h := range heads {
				if g.hasLabel(h, id.Branch) {
					on = append(on, h)
				}
			}
			heads = on
		}
		var out []*gnode
		for _, h := range heads {
			n, err := g.walk(h, id.Steps, "")
			if err != nil {
				if err == errOverwalk {
					return nil, walkedTooFar(id)
				}
				return nil, err
			}
			if n != nil && !containsNode(out, n) {
				out = append(out, n)
			}
		}
		return out, nil
	}
	return g.resolveNodes(lower, idsOf(cur))
}

// narrowToBranch keeps the targets that carry the branch's label (when
// the lower end is <branch>@...); a revision id given as the branch
// stands for its label.
func (g *Graph) narrowToBranch(targets []*gnode, branch string) ([]*gnode, error) {
	label := branch
	if _, isLabel := g.byLabel[branch]; !isLabel {
		b, err := g.resolveBranch(branch)
		if err != nil {
			return nil, err
		}
		labels := g.labelsOf(b)
		if len(labels) != 1 {
			return g.filterLineage(targets, b, false), nil
		}
		label = labels[0]
	}
	var out []*gnode
	for _, t := range targets {
		if g.hasLabel(t, label) {
			out = append(out, t)
		}
	}
	return out, nil
}
