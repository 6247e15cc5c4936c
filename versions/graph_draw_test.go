package versions

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateDraw rewrites the golden files of testdata/draw.
var updateDraw = flag.Bool("update-draw", false, "rewrite the golden files in testdata/draw")

// drawCases are graphs in mkRevs notation ("id <parents #labels &deps"),
// in load order.
var drawCases = []struct {
	name  string
	specs []string
	rng   string
	order []string // drawing order instead of History's, when set
}{
	{"linear", []string{"a", "b <a", "c <b"}, "", nil},
	{"branch", []string{"a", "b <a", "c <a #feat", "d <c"}, "", nil},
	{"merge2", []string{"a", "b <a", "c <a", "m <b,c"}, "", nil},
	{"merge3", []string{"a", "b <a", "c <a", "d <a", "m <b,c,d"}, "", nil},
	{"merge3_with_lane_right", []string{"a", "b <a", "c <a", "d <a", "m <b,c", "x <d"}, "", nil},
	{"merge_crossing", []string{"a", "b <a", "c <b", "d <a", "e <b", "m <c,d"}, "", nil},
	{"bases", []string{"a", "b <a", "x #other", "y <x"}, "", nil},
	{"base_with_lanes_right", []string{"a", "b", "c <a", "d <b", "e <c"}, "", nil},
	{"depends_on", []string{"a", "b <a", "x", "y <x &b"}, "", nil},
	{"octopus4", []string{"a", "b <a", "c <a", "d <a", "e <a", "m <b,c,d,e", "n <m"}, "", nil},
	{"crossing", []string{"r", "x0", "h1 <r", "h2 <x0", "h3 <r"}, "", []string{"h1", "h2", "h3", "r", "x0"}},
	{"crossing_two", []string{"r", "x0", "y0", "h1 <r", "h2 <x0", "h3 <y0", "h4 <r", "h5 <x0"}, "", []string{"h1", "h2", "h3", "h4", "h5", "r", "x0", "y0"}},
	{"range", []string{"a", "b <a", "c <b", "d <a", "m <c,d"}, "b:m", nil},
	{"diamond_twice", []string{"a", "b <a", "c <a", "m <b,c", "d <m", "e <m", "n <d,e"}, "", nil},
}

func TestDrawGraphGolden(t *testing.T) {
	for _, tc := range drawCases {
		t.Run(tc.name, func(t *testing.T) {
			g := mkGraph(t, tc.specs...)
			revs, err := g.History(tc.rng, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.order != nil {
				revs = nil
				for _, id := range tc.order {
					revs = append(revs, g.Revision(id))
				}
			}
			label := func(r *Revision) []string {
				return []string{r.ID + ` "q" <b> #1 ` + "`x`\\", "msg " + r.ID}
			}
			var b bytes.Buffer
			b.WriteString("== graph\n")
			if err := g.DrawGraph(&b, revs, func(r *Revision) string { return r.ID }); err != nil {
				t.Fatal(err)
			}
			b.WriteString("== dot\n")
			if err := g.WriteDot(&b, revs, label); err != nil {
				t.Fatal(err)
			}
			b.WriteString("== mermaid\n")
			if err := g.WriteMermaid(&b, revs, label); err != nil {
				t.Fatal(err)
			}
			checkDrawGolden(t, filepath.Join("testdata", "draw", tc.name+".golden"), b.String())
			checkLanes(t, g, revs)
		})
	}
}

func checkDrawGolden(t *testing.T, path, got string) {
	t.Helper()
	if *updateDraw {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestDrawGraphGolden -update-draw)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// checkLanes checks invariants of the terminal drawing: one '*' per
// revision line, every revision drawn once in order, no row wider than
// the lanes need, and only the drawing characters before the text.
func checkLanes(t *testing.T, g *Graph, revs []*Revision) {
	t.Helper()
	var b bytes.Buffer
	if err := g.DrawGraph(&b, revs, func(r *Revision) string { return "<" + r.ID + ">" }); err != nil {
		t.Fatal(err)
	}
	i := 0
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		lanes, text, _ := strings.Cut(line, "<")
		if strings.Trim(lanes, "*|/\\_-. ") != "" {
			t.Errorf("line %q: unexpected characters in the lanes", line)
		}
		if strings.Count(lanes, "*") > 1 {
			t.Errorf("line %q: more than one revision", line)
		}
		if text == "" {
			if strings.Contains(lanes, "*") {
				t.Errorf("line %q: a revision without text", line)
			}
			continue
		}
		if i >= len(revs) || text != revs[i].ID+">" {
			t.Fatalf("line %q: want revision %d of %d", line, i, len(revs))
		}
		i++
	}
	if i != len(revs) {
		t.Errorf("drew %d revisions, want %d", i, len(revs))
	}
}

func TestAllBranchesMatchesBranchesOf(t *testing.T) {
	graphs := [][]string{
		{"a", "b <a #x", "c <b", "d <a #y", "m <c,d", "n <m #z"},
		{"a #root", "b <a", "c <b #c1", "d <b #d1", "e <d"},
		{"p", "q <p", "r #lab &q", "s <r", "t <q,s"},
	}
	for _, specs := range graphs {
		g := mkGraph(t, specs...)
		all := g.AllBranches()
		for _, r := range g.Revisions() {
			want := g.BranchesOf(r.ID)
			got := all[r.ID]
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%v: %s: AllBranches %v, BranchesOf %v", specs, r.ID, got, want)
			}
		}
	}
	revs := bigChain(2000)
	g, err := NewGraph(revs)
	if err != nil {
		t.Fatal(err)
	}
	all := g.AllBranches()
	for i, r := range revs {
		if i%37 != 0 {
			continue
		}
		if strings.Join(all[r.ID], ",") != strings.Join(g.BranchesOf(r.ID), ",") {
			t.Errorf("bigChain %s: AllBranches %v, BranchesOf %v", r.ID, all[r.ID], g.BranchesOf(r.ID))
		}
	}
}

func BenchmarkDrawGraph10k(b *testing.B) {
	g, err := NewGraph(bigChain(10000))
	if err != nil {
		b.Fatal(err)
	}
	revs := g.Walk()
	for b.Loop() {
		var buf bytes.Buffer
		if err := g.DrawGraph(&buf, revs, func(r *Revision) string { return r.ID }); err != nil {
			b.Fatal(err)
		}
	}
}
