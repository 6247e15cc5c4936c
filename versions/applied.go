package versions

import (
	"fmt"
	"strings"
)

// AppliedOf returns the revisions of revs that a database whose version
// table holds current has applied (a row, or an ancestor or dependency
// of one), in the order of revs.
func (g *Graph) AppliedOf(current []string, revs []*Revision) ([]*Revision, error) {
	cur, err := g.currentNodes(current)
	if err != nil {
		return nil, err
	}
	applied := g.closure(cur, normDownOf)
	var out []*Revision
	for _, r := range revs {
		if n, ok := g.byID[r.ID]; ok && applied[n.idx] {
			out = append(out, r)
		}
	}
	return out, nil
}

// CheckApplied is the safety rule of rebase, given the revisions of Moved
// that a database has applied (AppliedOf): moving them would leave its
// version table, and those of other databases, out of step with the
// graph. It returns an error naming them, or with force a warning.
func (p *Rebase) CheckApplied(applied []*Revision, force bool) (warning string, err error) {
	if len(applied) == 0 {
		return "", nil
	}
	hit := strings.Join(IDs(applied), ", ")
	if !force {
		return "", fmt.Errorf("rebase: the database has applied %s; other databases may have too, and would no longer match the graph. Downgrade first, or use --force", hit)
	}
	return fmt.Sprintf("rebase: the database has applied %s (--force): its version table no longer matches the graph; check it with `migrate current` and fix it with `migrate stamp`", hit), nil
}

// CheckApplied is the safety rule of squash, given whether a database has
// applied the range's last revision (applied: AppliedOf that revision):
// squash only what every database has applied. It returns an error when
// the database has not, or with force a warning.
func (p *Squash) CheckApplied(applied []*Revision, force bool) (warning string, err error) {
	last := p.Range[len(p.Range)-1]
	switch {
	case len(applied) == 1:
		return "", nil
	case !force:
		return "", fmt.Errorf("squash: the database has not applied %s: squash only revisions that every database has applied (upgrade first, or use --force if the others have)", last.ID)
	}
	return fmt.Sprintf("squash: the database has not applied %s (--force): it will run the squashed revision instead of the rest of the range", last.ID), nil
}

// DescribeRows names the rows of a version table in a message: the
// revision ids, or "base" for none.
func DescribeRows(ids []string) string {
	if len(ids) == 0 {
		return "base"
	}
	return strings.Join(ids, ", ")
}
