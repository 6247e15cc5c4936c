package versions

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

type planCase struct {
	name    string
	specs   []string
	current []string
	target  string
	want    string // stepsString
	rows    string // rows afterwards, sorted
}

func runPlanCases(t *testing.T, up bool, cases []planCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			g := mkGraph(t, tt.specs...)
			plan := g.PlanDowngrade
			if up {
				plan = g.PlanUpgrade
			}
			steps, err := plan(tt.current, tt.target)
			if err != nil {
				t.Fatalf("plan %q from %v: %v", tt.target, tt.current, err)
			}
			if got := stepsString(steps); got != tt.want {
				t.Errorf("steps\n got: %s\nwant: %s", got, tt.want)
			}
			rows, err := ApplySteps(tt.current, steps)
			if err != nil {
				t.Fatalf("ApplySteps: %v", err)
			}
			slices.Sort(rows)
			if got := strings.Join(rows, " "); got != tt.rows {
				t.Errorf("rows after = %q, want %q", got, tt.rows)
			}
		})
	}
}

var (
	linear    = []string{"a", "b <a", "c <b"}
	merge2    = []string{"a", "b <a", "c <a", "m <b,c"}
	merge3    = []string{"a", "b <a", "c <a", "d <a", "m <b,c,d"}
	dependsOn = []string{"a", "b <a", "x", "y <x &b"}
	twoBases  = []string{"a", "x", "b <a", "y <x"}
)

func TestPlanUpgrade(t *testing.T) {
	runPlanCases(t, true, []planCase{
		{"linear from base", linear, nil, "head",
			"+a insert []->[a]; +b update [a]->[b]; +c update [b]->[c]", "c"},
		{"linear +1", linear, []string{"a"}, "+1", "+b update [a]->[b]", "b"},
		{"linear +2 from base", linear, nil, "+2", "+a insert []->[a]; +b update [a]->[b]", "b"},
		{"linear to a prefix", linear, []string{"a"}, "b", "+b update [a]->[b]", "b"},
		{"already applied", linear, []string{"c"}, "b", "", "c"},
		{"head-1", linear, nil, "head-1", "+a insert []->[a]; +b update [a]->[b]", "b"},
		// Alembic docs, "Working with Branches": upgrade heads applies
		// both branches; the second one off the applied branch point is
		// a new row.
		{"docs: upgrade heads", docBranches, nil, "heads",
			"+1975ea83b712 insert []->[1975ea83b712]; +ae1027a6acf update [1975ea83b712]->[ae1027a6acf]; +27c6a30d7c24 insert []->[27c6a30d7c24]",
			"27c6a30d7c24 ae1027a6acf"},
		{"docs: upgrade shoppingcart@head", docBranches, nil, "shoppingcart@head",
			"+1975ea83b712 insert []->[1975ea83b712]; +27c6a30d7c24 update [1975ea83b712]->[27c6a30d7c24]", "27c6a30d7c24"},
		{"docs: upgrade one branch leaves the sibling", docBranches, nil, "ae1027a6acf",
			"+1975ea83b712 insert []->[1975ea83b712]; +ae1027a6acf update [1975ea83b712]->[ae1027a6acf]", "ae1027a6acf"},
		{"docs: other branch after one is applied", docBranches, []string{"ae1027a6acf"}, "27c6",
			"+27c6a30d7c24 insert []->[27c6a30d7c24]", "27c6a30d7c24 ae1027a6acf"},
		{"docs: shoppingcart@+1 from the branch point", docBranches, []string{"1975ea83b712"}, "shoppingcart@+1",
			"+27c6a30d7c24 update [1975ea83b712]->[27c6a30d7c24]", "27c6a30d7c24"},
		{"merge of two", merge2, nil, "head",
			"+a insert []->[a]; +c update [a]->[c]; +b insert []->[b]; +m merge [b,c]->[m]", "m"},
		{"merge from one applied branch", merge2, []string{"b"}, "heads",
			"+c insert []->[c]; +m merge [b,c]->[m]", "m"},
		{"merge of three", merge3, nil, "heads",
			"+a insert []->[a]; +d update [a]->[d]; +c insert []->[c]; +b insert []->[b]; +m merge [b,c,d]->[m]", "m"},
		{"depends_on: dependency first, one row after", dependsOn, nil, "y",
			"+a insert []->[a]; +b update [a]->[b]; +x insert []->[x]; +y merge [x,b]->[y]", "y"},
		{"depends_on: dependency applied", dependsOn, []string{"b"}, "y",
			"+x insert []->[x]; +y merge [x,b]->[y]", "y"},
		{"depends_on: upgrade the dependency only", dependsOn, nil, "b",
			"+a insert []->[a]; +b update [a]->[b]", "b"},
		{"two bases: heads", twoBases, nil, "heads",
			"+x insert []->[x]; +y update [x]->[y]; +a insert []->[a]; +b update [a]->[b]", "b y"},
		{"two bases: one branch", twoBases, []string{"a"}, "y",
			"+x insert []->[x]; +y update [x]->[y]", "a y"},
		{"label dependency", []string{"a #net", "b <a", "x", "y <x &net"}, nil, "y",
			"+a insert []->[a]; +x insert []->[x]; +y merge [x,a]->[y]", "y"},
	})
}

func TestPlanDowngrade(t *testing.T) {
	runPlanCases(t, false, []planCase{
		{"linear to base", linear, []string{"c"}, "base",
			"-c update [c]->[b]; -b update [b]->[a]; -a delete [a]->[]", ""},
		{"linear -1", linear, []string{"c"}, "-1", "-c update [c]->[b]", "b"},
		{"linear -3", linear, []string{"c"}, "-3",
			"-c update [c]->[b]; -b update [b]->[a]; -a delete [a]->[]", ""},
		{"linear to a", linear, []string{"c"}, "a", "-c update [c]->[b]; -b update [b]->[a]", "a"},
		{"linear head-2", linear, []string{"c"}, "head-2", "-c update [c]->[b]; -b update [b]->[a]", "a"},
		{"docs: to the branch point, one branch deleted", docBranches, []string{"27c6a30d7c24", "ae1027a6acf"}, "1975ea83b712",
			"-27c6a30d7c24 delete [27c6a30d7c24]->[]; -ae1027a6acf update [ae1027a6acf]->[1975ea83b712]", "1975ea83b712"},
		{"docs: shoppingcart@-1 leaves the other branch", docBranches, []string{"27c6a30d7c24", "ae1027a6acf"}, "shoppingcart@-1",
			"-27c6a30d7c24 delete [27c6a30d7c24]->[]", "ae1027a6acf"},
		{"docs: ae1027a6acf@base", docBranches, []string{"ae1027a6acf"}, "ae1027a6acf@base",
			"-ae1027a6acf update [ae1027a6acf]->[1975ea83b712]; -1975ea83b712 delete [1975ea83b712]->[]", ""},
		{"merge of two to base", merge2, []string{"m"}, "base",
			"-m unmerge [m]->[b,c]; -b delete [b]->[]; -c update [c]->[a]; -a delete [a]->[]", ""},
		{"merge of three to a", merge3, []string{"m"}, "a",
			"-m unmerge [m]->[b,c,d]; -b delete [b]->[]; -c delete [c]->[]; -d update [d]->[a]", "a"},
		{"merge to one parent", merge2, []string{"m"}, "b",
			"-m unmerge [m]->[b,c]", "b c"},
		{"depends_on: downgrading the dependency brings the dependent down", dependsOn, []string{"y"}, "a",
			"-y unmerge [y]->[x,b]; -b update [b]->[a]", "a x"},
		{"depends_on: dependent only", dependsOn, []string{"y"}, "x",
			"-y unmerge [y]->[x,b]", "b x"},
		{"two bases: one branch to base", twoBases, []string{"b", "y"}, "y@base",
			"-y update [y]->[x]; -x delete [x]->[]", "b"},
		{"two bases: everything", twoBases, []string{"b", "y"}, "base",
			"-b update [b]->[a]; -a delete [a]->[]; -y update [y]->[x]; -x delete [x]->[]", ""},
	})
}

func TestPlanMergeMinusOne(t *testing.T) {
	g := mkGraph(t, merge2...)
	_, err := g.PlanDowngrade([]string{"m"}, "-1")
	var re *ResolutionError
	if !errors.As(err, &re) || re.Kind != ErrAmbiguousWalk {
		t.Fatalf("downgrade -1 from a merge point: err = %v, want an ambiguous walk", err)
	}
}

func TestPlanErrors(t *testing.T) {
	gb := mkGraph(t, docBranches...)
	gl := mkGraph(t, linear...)
	tests := []struct {
		name    string
		g       *Graph
		up      bool
		current []string
		target  string
		msg     string
	}{
		{"upgrade head with two heads", gb, true, nil, "head", multipleHeadsMsg},
		{"upgrade +1 at a branch point", gb, true, []string{"1975ea83b712"}, "+1",
			"Ambiguous walk: 1975ea83b712 has several children (it is a branch point): 27c6a30d7c24, ae1027a6acf; name a branch, as in <branch>@1975ea83b712+1"},
		{"upgrade -1", gl, true, []string{"b"}, "-1", "Relative revision -1 didn't produce 1 migrations: upgrade only applies revisions; to revert, run `migrate downgrade -1`"},
		{"upgrade past head", gl, true, []string{"b"}, "+2", "Relative revision +2 didn't produce 2 migrations: fewer than 2 revision(s) lie above b"},
		{"upgrade at head", gl, true, []string{"c"}, "+1", "Relative revision +1 didn't produce 1 migrations: the database is at a head (c), nothing lies above it"},
		{"upgrade unknown", gl, true, nil, "zzzz", "No such revision or branch 'zzzz'"},
		{"unknown row", gl, true, []string{"gone"}, "head", "Can't locate revision identified by 'gone'"},
		{"downgrade +1", gl, false, []string{"b"}, "+1", "Relative revision +1 didn't produce 1 migrations"},
		{"downgrade past base", gl, false, []string{"b"}, "-3", "Relative revision -3 didn't produce 3 migrations: fewer than 3 revision(s) lie below b"},
		{"downgrade above current", gl, false, []string{"a"}, "b", "Destination b is not a valid downgrade target from current head(s)"},
		{"downgrade to other branch", gb, false, []string{"ae1027a6acf"}, "27c6a30d7c24",
			"Destination 27c6a30d7c24 is not a valid downgrade target from current head(s)"},
		{"downgrade -1 from two heads", gb, false, []string{"27c6a30d7c24", "ae1027a6acf"}, "-1",
			"downgrade -1 from multiple heads is ambiguous (current heads: 27c6a30d7c24, ae1027a6acf); specify <branch>@-1 or a revision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := tt.g.PlanDowngrade
			if tt.up {
				plan = tt.g.PlanUpgrade
			}
			_, err := plan(tt.current, tt.target)
			if err == nil || err.Error() != tt.msg {
				t.Errorf("err\n got: %v\nwant: %s", err, tt.msg)
			}
		})
	}
}

func TestStepRowsAndString(t *testing.T) {
	g := mkGraph(t, merge2...)
	steps, err := g.PlanUpgrade(nil, "heads")
	if err != nil {
		t.Fatal(err)
	}
	m := steps[len(steps)-1]
	if got := m.Rows(); !slices.Equal(got, []RowOp{{Kind: RowDelete, From: "b"}, {Kind: RowUpdate, From: "c", To: "m"}}) {
		t.Errorf("merge rows = %+v", got)
	}
	if m.String() != "upgrade b, c -> m" || steps[0].String() != "upgrade  -> a" {
		t.Errorf("String() = %q, %q", m.String(), steps[0].String())
	}
	down, _ := g.PlanDowngrade([]string{"m"}, "b")
	if got := down[0].Rows(); !slices.Equal(got, []RowOp{{Kind: RowInsert, To: "b"}, {Kind: RowUpdate, From: "m", To: "c"}}) {
		t.Errorf("unmerge rows = %+v", got)
	}
	if _, err := ApplySteps(nil, down); err == nil {
		t.Error("ApplySteps accepted an update of a missing row")
	}
}

func TestPlanMergeMinusOneMessage(t *testing.T) {
	g := mkGraph(t, merge2...)
	_, err := g.PlanDowngrade([]string{"m"}, "-1")
	want := "Ambiguous walk: m has several parents (it is a merge point): b, c; name the revision to go to instead"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
