package versions

import (
	"fmt"
	"slices"
)

// PlanStamp returns the version-table steps of `stamp targets...`
// (`--purge` empties the table first: pass purge and the steps start from
// no rows). Nothing is run; ApplySteps(current, steps) (or nil with
// purge) gives the rows afterwards.
//
// This is Alembic's ScriptDirectory._stamp_revs: the current rows on the
// lineage of any target are considered; each destination already a row
// is skipped; base deletes those rows; a destination above or below them
// moves them to it in one step (merging several rows into one); a
// destination on no represented branch is inserted.
//
// Deliberate difference: Alembic moves every considered row for every
// destination, which fails (a DELETE matching no row) when stamping
// several branches at once; we move, for each destination, only the rows
// below it (upgrade) or above it (downgrade).
func (g *Graph) PlanStamp(current []string, targets []string, purge bool) ([]Step, error) {
	steps, err := g.planStamp(current, targets, purge)
	if re, ok := err.(*ResolutionError); ok && re.Kind == ErrMultipleHeads {
		// Alembic's wording for stamp.
		re.Msg = "Multiple heads are present; please specify a single target revision"
	}
	return steps, err
}

func (g *Graph) planStamp(current []string, targets []string, purge bool) ([]Step, error) {
	if purge {
		current = nil
	}
	rows, err := g.currentNodes(current)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		targets = []string{"base"}
	}
	var considered []*gnode
	var dests []*gnode
	destArg := map[*gnode]string{}
	for _, t := range targets {
		id, err := ParseIdentifier(t)
		if err != nil {
			return nil, err
		}
		if !id.Relative && id.Branch == "" && id.Symbol == "current" {
			return nil, &ResolutionError{Kind: ErrNotUpgradeTarget, Argument: t,
				Msg: "'current' is not a stamp target (stamping the current revisions changes nothing); stamp head, heads, base or a revision"}
		}
		on, err := g.stampLineage(rows, id)
		if err != nil {
			return nil, err
		}
		for _, n := range on {
			if !containsNode(considered, n) {
				considered = append(considered, n)
			}
		}
		ds, err := g.resolveNodes(t, current)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if prev, ok := destArg[d]; ok {
				return nil, &ResolutionError{Kind: ErrRedundantTargets, Argument: t, Candidates: []string{d.id()},
					Msg: fmt.Sprintf("stamp targets %s and %s are the same revision %s; give it once", prev, t, d.id())}
			}
			destArg[d] = t
		}
		dests = append(dests, ds...)
	}
	if err := g.checkStampHeads(dests, destArg); err != nil {
		return nil, err
	}
	var steps []Step
	if len(dests) == 0 {
		for _, h := range considered {
			steps = append(steps, Step{Revision: h.rev, Stamp: true, Action: Delete, From: []string{h.id()}})
		}
		return steps, nil
	}
	for _, d := range dests {
		if containsNode(considered, d) {
			continue // already a row
		}
		desc := g.closure([]*gnode{d}, allChildrenOf)
		anc := g.closure([]*gnode{d}, normDownOf)
		var above, below []string
		for _, h := range considered {
			if desc[h.idx] {
				above = append(above, h.id())
			} else if anc[h.idx] {
				below = append(below, h.id())
			}
		}
		s := Step{Revision: d.rev, Stamp: true, To: []string{d.id()}}
		switch {
		case len(above) > 0:
			s.From = above
		case len(below) > 0:
			s.Up, s.From = true, below
		default:
			s.Up, s.Action = true, Insert
			steps = append(steps, s)
			continue
		}
		s.Action = Update
		if len(s.From) > 1 {
			s.Action = Merge
		}
		steps = append(steps, s)
		considered = slices.DeleteFunc(considered, func(n *gnode) bool { return slices.Contains(s.From, n.id()) })
	}
	return steps, nil
}

// stampLineage is filter_for_lineage(heads, target, include_dependencies)
// of _stamp_revs: the rows sharing a lineage with the target; for base
// (nothing to compare with) every row.
func (g *Graph) stampLineage(rows []*gnode, id Identifier) ([]*gnode, error) {
	var against []*gnode
	if id.Branch != "" {
		b, err := g.resolveBranch(id.Branch)
		if err != nil {
			return nil, err
		}
		against = append(against, b)
	}
	if !id.Relative {
		switch id.Symbol {
		case "base", "current":
		case "heads", "head":
			hs, err := g.getRevisions(id.Raw)
			if err != nil {
				return nil, err
			}
			against = append(against, hs...)
		default:
			n, err := g.revisionForIdent(id.Symbol, "")
			if err != nil {
				return nil, err
			}
			against = append(against, n)
		}
	}
	if len(against) == 0 {
		return rows, nil
	}
	var out []*gnode
	for _, r := range rows {
		for _, a := range against {
			if g.sharesLineage(r, a, true) {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

// checkStampHeads refuses destinations of which one is below another
// (an ancestor, or a dependency): the version table holds heads only, so
// stamping both cannot describe a database state.
func (g *Graph) checkStampHeads(dests []*gnode, arg map[*gnode]string) error {
	for _, d := range dests {
		below := g.closure([]*gnode{d}, normDownOf)
		for _, o := range dests {
			if o == d || !below[o.idx] {
				continue
			}
			rel := "an ancestor"
			if !g.closure([]*gnode{d}, parentsOf)[o.idx] {
				rel = "a dependency"
			}
			return &ResolutionError{Kind: ErrRedundantTargets, Argument: arg[o], Candidates: []string{o.id(), d.id()},
				Msg: fmt.Sprintf("stamp target %s is %s of %s: the version table holds only the heads of what is applied; stamp %s alone",
					o.id(), rel, d.id(), arg[d])}
		}
	}
	return nil
}
