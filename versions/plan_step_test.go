package versions

import (
	"slices"
	"strings"
	"testing"
)

// TestPlanStepStairway walks graphs revision by revision, oldest first,
// as the stairway test does: up, down, up. Every single step must leave
// the rows that the full planner gives for the same target, and each
// downgrade must bring back the rows before the upgrade.
func TestPlanStepStairway(t *testing.T) {
	tests := []struct {
		name  string
		specs []string
		// want is the step string of each upgrade, in order.
		want string
	}{
		{"linear", []string{"a", "b <a", "c <b"},
			"+a insert []->[a]; +b update [a]->[b]; +c update [b]->[c]"},
		{"branches and merge", []string{"a", "b <a", "c <a", "m <b,c"},
			"+a insert []->[a]; +c update [a]->[c]; +b insert []->[b]; +m merge [b,c]->[m]"},
		{"dependency", []string{"a", "b", "c <b &a"},
			"+a insert []->[a]; +b insert []->[b]; +c merge [b,a]->[c]"},
		{"two bases", []string{"a", "x", "b <a"},
			"+a insert []->[a]; +b update [a]->[b]; +x insert []->[x]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mkGraph(t, tt.specs...)
			order := g.Walk()
			slices.Reverse(order)
			var rows []string
			var ups []Step
			for _, r := range order {
				up, err := g.PlanStep(rows, r.ID, true)
				if err != nil {
					t.Fatalf("up %s from %v: %v", r.ID, rows, err)
				}
				full, err := g.PlanUpgrade(rows, r.ID)
				if err != nil {
					t.Fatalf("PlanUpgrade %s: %v", r.ID, err)
				}
				if got, want := stepsString([]Step{up}), stepsString(full); got != want {
					t.Errorf("up %s: PlanStep %s, PlanUpgrade %s", r.ID, got, want)
				}
				after := mustApply(t, rows, up)
				down, err := g.PlanStep(after, r.ID, false)
				if err != nil {
					t.Fatalf("down %s from %v: %v", r.ID, after, err)
				}
				if back := mustApply(t, after, down); !sameRows(back, rows) {
					t.Errorf("down %s: rows %v, want %v", r.ID, back, rows)
				}
				ups = append(ups, up)
				rows = after
			}
			if got := stepsString(ups); got != tt.want {
				t.Errorf("upgrades:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func mustApply(t *testing.T, rows []string, s Step) []string {
	t.Helper()
	out, err := ApplySteps(rows, []Step{s})
	if err != nil {
		t.Fatalf("apply %s to %v: %v", stepsString([]Step{s}), rows, err)
	}
	return out
}

func sameRows(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestPlanStepRefusals: a step that would not be the only change is
// refused, naming the revision in the way.
func TestPlanStepRefusals(t *testing.T) {
	g := mkGraph(t, "a", "b <a", "c <b", "d &b")
	tests := []struct {
		rows []string
		id   string
		up   bool
		want string
	}{
		{nil, "b", true, "a, which it needs, is not applied"},
		{[]string{"a"}, "a", true, "already applied"},
		{[]string{"a"}, "d", true, "b, which it needs, is not applied"},
		{[]string{"c"}, "b", false, "c, which needs it, is applied"},
		{[]string{"a"}, "b", false, "is not applied"},
		{[]string{"c", "d"}, "b", false, "which needs it, is applied"},
		{nil, "zz", true, "Can't locate revision"},
	}
	for _, tt := range tests {
		_, err := g.PlanStep(tt.rows, tt.id, tt.up)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("PlanStep(%v, %s, up=%v) = %v, want an error containing %q", tt.rows, tt.id, tt.up, err, tt.want)
		}
	}
}

// TestAppliedOf: a revision is applied when it is a row, or an ancestor
// or a dependency of one.
func TestAppliedOf(t *testing.T) {
	g := mkGraph(t, "a", "b <a", "c <b", "x", "y <x &b")
	all := g.Revisions()
	for rows, want := range map[string]string{"": "", "c": "a b c", "y": "a b x y", "a x": "a x"} {
		got, err := g.AppliedOf(strings.Fields(rows), all)
		if err != nil || ids(got) != want {
			t.Errorf("AppliedOf(%q) = %s (%v), want %s", rows, ids(got), err, want)
		}
	}
	if _, err := g.AppliedOf([]string{"zz"}, all); err == nil {
		t.Error("an unknown row was accepted")
	}
}
