package versions

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// planOracle says what a correct plan does from the revisions' fields
// alone (ID, Revises, DependsOn, BranchLabels), without the planner's
// graph, normalisation or topological order: it is the reference the
// property test holds PlanUpgrade and PlanDowngrade to. Its rules are
// Alembic's (RevisionMap._collect_upgrade_revisions,
// _collect_downgrade_revisions, and the rows its HeadMaintainer leaves),
// stated on sets:
//
//   - below(S): S and everything reachable through revises and depends_on;
//     above(S): S and everything reachable through revisers and dependents.
//     The applied set of a version table is below(rows).
//   - upgrade T (T resolved to revisions) applies exactly
//     below(T) \ below(rows): nothing else, in particular no sibling
//     branch T does not need. Each step comes after its parents and
//     dependencies.
//   - downgrade D removes exactly above(roots) ∩ below(rows), where roots
//     are D's children (through revises only: D's dependents that are not
//     above a child stay), or every base for base; with a branch (B@D,
//     B@base) and several roots, only the roots that are ancestors of B's
//     revision (through revises). Each step comes after every applied
//     revision that revises or depends on it. An empty removal when D is
//     not a row is an error (not a valid downgrade target), as is a
//     branch filter that leaves no root.
//   - stamp T1 T2 ... (each an id, heads or B@head; base for none) runs
//     nothing and leaves, for each target in turn, the target plus the
//     rows not on its lineage (below or above it, dependencies included):
//     rows on its lineage are moved to it. --purge starts from no rows.
//     Targets of which one lies below another are refused.
//   - The version table afterwards holds the tips of the applied set: the
//     applied revisions that no applied revision revises or depends on. A
//     head something applied depends on (an "effective head") is never a
//     row.
type planOracle struct {
	order    []string            // ids in load order
	parents  map[string][]string // Revises
	down     map[string][]string // Revises + DependsOn, labels resolved
	children map[string][]string // reverse of parents
	up       map[string][]string // reverse of down
	labels   map[string]string   // branch label -> declaring revision
}

func newPlanOracle(revs []*Revision) *planOracle {
	o := &planOracle{
		parents: map[string][]string{}, down: map[string][]string{},
		children: map[string][]string{}, up: map[string][]string{},
		labels: map[string]string{},
	}
	for _, r := range revs {
		o.order = append(o.order, r.ID)
		for _, l := range r.BranchLabels {
			o.labels[l] = r.ID
		}
	}
	for _, r := range revs {
		o.parents[r.ID] = r.Revises
		o.down[r.ID] = slices.Clone(r.Revises)
		for _, d := range r.DependsOn {
			if id, ok := o.labels[d]; ok {
				d = id
			}
			o.down[r.ID] = append(o.down[r.ID], d)
		}
		for _, p := range r.Revises {
			o.children[p] = append(o.children[p], r.ID)
		}
		for _, d := range o.down[r.ID] {
			o.up[d] = append(o.up[d], r.ID)
		}
	}
	return o
}

// reach returns starts and everything reachable from them through next.
func (o *planOracle) reach(starts []string, next map[string][]string) map[string]bool {
	set := map[string]bool{}
	stack := slices.Clone(starts)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !set[id] {
			set[id] = true
			stack = append(stack, next[id]...)
		}
	}
	return set
}

// tips are the members of set that no member revises or depends on,
// sorted: the version table's rows for the applied set.
func (o *planOracle) tips(set map[string]bool) []string {
	var out []string
	for id := range set {
		if !slices.ContainsFunc(o.up[id], func(u string) bool { return set[u] }) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// branchRev is the revision a branch name stands for: the one declaring
// the label, or the revision with that id.
func (o *planOracle) branchRev(branch string) string {
	if id, ok := o.labels[branch]; ok {
		return id
	}
	return branch
}

// lineage is the revision's ancestors and descendants through revises.
func (o *planOracle) lineage(id string) map[string]bool {
	set := o.reach([]string{id}, o.parents)
	for d := range o.reach([]string{id}, o.children) {
		set[d] = true
	}
	return set
}

// upgradeTargets resolves the upgrade identifiers the property test uses:
// an id, heads (what nothing revises or depends on), B@head (the one
// revision nothing revises on B's lineage; several is an error) and B@id
// (id must be on B's lineage).
func (o *planOracle) upgradeTargets(target string) ([]string, error) {
	branch, sym, ok := strings.Cut(target, "@")
	if !ok {
		if target == "heads" {
			var out []string
			for _, id := range o.order {
				if len(o.up[id]) == 0 {
					out = append(out, id)
				}
			}
			return out, nil
		}
		return []string{target}, nil
	}
	line := o.lineage(o.branchRev(branch))
	if sym != "head" {
		if !line[sym] {
			return nil, fmt.Errorf("%s is not on branch %s", sym, branch)
		}
		return []string{sym}, nil
	}
	var heads []string
	for _, id := range o.order {
		if line[id] && len(o.children[id]) == 0 {
			heads = append(heads, id)
		}
	}
	if len(heads) != 1 {
		return nil, fmt.Errorf("%s has %d heads", branch, len(heads))
	}
	return heads, nil
}

// upgrade returns what `upgrade target` from rows must apply.
func (o *planOracle) upgrade(rows []string, target string) (map[string]bool, error) {
	targets, err := o.upgradeTargets(target)
	if err != nil {
		return nil, err
	}
	need := o.reach(targets, o.down)
	for id := range o.reach(rows, o.down) {
		delete(need, id)
	}
	return need, nil
}

// downgrade returns what `downgrade target` from rows must remove, for
// the forms base, id, B@base and B@id. As in Alembic, B@id resolves id
// alone: B only narrows the roots.
func (o *planOracle) downgrade(rows []string, target string) (map[string]bool, error) {
	branch, dest, ok := strings.Cut(target, "@")
	if !ok {
		branch, dest = "", target
	}
	var roots []string
	if dest == "base" {
		for _, id := range o.order {
			if len(o.parents[id]) == 0 {
				roots = append(roots, id)
			}
		}
	} else {
		roots = o.children[dest]
	}
	if branch != "" && len(roots) > 1 {
		anc := o.reach([]string{o.branchRev(branch)}, o.parents)
		roots = slices.DeleteFunc(slices.Clone(roots), func(r string) bool { return !anc[r] })
		if len(roots) == 0 {
			return nil, fmt.Errorf("no root of %s is an ancestor of %s", dest, branch)
		}
	}
	applied := o.reach(rows, o.down)
	drop := map[string]bool{}
	for id := range o.reach(roots, o.up) {
		if applied[id] {
			drop[id] = true
		}
	}
	if dest != "base" && len(drop) == 0 && !slices.Contains(rows, dest) {
		return nil, fmt.Errorf("%s is not a valid downgrade target from %v", dest, rows)
	}
	return drop, nil
}

// errStampOverlap: one stamp target lies below another.
var errStampOverlap = errors.New("stamp targets overlap")

// stamp returns the rows after `stamp targets...` from rows.
func (o *planOracle) stamp(rows, targets []string, purge bool) ([]string, error) {
	var dests []string
	for _, t := range targets {
		if t == "base" {
			continue
		}
		ts, err := o.upgradeTargets(t)
		if err != nil {
			return nil, err
		}
		dests = append(dests, ts...)
	}
	for _, a := range dests {
		for _, b := range dests {
			if a != b && o.reach([]string{b}, o.down)[a] {
				return nil, fmt.Errorf("%w: %s lies below %s", errStampOverlap, a, b)
			}
		}
	}
	after := slices.Clone(rows)
	if purge {
		after = nil
	}
	if len(dests) == 0 {
		return []string{}, nil
	}
	for _, d := range dests {
		line := o.reach([]string{d}, o.down)
		for u := range o.reach([]string{d}, o.up) {
			line[u] = true
		}
		after = slices.DeleteFunc(after, func(r string) bool { return line[r] })
		after = append(after, d)
	}
	slices.Sort(after)
	return after, nil
}

// check holds a plan from rows to the oracle's answer want (what it must
// apply when up, remove otherwise): every step runs a revision of want,
// once, after its prerequisites (up: its parents and dependencies are
// applied; down: nothing applied revises or depends on it); nothing of
// want is left out; and the version table afterwards holds the tips of
// the applied set. It returns the rows afterwards, sorted.
func (o *planOracle) check(rows []string, steps []Step, up bool, want map[string]bool) ([]string, error) {
	applied := o.reach(rows, o.down)
	seen := map[string]bool{}
	for i, s := range steps {
		id := s.Revision.ID
		switch {
		case s.Up != up || s.Stamp:
			return nil, fmt.Errorf("step %d (%s): wrong direction or a stamp", i, s)
		case seen[id]:
			return nil, fmt.Errorf("step %d: %s runs twice", i, id)
		case !want[id] && up:
			return nil, fmt.Errorf("step %d: applies %s, which the target does not need or which is already applied", i, id)
		case !want[id]:
			return nil, fmt.Errorf("step %d: removes %s, which is not above the target or not applied", i, id)
		}
		seen[id] = true
		if up {
			for _, d := range o.down[id] {
				if !applied[d] {
					return nil, fmt.Errorf("step %d: applies %s before %s", i, id, d)
				}
			}
		} else {
			for _, u := range o.up[id] {
				if applied[u] {
					return nil, fmt.Errorf("step %d: removes %s while %s stands on it", i, id, u)
				}
			}
		}
		applied[id] = up
	}
	var missing []string
	for id := range want {
		if !seen[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("the plan leaves out %v", missing)
	}
	after, err := ApplySteps(rows, steps)
	if err != nil {
		return nil, err
	}
	slices.Sort(after)
	for id, ok := range applied {
		if !ok {
			delete(applied, id)
		}
	}
	if tips := o.tips(applied); !slices.Equal(after, tips) {
		return nil, fmt.Errorf("rows afterwards %v, want the tips of the applied set %v", after, tips)
	}
	return after, nil
}
