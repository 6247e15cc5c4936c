package versions

import (
	"strings"
	"testing"
)

func TestPlanRebase(t *testing.T) {
	// a - b - c (head)        and a - x - y (head), z depends on y,
	// m merges c and n; n is a base.
	specs := []string{"a", "b <a", "c <b", "x <a", "y <x", "z <c &y", "n", "m <z,n", "k <a &y"}
	tests := []struct {
		rev, onto string
		revises   string
		moved     string
		err       string
	}{
		{rev: "x", onto: "c", revises: "c", moved: "x y"},
		{rev: "b", onto: "y", revises: "y", moved: "b c z m"},
		{rev: "n", onto: "c", revises: "c", moved: "n m"},
		{rev: "y", onto: "c", err: "not the first revision of a separate branch (its parent x has no other child); to move its branch, rebase x"},
		{rev: "m", onto: "y", err: "merge point"},
		{rev: "x", onto: "z", err: "z descends from x: moving x onto it would make a cycle"},
		{rev: "x", onto: "a", err: "x already descends from a: it is not on a separate branch"},
		{rev: "x", onto: "x", err: "cycle"},
		{rev: "k", onto: "c", revises: "c", moved: "k"},
		{rev: "c", onto: "y", err: "to move its branch, rebase b"},
		{rev: "x", onto: "nope", err: "No such revision or branch 'nope'"},
		{rev: "x", onto: "head", err: "Multiple head revisions"},
	}
	g := mkGraph(t, specs...)
	for _, tt := range tests {
		t.Run(tt.rev+" onto "+tt.onto, func(t *testing.T) {
			p, err := g.PlanRebase(tt.rev, tt.onto)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(p.Revises, " "); got != tt.revises {
				t.Errorf("revises %s, want %s", got, tt.revises)
			}
			if got := ids(p.Moved); got != tt.moved {
				t.Errorf("moved %s, want %s", got, tt.moved)
			}
			if got := p.Graph.Revision(tt.rev).Revises; strings.Join(got, " ") != tt.revises {
				t.Errorf("graph after: %s revises %v", tt.rev, got)
			}
			if before := g.Revision(tt.rev).Revises; len(before) == 1 && before[0] == tt.onto {
				t.Errorf("the graph before was changed")
			}
		})
	}
}

// TestPlanRebaseDependencyCycle: a dependency that would close a cycle
// is refused like a parent.
// TestPlanRebaseLinear: a line without branch points has no branch to
// move.
func TestPlanRebaseLinear(t *testing.T) {
	g := mkGraph(t, "a", "b <a", "c <b")
	if _, err := g.PlanRebase("c", "a"); err == nil || !strings.Contains(err.Error(), "c is not on a separate branch: no branch point or other base lies below it") {
		t.Errorf("err %v", err)
	}
}

func TestPlanRebaseDependencyCycle(t *testing.T) {
	g := mkGraph(t, "a", "b <a", "x <a", "y <x &b")
	if _, err := g.PlanRebase("b", "y"); err == nil || !strings.Contains(err.Error(), "y descends from b: moving b onto it would make a cycle") {
		t.Errorf("err %v, want the cycle through y's dependency on b", err)
	}
}

// TestPlanRebaseHeads: moving one of two branches leaves one head, as a
// merge revision would, and upgrade head then walks the moved branch
// after the other.
func TestPlanRebaseHeads(t *testing.T) {
	g := mkGraph(t, "a", "b <a", "x <a", "y <x")
	p, err := g.PlanRebase("x", "b")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(p.Graph.Heads()); got != "y" {
		t.Errorf("heads after %s, want y", got)
	}
	steps, err := p.Graph.PlanUpgrade([]string{"b"}, "head")
	if err != nil {
		t.Fatal(err)
	}
	if got := stepsString(steps); got != "+x update [b]->[x]; +y update [x]->[y]" {
		t.Errorf("upgrade from b: %s", got)
	}
}
