package versions

import (
	"errors"
	"strings"
	"testing"
)

// TestPlanRefusals: targets that cannot mean anything are refused with a
// message saying why, instead of doing nothing or failing on the version
// table (issue 10 point 15).
func TestPlanRefusals(t *testing.T) {
	linearDep := []string{"a", "b <a", "x", "y <x &b"}
	tests := []struct {
		name string
		plan func(g *Graph) error
		kind ResolutionErrorKind
		want string
	}{
		{"upgrade current", func(g *Graph) error { _, err := g.PlanUpgrade([]string{"a"}, "current"); return err },
			ErrNotUpgradeTarget, "'current' is not an upgrade target"},
		{"upgrade -1", func(g *Graph) error { _, err := g.PlanUpgrade([]string{"b"}, "-1"); return err },
			ErrNotUpgradeTarget, "Relative revision -1 didn't produce 1 migrations: upgrade only applies revisions; to revert, run `migrate downgrade -1`"},
		{"stamp current", func(g *Graph) error { _, err := g.PlanStamp([]string{"a"}, []string{"current"}, false); return err },
			ErrNotUpgradeTarget, "'current' is not a stamp target"},
		{"stamp the same revision twice", func(g *Graph) error { _, err := g.PlanStamp(nil, []string{"b", "b"}, false); return err },
			ErrRedundantTargets, "stamp targets b and b are the same revision b; give it once"},
		{"stamp an ancestor with its descendant", func(g *Graph) error { _, err := g.PlanStamp(nil, []string{"a", "b"}, false); return err },
			ErrRedundantTargets, "stamp target a is an ancestor of b: the version table holds only the heads of what is applied; stamp b alone"},
		{"stamp a descendant with its ancestor", func(g *Graph) error { _, err := g.PlanStamp(nil, []string{"y", "x"}, false); return err },
			ErrRedundantTargets, "stamp target x is an ancestor of y"},
		{"stamp a dependency with its dependent", func(g *Graph) error { _, err := g.PlanStamp(nil, []string{"b", "y"}, false); return err },
			ErrRedundantTargets, "stamp target b is a dependency of y"},
		{"history range along a dependency", func(g *Graph) error { _, err := g.History("b:y", nil); return err },
			ErrNotAncestor, "Requested range b:y does not refer to ancestor/descendant revisions along the same branch (y depends on b without descending from it)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.plan(mkGraph(t, linearDep...))
			var re *ResolutionError
			if !errors.As(err, &re) || re.Kind != tt.kind {
				t.Fatalf("error = %v (%T), want a ResolutionError of kind %d", err, err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}

	// Still accepted: ranges along ancestry, stamping two unrelated heads.
	g := mkGraph(t, linearDep...)
	if revs, err := g.History("x:y", nil); err != nil || ids(revs) != "y x" {
		t.Errorf("history x:y = %v, %v", revs, err)
	}
	if _, err := g.PlanStamp(nil, []string{"b", "x"}, false); err != nil {
		t.Errorf("stamp b x: %v", err)
	}
	if steps, err := g.PlanUpgrade([]string{"a"}, "heads"); err != nil || len(steps) == 0 {
		t.Errorf("upgrade heads: %v, %v", steps, err)
	}
}
