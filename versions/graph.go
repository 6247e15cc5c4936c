package versions

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Graph is the revision graph (a DAG) with Alembic's semantics: heads,
// bases, branch points, merge points, branch labels and dependencies.
//
// Revisions keep their load order (file order); it breaks ties wherever
// Alembic's topological order does. A Graph is immutable once built and
// safe for concurrent use.
type Graph struct {
	nodes   []*gnode
	byID    map[string]*gnode
	byLabel map[string]*gnode // label -> declaring revision

	heads     []*gnode // nothing revises them (Alembic `heads`)
	realHeads []*gnode // nothing revises or depends on them
	bases     []*gnode // revise nothing
	realBases []*gnode // revise nothing and depend on nothing

	// replacedBy maps the ids that squashed revisions replace, and whose
	// files are gone, to the squashed revision; standAside are squashed
	// revisions left out because the revisions they replace are present.
	replacedBy map[string]*Revision
	standAside []*Revision
}

// gnode is a revision with its links resolved.
type gnode struct {
	rev  *Revision
	idx  int // load order
	rank int // position in a topological order of revises + depends_on

	parents  []*gnode // Revises, declaration order
	deps     []*gnode // DependsOn resolved to revisions, declaration order
	normDeps []*gnode // deps that no versioned ancestor already depends on
	normDown []*gnode // parents + normDeps (Alembic _normalized_down_revisions)

	children     []*gnode // revisions that revise this one (nextrev)
	allChildren  []*gnode // children + dependents (_all_nextrev)
	normChildren []*gnode // reverse of normDown

	walkLabels []string // labels given by the downward walk (see propagateLabels)
}

func (n *gnode) id() string { return n.rev.ID }

// isRealBranchPoint counts dependents as children, as Alembic's
// _is_real_branch_point does.
func (n *gnode) isRealBranchPoint() bool { return len(n.allChildren) > 1 }

// NewGraph builds and validates the graph of revs, given in load order.
// Every problem found is reported as a *GraphError naming the revisions
// and files at fault; several problems come back as an errors.Join.
//
// A squashed revision (one with Replaces) stands in for the revisions it
// replaces once their files are gone; while they are all present it
// stands aside (it is left out of the graph, which stays the graph before
// the squash); with some present and some gone the graph is refused
// (PartialSquash).
func NewGraph(revs []*Revision) (*Graph, error) {
	g := &Graph{
		byID:    make(map[string]*gnode, len(revs)),
		byLabel: map[string]*gnode{},
	}
	revs, errs := g.sortSquashes(revs)
	for i, r := range revs {
		if r == nil {
			errs = append(errs, &GraphError{Kind: InvalidID, Msg: "revision " + strconv.Itoa(i) + " in load order is nil"})
			continue
		}
		if err := checkGraphID(r); err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, ok := g.byID[r.ID]; ok {
			e := newGraphError(DuplicateID, r.ID, []*Revision{prev.rev, r},
				"Revision %s is present more than once", r.ID)
			e.Hint = "remove the copy, or give one of them a new id (and check what revises it)"
			errs = append(errs, e)
			continue
		}
		if slices.Contains(r.Revises, r.ID) {
			errs = append(errs, newGraphError(SelfLoop, r.ID, []*Revision{r},
				"Self-loop is detected in revisions (%s)", r.ID))
			continue
		}
		if dup, field := repeatedLink(r); dup != "" {
			errs = append(errs, newGraphError(DuplicateParent, r.ID, []*Revision{r},
				"Revision %s lists %s twice in %s; a revision cannot merge (or depend on) the same revision with itself", r.ID, dup, field))
			continue
		}
		if slices.Contains(r.DependsOn, r.ID) {
			errs = append(errs, newGraphError(DependencySelfLoop, r.ID, []*Revision{r},
				"Dependency self-loop is detected in revisions (%s)", r.ID))
			continue
		}
		n := &gnode{rev: r, idx: len(g.nodes)}
		g.nodes = append(g.nodes, n)
		g.byID[r.ID] = n
	}
	errs = append(errs, g.mapLabels()...)
	errs = append(errs, g.resolveLinks()...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g.linkChildren()
	if errs := g.rankAndDetectCycles(); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g.normalizeDependencies()
	g.propagateLabels()
	return g, nil
}

// repeatedLink returns an id listed twice in r.Revises or r.DependsOn,
// and which of the two lists it is in.
func repeatedLink(r *Revision) (id, field string) {
	for _, l := range []struct {
		name string
		ids  []string
	}{{"revises", r.Revises}, {"depends_on", r.DependsOn}} {
		for i, a := range l.ids {
			if slices.Contains(l.ids[:i], a) {
				return a, l.name
			}
		}
	}
	return "", ""
}

// checkGraphID applies Alembic's verify_rev_id (no '@', '-', '+', ':')
// plus the length limit of the version table and the reserved words: the
// rules of CheckRevisionID (fileid.go) that the identifier grammar needs,
// with Alembic's messages. Reserved words are matched exactly here.
func checkGraphID(r *Revision) error {
	if r.ID == "" {
		return newGraphError(InvalidID, "", []*Revision{r}, "Revision identifier is empty")
	}
	var bad []string
	for _, c := range grammarIDChars {
		if strings.ContainsRune(r.ID, c) {
			bad = append(bad, string(c))
		}
	}
	if len(bad) > 0 {
		return newGraphError(InvalidID, r.ID, []*Revision{r},
			"Character(s) '%s' not allowed in revision identifier '%s'", strings.Join(bad, ", "), r.ID)
	}
	if len(r.ID) > MaxRevisionIDLength {
		return newGraphError(InvalidID, r.ID, []*Revision{r},
			"Revision identifier '%.40s...' is %d characters long; at most %d are allowed", r.ID, len(r.ID), MaxRevisionIDLength)
	}
	if slices.Contains(reservedIDs, r.ID) {
		return newGraphError(InvalidID, r.ID, []*Revision{r},
			"Revision identifier '%s' is a reserved word of the revision identifier grammar", r.ID)
	}
	return nil
}

// mapLabels records each declared label; labels share one namespace with
// revision ids (Alembic's _map_branch_labels).
func (g *Graph) mapLabels() []error {
	var errs []error
	for _, n := range g.nodes {
		for _, l := range n.rev.BranchLabels {
			if l == "" {
				continue
			}
			other, ok := g.byLabel[l]
			if !ok {
				other, ok = g.byID[l]
			}
			if ok {
				errs = append(errs, newGraphError(DuplicateLabel, l, []*Revision{n.rev, other.rev},
					"Branch name '%s' in revision %s already used by revision %s", l, n.id(), other.id()))
				continue
			}
			g.byLabel[l] = n
		}
	}
	return errs
}

// resolveLinks turns Revises and DependsOn into node links.
func (g *Graph) resolveLinks() []error {
	var errs []error
	for _, n := range g.nodes {
		for _, p := range n.rev.Revises {
			pn, ok := g.byID[p]
			if !ok {
				e := newGraphError(UnknownParent, p, []*Revision{n.rev},
					"Revision %s referenced from %s is not present", p, n.id())
				e.Hint = fmt.Sprintf("restore the file of revision %s (not merged or pulled yet?), or correct the revision %s revises", p, n.id())
				errs = append(errs, e)
				continue
			}
			if !slices.Contains(n.parents, pn) {
				n.parents = append(n.parents, pn)
			}
		}
		for _, d := range n.rev.DependsOn {
			dn, ok := g.byID[d]
			if !ok {
				dn, ok = g.byLabel[d]
			}
			if !ok {
				e := newGraphError(UnknownDependency, d, []*Revision{n.rev},
					"Dependency %s referenced from %s is not present", d, n.id())
				e.Hint = fmt.Sprintf("restore the file of revision %s, or correct the depends_on of %s", d, n.id())
				errs = append(errs, e)
				continue
			}
			if dn == n {
				errs = append(errs, newGraphError(DependencySelfLoop, d, []*Revision{n.rev},
					"Dependency self-loop is detected in revisions (%s)", n.id()))
				continue
			}
			if !slices.Contains(n.deps, dn) {
				n.deps = append(n.deps, dn)
			}
		}
	}
	return errs
}

// linkChildren fills the reverse links and the heads and bases.
func (g *Graph) linkChildren() {
	for _, n := range g.nodes {
		for _, p := range n.parents {
			p.children = append(p.children, n)
			p.allChildren = append(p.allChildren, n)
		}
		for _, d := range n.deps {
			if !slices.Contains(d.allChildren, n) {
				d.allChildren = append(d.allChildren, n)
			}
		}
	}
	for _, n := range g.nodes {
		if len(n.children) == 0 {
			g.heads = append(g.heads, n)
		}
		if len(n.allChildren) == 0 {
			g.realHeads = append(g.realHeads, n)
		}
		if len(n.parents) == 0 {
			g.bases = append(g.bases, n)
			if len(n.rev.DependsOn) == 0 {
				g.realBases = append(g.realBases, n)
			}
		}
	}
}

// normalizeDependencies drops, from each revision's dependencies, those
// that a versioned ancestor already depends on (Alembic's
// _normalize_depends_on), and builds normDown and its reverse.
func (g *Graph) normalizeDependencies() {
	anyDeps := false
	for _, n := range g.nodes {
		if len(n.deps) > 0 {
			anyDeps = true
			break
		}
	}
	for _, n := range g.nodes {
		n.normDeps = n.deps
		if anyDeps && len(n.deps) > 0 {
			inherited := map[*gnode]bool{}
			seen := make([]bool, len(g.nodes))
			stack := slices.Clone(n.parents)
			for len(stack) > 0 {
				a := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if seen[a.idx] {
					continue
				}
				seen[a.idx] = true
				for _, d := range a.deps {
					inherited[d] = true
				}
				stack = append(stack, a.parents...)
			}
			n.normDeps = nil
			for _, d := range n.deps {
				if !inherited[d] {
					n.normDeps = append(n.normDeps, d)
				}
			}
		}
		n.normDown = append(slices.Clip(n.parents), n.normDeps...)
		n.normDown = slices.CompactFunc(n.normDown, func(a, b *gnode) bool { return a == b })
		for _, d := range n.normDown {
			d.normChildren = append(d.normChildren, n)
		}
	}
}

// closure returns the set (indexed by load order) of starts and every
// node reachable from them through next.
func (g *Graph) closure(starts []*gnode, next func(*gnode) []*gnode) []bool {
	seen := make([]bool, len(g.nodes))
	stack := make([]*gnode, 0, len(starts))
	for _, s := range starts {
		if !seen[s.idx] {
			seen[s.idx] = true
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range next(n) {
			if !seen[m.idx] {
				seen[m.idx] = true
				stack = append(stack, m)
			}
		}
	}
	return seen
}

// Link selectors for closure.
func normDownOf(n *gnode) []*gnode    { return n.normDown }
func parentsOf(n *gnode) []*gnode     { return n.parents }
func childrenOf(n *gnode) []*gnode    { return n.children }
func allChildrenOf(n *gnode) []*gnode { return n.allChildren }
