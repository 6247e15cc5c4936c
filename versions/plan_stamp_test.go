package versions

import (
	"slices"
	"strings"
	"testing"
)

func TestPlanStamp(t *testing.T) {
	tests := []struct {
		name    string
		specs   []string
		current []string
		targets []string
		purge   bool
		want    string
		rows    string
	}{
		{"onto an empty table", linear, nil, []string{"head"}, false, "+c insert []->[c]", "c"},
		{"down", linear, []string{"c"}, []string{"a"}, false, "-a update [c]->[a]", "a"},
		{"up", linear, []string{"a"}, []string{"c"}, false, "+c update [a]->[c]", "c"},
		{"base", linear, []string{"c"}, []string{"base"}, false, "-c delete [c]->[]", ""},
		{"no targets is base", linear, []string{"c"}, nil, false, "-c delete [c]->[]", ""},
		{"already there", linear, []string{"b"}, []string{"b"}, false, "", "b"},
		{"purge", linear, []string{"gone"}, []string{"b"}, true, "+b insert []->[b]", "b"},
		{"heads from the branch point", docBranches, []string{"1975ea83b712"}, []string{"heads"}, false,
			"+27c6a30d7c24 update [1975ea83b712]->[27c6a30d7c24]; +ae1027a6acf insert []->[ae1027a6acf]",
			"27c6a30d7c24 ae1027a6acf"},
		{"down to the branch point merges rows", docBranches, []string{"27c6a30d7c24", "ae1027a6acf"}, []string{"1975ea83b712"}, false,
			"-1975ea83b712 merge [27c6a30d7c24,ae1027a6acf]->[1975ea83b712]", "1975ea83b712"},
		{"a new branch", twoBases, []string{"b"}, []string{"y"}, false, "+y insert []->[y]", "b y"},
		{"two branches at once", twoBases, []string{"a", "x"}, []string{"b", "y"}, false,
			"+b update [a]->[b]; +y update [x]->[y]", "b y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mkGraph(t, tt.specs...)
			steps, err := g.PlanStamp(tt.current, tt.targets, tt.purge)
			if err != nil {
				t.Fatal(err)
			}
			if got := stepsString(steps); got != tt.want {
				t.Errorf("steps\n got: %s\nwant: %s", got, tt.want)
			}
			start := tt.current
			if tt.purge {
				start = nil
			}
			rows, err := ApplySteps(start, steps)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(rows)
			if got := strings.Join(rows, " "); got != tt.rows {
				t.Errorf("rows = %q, want %q", got, tt.rows)
			}
		})
	}
	g := mkGraph(t, docBranches...)
	_, err := g.PlanStamp(nil, []string{"head"}, false)
	if err == nil || err.Error() != "Multiple heads are present; please specify a single target revision" {
		t.Errorf("stamp head with two heads: %v", err)
	}
}
