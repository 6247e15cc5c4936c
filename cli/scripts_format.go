package cli

import (
	"github.com/migratego/migrate/versions"
)

// revFormatter prints revisions for heads, branches, show and history:
// the text shapes of versions.Formatter, and the --json shape, which also
// tells each revision's file kind.
type revFormatter struct {
	versions.Formatter
	s *scripts
}

// newRevFormatter returns the formatter of the scripts' revisions; labels
// are the effective branch labels of every revision (nil: ask the graph).
func newRevFormatter(s *scripts, labels map[string][]string) *revFormatter {
	return &revFormatter{Formatter: versions.Formatter{Graph: s.graph, Labels: labels, Path: s.path}, s: s}
}

// revisionJSON is a revision in --json output.
type revisionJSON struct {
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

// toJSON describes r for --json output.
func (f *revFormatter) toJSON(r *versions.Revision) revisionJSON {
	g := f.Graph
	j := revisionJSON{
		ID:           r.ID,
		Revises:      r.Revises,
		DependsOn:    r.DependsOn,
		BranchLabels: f.Branches(r),
		Declared:     r.BranchLabels,
		Message:      r.Message,
		CreateDate:   r.CreateDate,
		Path:         f.s.path(r),
		BranchPoint:  g.IsBranchPoint(r.ID),
		MergePoint:   g.IsMergePoint(r.ID),
	}
	if j.Revises == nil {
		j.Revises = []string{}
	}
	if j.BranchLabels == nil {
		j.BranchLabels = []string{}
	}
	if sc := f.s.dir.Script(r.ID); sc != nil {
		j.Kind = sc.Kind
	}
	if g.IsHead(r.ID) {
		j.Head = f.IsRealHead(r)
		j.EffectiveHead = !j.Head
	}
	if j.BranchPoint {
		j.Children = versions.IDs(g.Children(r.ID))
	}
	if f.Current != nil {
		cur := f.Current[r.ID]
		j.Current = &cur
	}
	return j
}
