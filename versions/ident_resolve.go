package versions

import (
	"fmt"
	"strings"
)

// multipleHeadsMsg is Alembic's CommandError text for MultipleHeads.
const multipleHeadsMsg = "Multiple head revisions are present for given argument 'head'; " +
	"please specify a specific target revision, '<branchname>@head' to narrow to a specific head, " +
	"or 'heads' for all heads"

// Resolve returns the revisions an identifier names, as `show` and the
// endpoints of `history` understand it; base resolves to no revisions.
// current holds the database's current heads (the version table rows);
// it is used by `current`, +N and -N, and may be nil otherwise.
//
// +N forms walk up as `upgrade` does and -N forms walk down as
// `downgrade` does (see PlanUpgrade and PlanDowngrade).
func (g *Graph) Resolve(ident string, current []string) ([]*Revision, error) {
	nodes, err := g.resolveNodes(ident, current)
	if err != nil {
		return nil, err
	}
	return revsOf(nodes), nil
}

// ResolveOne is Resolve for commands that need at most one revision; it
// returns nil for base and an error naming the candidates when the
// identifier names several.
func (g *Graph) ResolveOne(ident string, current []string) (*Revision, error) {
	nodes, err := g.resolveNodes(ident, current)
	if err != nil {
		return nil, err
	}
	switch len(nodes) {
	case 0:
		return nil, nil
	case 1:
		return nodes[0].rev, nil
	}
	return nil, multipleHeadsError(strings.TrimSpace(ident), nodes)
}

func (g *Graph) resolveNodes(ident string, current []string) ([]*gnode, error) {
	id, err := ParseIdentifier(ident)
	if err != nil {
		return nil, err
	}
	cur, err := g.currentNodes(current)
	if err != nil {
		return nil, err
	}
	switch {
	case !id.Relative && id.Branch == "" && id.Symbol == "current":
		return cur, nil
	case !id.Relative:
		return g.getRevisions(id.Raw)
	case id.Steps > 0:
		return g.upgradeTargets(cur, id)
	}
	_, n, err := g.downgradeTarget(cur, id)
	if err != nil || n == nil {
		return nil, err
	}
	return []*gnode{n}, nil
}

// currentNodes looks up the version table's rows.
func (g *Graph) currentNodes(current []string) ([]*gnode, error) {
	out := make([]*gnode, 0, len(current))
	for _, c := range current {
		n, ok := g.byID[c]
		if !ok {
			return nil, &ResolutionError{Kind: ErrNotFound, Argument: c,
				Msg: fmt.Sprintf("Can't locate revision identified by '%s'", c)}
		}
		if !containsNode(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// getRevisions is Alembic's RevisionMap.get_revisions for an identifier
// without a walk: heads (the real heads), <branch>@heads, head,
// <branch>@head, base, <branch>@base, and <branch>@<rev> / <rev>.
func (g *Graph) getRevisions(ident string) ([]*gnode, error) {
	branch, sym, found := strings.Cut(ident, "@")
	if !found {
		sym, branch = branch, ""
	}
	switch sym {
	case "heads":
		if branch == "" {
			return g.realHeads, nil
		}
		b, err := g.resolveBranch(branch)
		if err != nil {
			return nil, err
		}
		return g.filterLineage(g.heads, b, false), nil
	case "head":
		h, err := g.currentHead(branch)
		if err != nil || h == nil {
			return nil, err
		}
		return []*gnode{h}, nil
	case "base", "":
		if branch != "" {
			if _, err := g.resolveBranch(branch); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	n, err := g.revisionForIdent(sym, branch)
	if err != nil {
		return nil, err
	}
	return []*gnode{n}, nil
}

// getRevision is getRevisions for exactly one revision (nil for base).
func (g *Graph) getRevision(ident string) (*gnode, error) {
	nodes, err := g.getRevisions(ident)
	if err != nil {
		return nil, err
	}
	if len(nodes) > 1 {
		return nil, multipleHeadsError(ident, nodes)
	}
	if len(nodes) == 0 {
		return nil, nil
	}
	return nodes[0], nil
}

// currentHead is Alembic's get_current_head: the single head (counting
// heads that something depends on), optionally within a branch.
func (g *Graph) currentHead(branch string) (*gnode, error) {
	heads := g.heads
	arg := "head"
	if branch != "" {
		b, err := g.resolveBranch(branch)
		if err != nil {
			return nil, err
		}
		heads = g.filterLineage(heads, b, false)
		arg = branch + "@head"
	}
	if len(heads) > 1 {
		return nil, multipleHeadsError(arg, heads)
	}
	if len(heads) == 0 {
		return nil, nil
	}
	return heads[0], nil
}

// multipleHeadsError words Alembic's MultipleHeads: for the argument
// "head" the exact CommandError text, otherwise the RevisionError text
// that lists the heads.
func multipleHeadsError(arg string, heads []*gnode) *ResolutionError {
	ids := idsOf(heads)
	msg := multipleHeadsMsg
	if arg != "head" {
		msg = fmt.Sprintf("Multiple heads are present for given argument '%s'; %s", arg, strings.Join(ids, ", "))
	}
	return &ResolutionError{Kind: ErrMultipleHeads, Argument: arg, Candidates: ids, Msg: msg}
}

// resolveBranch is Alembic's _resolve_branch: a label, an id, or an id
// prefix.
func (g *Graph) resolveBranch(branch string) (*gnode, error) {
	if n, ok := g.byLabel[branch]; ok {
		return n, nil
	}
	n, err := g.revisionForIdent(branch, "")
	if err != nil {
		return nil, &ResolutionError{Kind: ErrNoSuchBranch, Argument: branch,
			Msg: fmt.Sprintf("No such branch: '%s'", branch)}
	}
	return n, nil
}

// revisionForIdent is Alembic's _revision_for_ident: an exact id or
// label, else a unique prefix (within the branch when one is given); the
// result must share the branch's lineage.
func (g *Graph) revisionForIdent(sym, branch string) (*gnode, error) {
	var b *gnode
	if branch != "" {
		var err error
		if b, err = g.resolveBranch(branch); err != nil {
			return nil, err
		}
	}
	n, ok := g.byID[sym]
	if !ok {
		n, ok = g.byLabel[sym]
	}
	if !ok {
		cands := g.prefixCandidates(sym)
		if b != nil {
			cands = g.filterLineage(cands, b, false)
		}
		switch len(cands) {
		case 0:
			hint := ""
			if len(sym) < 4 {
				hint = "; please ensure at least four characters are present for partial revision identifier matches"
			}
			return nil, &ResolutionError{Kind: ErrNotFound, Argument: sym,
				Msg: fmt.Sprintf("No such revision or branch '%s'%s", sym, hint)}
		case 1:
			n = cands[0]
		default:
			ids := idsOf(cands)
			quoted := make([]string, 0, 3)
			for _, id := range ids[:min(3, len(ids))] {
				quoted = append(quoted, "'"+id+"'")
			}
			return nil, &ResolutionError{Kind: ErrAmbiguous, Argument: sym, Candidates: ids,
				Msg: fmt.Sprintf("Multiple revisions start with '%s': %s...", sym, strings.Join(quoted, ", "))}
		}
	}
	if b != nil && !g.sharesLineage(n, b, false) {
		return nil, &ResolutionError{Kind: ErrNotOnBranch, Argument: sym,
			Msg: fmt.Sprintf("Revision %s is not a member of branch '%s'", n.id(), branch)}
	}
	return n, nil
}

// prefixCandidates lists the revisions whose id or label (of four or
// more characters, as in Alembic) starts with prefix: ids in load order,
// then labels; a revision matched by both its id and a label counts once.
func (g *Graph) prefixCandidates(prefix string) []*gnode {
	var out []*gnode
	for _, n := range g.nodes {
		if len(n.id()) > 3 && strings.HasPrefix(n.id(), prefix) {
			out = append(out, n)
		}
	}
	for _, n := range g.nodes {
		for _, l := range n.rev.BranchLabels {
			if len(l) > 3 && strings.HasPrefix(l, prefix) && g.byLabel[l] == n && !containsNode(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// sharesLineage reports whether n is an ancestor or descendant of (or
// is) b, as Alembic's _shares_lineage.
func (g *Graph) sharesLineage(n, b *gnode, deps bool) bool {
	return g.lineage(b, deps)[n.idx]
}

// lineage is the set of b's ancestors and descendants, b included.
func (g *Graph) lineage(b *gnode, deps bool) []bool {
	up, down := parentsOf, childrenOf
	if deps {
		up, down = normDownOf, allChildrenOf
	}
	set := g.closure([]*gnode{b}, up)
	for i, v := range g.closure([]*gnode{b}, down) {
		set[i] = set[i] || v
	}
	return set
}

// filterLineage keeps the targets on b's lineage (Alembic's
// filter_for_lineage).
func (g *Graph) filterLineage(targets []*gnode, b *gnode, deps bool) []*gnode {
	if len(targets) == 0 {
		return nil
	}
	set := g.lineage(b, deps)
	var out []*gnode
	for _, t := range targets {
		if set[t.idx] {
			out = append(out, t)
		}
	}
	return out
}

func idsOf(nodes []*gnode) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.id()
	}
	return out
}

func containsNode(nodes []*gnode, n *gnode) bool {
	for _, m := range nodes {
		if m == n {
			return true
		}
	}
	return false
}
