package versions

import "testing"

func TestHistory(t *testing.T) {
	g := mkGraph(t, docBranches...)
	gm := mkGraph(t, merge2...)
	tests := []struct {
		name    string
		g       *Graph
		rng     string
		current []string
		want    string
	}{
		// Alembic docs: "alembic history" lists 27c6a30d7c24, then
		// ae1027a6acf, then the branch point.
		{"docs: everything", g, "", nil, "27c6a30d7c24 ae1027a6acf 1975ea83b712"},
		{"open range", g, ":", nil, "27c6a30d7c24 ae1027a6acf 1975ea83b712"},
		{"from a revision", g, "ae1027a6acf:", nil, "ae1027a6acf"},
		{"from the branch point", g, "1975:", nil, "27c6a30d7c24 ae1027a6acf 1975ea83b712"},
		{"to a revision", g, ":27c6", nil, "27c6a30d7c24 1975ea83b712"},
		{"a:b", g, "1975ea83b712:ae10", nil, "ae1027a6acf 1975ea83b712"},
		{"branch", g, "shoppingcart@base:shoppingcart@head", nil, "27c6a30d7c24 1975ea83b712"},
		{"current as the lower end", g, "current:", []string{"ae1027a6acf"}, "ae1027a6acf"},
		{"current as the upper end", g, ":current", []string{"27c6a30d7c24"}, "27c6a30d7c24 1975ea83b712"},
		{"current at base", g, "current:", nil, "27c6a30d7c24 ae1027a6acf 1975ea83b712"},
		{"last two", mkGraph(t, linear...), "-1:", nil, "c b"},
		{"below a merge point", gm, "-1:", nil, "ambiguous"},
		{"merge", gm, "", nil, "m b c a"},
		{"relative upper", gm, "a:a+1", nil, "ambiguous"},
	}
	for _, tt := range tests {
		got, err := tt.g.History(tt.rng, tt.current)
		s := ids(got)
		if err != nil {
			s = "ambiguous"
			if re, ok := err.(*ResolutionError); !ok || re.Kind != ErrAmbiguousWalk {
				t.Errorf("%s: History(%q): %v", tt.name, tt.rng, err)
				continue
			}
		}
		if s != tt.want {
			t.Errorf("%s: History(%q) = %q, want %q", tt.name, tt.rng, s, tt.want)
		}
	}
	if got := ids(g.Walk()); got != "27c6a30d7c24 ae1027a6acf 1975ea83b712" {
		t.Errorf("Walk() = %q", got)
	}
	_, err := g.History("27c6a30d7c24:ae1027a6acf", nil)
	want := "Requested range 27c6a30d7c24:ae1027a6acf does not refer to ancestor/descendant revisions along the same branch"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if _, err := g.History("nocolon", nil); err == nil {
		t.Error("range without ':' accepted")
	}
}
