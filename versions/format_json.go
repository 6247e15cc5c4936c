package versions

// RevisionJSON is a revision in the --json output of heads, branches,
// show and history.
type RevisionJSON struct {
	ID            string   `json:"id"`
	Revises       []string `json:"revises"`
	DependsOn     []string `json:"depends_on,omitempty"`
	BranchLabels  []string `json:"branch_labels"`
	Declared      []string `json:"declared_branch_labels,omitempty"`
	Message       string   `json:"message"`
	CreateDate    string   `json:"create_date,omitempty"`
	Path          string   `json:"path,omitempty"`
	Kind          string   `json:"kind,omitempty"`
	Head          bool     `json:"head"`
	EffectiveHead bool     `json:"effective_head,omitempty"`
	BranchPoint   bool     `json:"branch_point"`
	MergePoint    bool     `json:"merge_point"`
	Children      []string `json:"children,omitempty"`
	Current       *bool    `json:"current,omitempty"`
}

// JSON describes r for --json output: its header, effective branch
// labels, place in the graph, file (as Path shows it) and file kind
// (as Kind tells it), and, when Current is set, whether it is current.
func (f *Formatter) JSON(r *Revision) RevisionJSON {
	g := f.Graph
	j := RevisionJSON{
		ID:           r.ID,
		Revises:      r.Revises,
		DependsOn:    r.DependsOn,
		BranchLabels: f.Branches(r),
		Declared:     r.BranchLabels,
		Message:      r.Message,
		CreateDate:   r.CreateDate,
		Path:         f.path(r),
		BranchPoint:  g.IsBranchPoint(r.ID),
		MergePoint:   g.IsMergePoint(r.ID),
	}
	if j.Revises == nil {
		j.Revises = []string{}
	}
	if j.BranchLabels == nil {
		j.BranchLabels = []string{}
	}
	if f.Kind != nil {
		j.Kind = f.Kind(r)
	}
	if g.IsHead(r.ID) {
		j.Head = f.IsRealHead(r)
		j.EffectiveHead = !j.Head
	}
	if j.BranchPoint {
		j.Children = IDs(g.Children(r.ID))
	}
	if f.Current != nil {
		cur := f.Current[r.ID]
		j.Current = &cur
	}
	return j
}

// PictureLabel is a revision's label in dot and mermaid output: the id
// with its labels and markers, then the message.
func (f *Formatter) PictureLabel(r *Revision) []string {
	lines := []string{f.HeadOnly(r, true, false, false, true)}
	if r.Message != "" {
		lines = append(lines, r.Message)
	}
	return lines
}

// JSONList describes revs for --json output (JSON), never nil.
func (f *Formatter) JSONList(revs []*Revision) []RevisionJSON {
	out := make([]RevisionJSON, 0, len(revs))
	for _, r := range revs {
		out = append(out, f.JSON(r))
	}
	return out
}

// BranchJSON is a branch point and the revisions that branch from it, in
// the --json output of branches.
type BranchJSON struct {
	RevisionJSON
	Branches []RevisionJSON `json:"branches"`
}

// BranchJSON describes the branch point bp and its children.
func (f *Formatter) BranchJSON(bp *Revision) BranchJSON {
	return BranchJSON{RevisionJSON: f.JSON(bp), Branches: f.JSONList(f.Graph.Children(bp.ID))}
}

// HeadsJSON is the --json output of heads.
type HeadsJSON struct {
	Heads []RevisionJSON `json:"heads"`
}

// RevisionsJSON is the --json output of history and show.
type RevisionsJSON struct {
	Revisions []RevisionJSON `json:"revisions"`
}

// BranchesJSON is the --json output of branches.
type BranchesJSON struct {
	Branches []BranchJSON `json:"branches"`
}

// BranchesJSON describes the branch points for --json output (BranchJSON
// each; never nil).
func (f *Formatter) BranchesJSON(points []*Revision) BranchesJSON {
	out := BranchesJSON{Branches: make([]BranchJSON, 0, len(points))}
	for _, bp := range points {
		out.Branches = append(out.Branches, f.BranchJSON(bp))
	}
	return out
}

// WalkBranchPoints returns the branch points in the order of Walk,
// newest first.
func (g *Graph) WalkBranchPoints() []*Revision {
	var points []*Revision
	if len(g.BranchPoints()) > 0 {
		for _, r := range g.Walk() {
			if g.IsBranchPoint(r.ID) {
				points = append(points, r)
			}
		}
	}
	return points
}
