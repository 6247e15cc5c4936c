package versions

import (
	"strings"
	"testing"
)

func TestPlanSquash(t *testing.T) {
	// r0 - a1 - a2 - a3 - a4 (head); a1 carries a label and depends on x;
	// a2 also starts the side branch s1; d depends on a3.
	g := mkGraph(t, "x", "r0", "a1 <r0 #feat &x", "a2 <a1", "a3 <a2", "a4 <a3", "s1 <a2", "d &a3")
	tests := []struct {
		a, b    string
		replace string
		revises string
		labels  string
		deps    string
		err     string
	}{
		{a: "a1", b: "a2", replace: "a1 a2", revises: "r0", labels: "feat", deps: "x"},
		{a: "r0", b: "a1", replace: "r0 a1", revises: "", labels: "feat", deps: "x"},
		{a: "a3", b: "a4", replace: "a3 a4", revises: "a2", err: "d, outside the range, depends on a3 inside it; end the range at d or later"},
		{a: "a2", b: "a3", err: "a2 has 2 children (a3, s1): a branch starts inside the range"},
		{a: "a1", b: "a1", err: "holds one revision"},
		{a: "a4", b: "a1", err: "a1 is not a descendant of a4 along one line (r0 is a base)"},
		{a: "x", b: "a2", err: "a2 is not a descendant of x along one line"},
	}
	for _, tt := range tests {
		t.Run(tt.a+":"+tt.b, func(t *testing.T) {
			p, err := g.PlanSquash(tt.a, tt.b)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s := p.Revision
			if s.ID != tt.b || strings.Join(s.Replaces, " ") != tt.replace || strings.Join(s.Revises, " ") != tt.revises ||
				strings.Join(s.BranchLabels, " ") != tt.labels || strings.Join(s.DependsOn, " ") != tt.deps {
				t.Errorf("squashed header %+v", s)
			}
			if got := ids(p.Range); got != tt.replace {
				t.Errorf("range %s, want %s", got, tt.replace)
			}
			if p.Graph.Revision(tt.b) != s || p.Graph.Revision(tt.a) != nil || p.Graph.ReplacedBy(tt.a) != s {
				t.Errorf("graph after the squash does not stand the squash in for the range")
			}
		})
	}
}

// TestPlanSquashTwice: a squash of a range holding a squashed revision
// replaces what that one replaced too.
func TestPlanSquashTwice(t *testing.T) {
	revs := append(mkRevs("r0", "c <b", "d <c"), &Revision{ID: "b", Revises: []string{"r0"}, Replaces: []string{"a", "b"}})
	g, err := NewGraph(revs)
	if err != nil {
		t.Fatal(err)
	}
	p, err := g.PlanSquash("b", "d")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Revision.Replaces, " "); got != "a b c d" {
		t.Errorf("replaces %s, want a b c d", got)
	}
}
