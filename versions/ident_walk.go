package versions

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// errOverwalk is returned by walk when it goes past a head or past base;
// callers turn it into Alembic's message for their context.
var errOverwalk = errors.New("walked too far")

// walk is Alembic's RevisionMap._walk: it moves steps revisions up
// (children, or the bases when starting from base) or down (parents; a
// base steps down to base) from start, nil meaning base. Going up, the
// children are narrowed to the branch's lineage when branch is set. It
// returns nil for base.
func (g *Graph) walk(start *gnode, steps int, branch string) (*gnode, error) {
	var b *gnode
	if branch != "" && steps > 0 {
		var err error
		if b, err = g.resolveBranch(branch); err != nil {
			return nil, err
		}
	}
	cur := start
	for range abs(steps) {
		if steps > 0 {
			next := g.bases
			if cur != nil {
				next = cur.children
			}
			if b != nil {
				next = g.filterLineage(next, b, false)
			}
			switch len(next) {
			case 0:
				return nil, errOverwalk
			case 1:
				cur = next[0]
			default:
				from := "base"
				what := "bases"
				if cur != nil {
					from, what = cur.id(), "children (it is a branch point)"
				}
				return nil, ambiguousWalk(from, what, next, "name a branch, as in <branch>@"+from+"+1")
			}
			continue
		}
		if cur == nil {
			return nil, errOverwalk
		}
		switch len(cur.parents) {
		case 0:
			cur = nil
		case 1:
			cur = cur.parents[0]
		default:
			return nil, ambiguousWalk(cur.id(), "parents (it is a merge point)", cur.parents, "name the revision to go to instead")
		}
	}
	return cur, nil
}

func ambiguousWalk(from, what string, choices []*gnode, hint string) *ResolutionError {
	ids := idsOf(choices)
	return &ResolutionError{Kind: ErrAmbiguousWalk, Argument: from, Candidates: ids,
		Msg: fmt.Sprintf("Ambiguous walk: %s has several %s: %s; %s", from, what, strings.Join(ids, ", "), hint)}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// relativeStr formats the step as Alembic prints it ("+1", "-2").
func relativeStr(steps int) string {
	if steps >= 0 {
		return "+" + strconv.Itoa(steps)
	}
	return strconv.Itoa(steps)
}

func didntProduce(id Identifier, rel string) *ResolutionError {
	return &ResolutionError{Kind: ErrWalkedTooFar, Argument: id.Raw,
		Msg: fmt.Sprintf("Relative revision %s didn't produce %d migrations", rel, abs(id.Steps))}
}

// overwalkNote says why a walk of steps from the database's revision
// start (nil: base) ran out of revisions, for the Alembic message.
func overwalkNote(start *gnode, steps int) string {
	from := "base"
	if start != nil {
		from = start.id()
	}
	switch {
	case steps > 0 && start != nil && len(start.children) == 0:
		return fmt.Sprintf(": the database is at a head (%s), nothing lies above it", from)
	case steps > 0:
		return fmt.Sprintf(": fewer than %d revision(s) lie above %s", steps, from)
	}
	return fmt.Sprintf(": fewer than %d revision(s) lie below %s", -steps, from)
}

func walkedTooFar(id Identifier) *ResolutionError {
	past := "past base"
	if id.Steps > 0 {
		past = "past the head"
	}
	return &ResolutionError{Kind: ErrWalkedTooFar, Argument: id.Raw,
		Msg: fmt.Sprintf("Walked too far: '%s' goes %s", id.Raw, past)}
}

// upgradeTargets is Alembic's _parse_upgrade_target: the revisions an
// upgrade to id reaches from the current heads (none for base).
func (g *Graph) upgradeTargets(current []*gnode, id Identifier) ([]*gnode, error) {
	if !id.Relative {
		if id.Branch == "" && id.Symbol == "current" {
			return current, nil
		}
		return g.getRevisions(id.Raw)
	}
	if id.Steps > 0 {
		if id.Symbol == "" {
			start, err := g.upgradeStart(current, id.Branch)
			if err != nil {
				return nil, err
			}
			n, err := g.walk(start, id.Steps, id.Branch)
			if errors.Is(err, errOverwalk) {
				e := didntProduce(id, relativeStr(id.Steps))
				e.Msg += overwalkNote(start, id.Steps)
				return nil, e
			}
			if err != nil {
				return nil, err
			}
			return []*gnode{n}, nil
		}
		start, err := g.getRevision(id.Symbol)
		if err != nil {
			return nil, err
		}
		n, err := g.walk(start, id.Steps, id.Branch)
		if errors.Is(err, errOverwalk) {
			return nil, walkedTooFar(id)
		}
		if err != nil {
			return nil, err
		}
		return []*gnode{n}, nil
	}
	if id.Symbol == "" {
		// Upgrading to current - n is not valid.
		return nil, didntProduce(id, strconv.Itoa(id.Steps))
	}
	start, err := g.getRevision(withBranch(id.Branch, id.Symbol))
	if err != nil {
		return nil, err
	}
	n, err := g.walk(start, id.Steps, "")
	if errors.Is(err, errOverwalk) {
		return nil, walkedTooFar(id)
	}
	if err != nil || n == nil {
		return nil, err
	}
	return []*gnode{n}, nil
}

// upgradeStart picks the revision a +N walk from the current heads starts
// at (nil for base): the single current head, or with a branch the
// current head on it, or the tip of what is applied of the branch.
func (g *Graph) upgradeStart(current []*gnode, branch string) (*gnode, error) {
	starts := current
	if branch != "" {
		b, err := g.resolveBranch(branch)
		if err != nil {
			return nil, err
		}
		starts = g.filterLineage(current, b, false)
		if len(starts) == 0 {
			// The branch has no current head: start from the tips of
			// what is applied on the branch's lineage.
			applied := g.closure(current, normDownOf)
			active := g.filterLineage(g.byRank(applied), b, false)
			below := make([]bool, len(g.nodes))
			for _, a := range active {
				for _, d := range a.normDown {
					below[d.idx] = true
				}
			}
			starts = nil
			for _, a := range active {
				if !below[a.idx] {
					starts = append(starts, a)
				}
			}
		}
	}
	switch len(starts) {
	case 0:
		return nil, nil
	case 1:
		return starts[0], nil
	}
	return nil, &ResolutionError{Kind: ErrAmbiguousWalk, Argument: branch, Candidates: idsOf(starts),
		Msg: "Ambiguous upgrade from multiple current revisions"}
}

// downgradeTarget is Alembic's _parse_downgrade_target: the branch the
// downgrade is narrowed to (may be empty) and the revision to downgrade
// to (nil for base).
func (g *Graph) downgradeTarget(current []*gnode, id Identifier) (string, *gnode, error) {
	if !id.Relative {
		// Alembic splits at the last '@' and resolves the symbol alone.
		branch, sym := "", id.Raw
		if i := strings.LastIndex(id.Raw, "@"); i >= 0 {
			branch, sym = id.Raw[:i], id.Raw[i+1:]
		}
		n, err := g.getRevision(sym)
		if err == nil && branch != "" {
			_, err = g.resolveBranch(branch)
		}
		return branch, n, err
	}
	if id.Steps >= 0 {
		if id.Symbol == "" {
			// Downgrading to current + n is not valid.
			return "", nil, didntProduce(id, relativeStr(id.Steps))
		}
		start, err := g.getRevision(id.Symbol)
		if err != nil {
			return "", nil, err
		}
		n, err := g.walk(start, id.Steps, id.Branch)
		if errors.Is(err, errOverwalk) {
			return "", nil, walkedTooFar(id)
		}
		return id.Branch, n, err
	}
	branch, sym := id.Branch, id.Symbol
	relativeToCurrent := sym == ""
	if relativeToCurrent {
		s, err := g.downgradeStart(current, id)
		if err != nil {
			return "", nil, err
		}
		sym = s.id()
		if branch == "" {
			// Restrict the walk to the selected branch.
			branch = sym
		}
	}
	start, err := g.getRevision(withBranch(branch, sym))
	if err != nil {
		return "", nil, err
	}
	n, err := g.walk(start, id.Steps, "")
	if errors.Is(err, errOverwalk) {
		if relativeToCurrent {
			e := didntProduce(id, strconv.Itoa(id.Steps))
			e.Msg += overwalkNote(start, id.Steps)
			return "", nil, e
		}
		return "", nil, walkedTooFar(id)
	}
	return branch, n, err
}

// downgradeStart picks the current revision a -N walk starts from.
func (g *Graph) downgradeStart(current []*gnode, id Identifier) (*gnode, error) {
	if id.Branch == "" {
		switch len(current) {
		case 0:
			e := didntProduce(id, strconv.Itoa(id.Steps))
			e.Msg += ": the database is at base"
			return nil, e
		case 1:
			return current[0], nil
		}
		// Alembic warns "downgrade -1 from multiple heads is ambiguous;
		// this usage will be disallowed in a future release." and picks
		// the first row; we refuse.
		return nil, &ResolutionError{Kind: ErrAmbiguousWalk, Argument: id.Raw, Candidates: idsOf(current),
			Msg: fmt.Sprintf("downgrade %s from multiple heads is ambiguous (current heads: %s); "+
				"specify <branch>@%s or a revision", id.Raw, strings.Join(idsOf(current), ", "), id.Raw)}
	}
	b, err := g.resolveBranch(id.Branch)
	if err != nil {
		return nil, err
	}
	on := g.filterLineage(current, b, false)
	if len(on) == 0 {
		// The branch's head may be below a current head that depends on it.
		on = g.filterLineage(g.branchHeadsOf(current), b, false)
	}
	switch len(on) {
	case 0:
		return nil, didntProduce(id, strconv.Itoa(id.Steps))
	case 1:
		return on[0], nil
	}
	return nil, &ResolutionError{Kind: ErrAmbiguousWalk, Argument: id.Raw, Candidates: idsOf(on),
		Msg: fmt.Sprintf("Ambiguous walk: branch '%s' has several current revisions: %s",
			id.Branch, strings.Join(idsOf(on), ", "))}
}

// branchHeadsOf is Alembic's _get_all_current: everything applied below
// the current heads (dependencies included), reduced to the revisions
// with no applied descendant.
func (g *Graph) branchHeadsOf(current []*gnode) []*gnode {
	applied := g.closure(current, normDownOf)
	var out []*gnode
	for _, n := range g.byRank(applied) {
		top := true
		for _, c := range n.children {
			if applied[c.idx] {
				top = false
				break
			}
		}
		if top {
			out = append(out, n)
		}
	}
	return out
}

func withBranch(branch, sym string) string {
	if branch == "" {
		return sym
	}
	return branch + "@" + sym
}
