package versions

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
