package versions

import (
	"errors"
	"strings"
	"testing"
)

func TestGraphShape(t *testing.T) {
	tests := []struct {
		name                                      string
		specs                                     []string
		heads, realHeads, bases, branchPts, merge string
	}{
		{"linear", []string{"a", "b <a", "c <b"}, "c", "c", "a", "", ""},
		{"branch", docBranches, "27c6a30d7c24 ae1027a6acf", "27c6a30d7c24 ae1027a6acf", "1975ea83b712", "1975ea83b712", ""},
		{"merge of two", []string{"a", "b <a", "c <a", "m <b,c"}, "m", "m", "a", "a", "m"},
		{"merge of three", []string{"a", "b <a", "c <a", "d <a", "m <b,c,d"}, "m", "m", "a", "a", "m"},
		{"two bases", []string{"a", "x", "b <a", "y <x"}, "b y", "b y", "a x", "", ""},
		{"depends_on across branches", []string{"a", "x", "b <a &x"}, "x b", "b", "a x", "", ""},
		{"dependency on a label", []string{"a #net", "x", "y <x &net"}, "a y", "y", "a x", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := mkGraph(t, tt.specs...)
			for _, c := range []struct{ what, got, want string }{
				{"heads", ids(g.Heads()), tt.heads},
				{"real heads", ids(g.RealHeads()), tt.realHeads},
				{"bases", ids(g.Bases()), tt.bases},
				{"branch points", ids(g.BranchPoints()), tt.branchPts},
				{"merge points", ids(g.MergePoints()), tt.merge},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

func TestBranchLabelPropagation(t *testing.T) {
	// base a; branch point b; c (labelled) on one side with ancestors
	// back to b exclusive; d on the other side; e below the label.
	g := mkGraph(t,
		"a", "b <a", "c1 <b", "c2 <c1", "c3 <c2 #feature", "c4 <c3", "d <b",
		"x", "y <x #solo", // a whole line: ancestors back to base
		"m1", "m2", "mm <m1,m2", "after <mm #post", // stops at merge point
	)
	want := map[string]string{
		"a": "", "b": "", "c1": "feature", "c2": "feature", "c3": "feature", "c4": "feature", "d": "",
		"x": "solo", "y": "solo",
		"m1": "", "m2": "", "mm": "", "after": "post",
	}
	for id, w := range want {
		if got := strings.Join(g.BranchesOf(id), ","); got != w {
			t.Errorf("BranchesOf(%s) = %q, want %q", id, got, w)
		}
	}
	gd := mkGraph(t, docBranches...)
	if got := strings.Join(gd.BranchesOf("1975ea83b712"), ","); got != "" {
		t.Errorf("branch point labelled %q; Alembic's docs show it without the label", got)
	}
	if got := strings.Join(gd.BranchesOf("27c6a30d7c24"), ","); got != "shoppingcart" {
		t.Errorf("27c6a30d7c24 labels = %q", got)
	}
}

func TestGraphErrors(t *testing.T) {
	long := strings.Repeat("a", 256)
	tests := []struct {
		name  string
		specs []string
		kind  GraphErrorKind
		ids   string
		msg   string
	}{
		{"duplicate id", []string{"a", "b <a", "a"}, DuplicateID, "a a",
			"revision graph: Revision a is present more than once (file a.sql): remove the copy, or give one of them a new id (and check what revises it)"},
		{"unknown parent", []string{"a", "b <zz"}, UnknownParent, "b",
			"revision graph: Revision zz referenced from b is not present (file b.sql): restore the file of revision zz (not merged or pulled yet?), or correct the revision b revises"},
		{"unknown dependency", []string{"a", "b <a &nope"}, UnknownDependency, "b",
			"revision graph: Dependency nope referenced from b is not present (file b.sql): restore the file of revision nope, or correct the depends_on of b"},
		{"self-loop", []string{"a <a"}, SelfLoop, "a",
			"revision graph: Self-loop is detected in revisions (a) (file a.sql)"},
		{"dependency self-loop", []string{"a &a"}, DependencySelfLoop, "a",
			"revision graph: Dependency self-loop is detected in revisions (a) (file a.sql)"},
		{"dependency self-loop via label", []string{"a #l &l"}, DependencySelfLoop, "a",
			"revision graph: Dependency self-loop is detected in revisions (a) (file a.sql)"},
		{"cycle", []string{"r", "a <c", "b <a", "c <b", "d <c"}, Cycle, "a c b",
			"revision graph: Cycle is detected in revisions (a, c, b) (files a.sql, c.sql, b.sql)"},
		{"dependency cycle", []string{"a &b", "b <a"}, DependencyCycle, "a b",
			"revision graph: Dependency cycle is detected in revisions (a, b) (files a.sql, b.sql)"},
		{"duplicate label", []string{"a #x", "b <a #x"}, DuplicateLabel, "b a",
			"revision graph: Branch name 'x' in revision b already used by revision a (files b.sql, a.sql)"},
		{"label equals an id", []string{"a", "b <a #a"}, DuplicateLabel, "b a",
			"revision graph: Branch name 'a' in revision b already used by revision a (files b.sql, a.sql)"},
		{"invalid characters", []string{"a-b:c"}, InvalidID, "a-b:c",
			"revision graph: Character(s) '-, :' not allowed in revision identifier 'a-b:c' (file a-b:c.sql)"},
		{"at sign", []string{"a@b"}, InvalidID, "a@b",
			"revision graph: Character(s) '@' not allowed in revision identifier 'a@b' (file a@b.sql)"},
		{"too long", []string{long}, InvalidID, long,
			"revision graph: Revision identifier '" + strings.Repeat("a", 40) + "...' is 256 characters long; at most 255 are allowed (file " + long + ".sql)"},
		{"reserved", []string{"heads"}, InvalidID, "heads",
			"revision graph: Revision identifier 'heads' is a reserved word of the revision identifier grammar (file heads.sql)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewGraph(mkRevs(tt.specs...))
			var ge *GraphError
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want a *GraphError", err)
			}
			if ge.Kind != tt.kind {
				t.Errorf("kind = %v, want %v", ge.Kind, tt.kind)
			}
			if got := strings.Join(ge.IDs, " "); got != tt.ids {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			if err.Error() != tt.msg {
				t.Errorf("message\n got: %s\nwant: %s", err.Error(), tt.msg)
			}
		})
	}
}

func TestGraphErrorsAllReported(t *testing.T) {
	_, err := NewGraph(mkRevs("a", "b <x", "c <y"))
	if err == nil || !strings.Contains(err.Error(), "Revision x referenced from b") || !strings.Contains(err.Error(), "Revision y referenced from c") {
		t.Fatalf("err = %v, want both unknown parents", err)
	}
	if _, err := NewGraph([]*Revision{nil}); err == nil {
		t.Fatal("nil revision accepted")
	}
	g, err := NewGraph(nil)
	if err != nil || g.Len() != 0 || len(g.Walk()) != 0 {
		t.Fatalf("empty graph: %v", err)
	}
}

func TestAncestorsDescendants(t *testing.T) {
	g := mkGraph(t, "a", "b <a", "c <a", "m <b,c", "x", "y <x &b")
	got, err := g.Ancestors(false, "m")
	if err != nil || ids(got) != "a b c m" {
		t.Errorf("Ancestors(m) = %q, %v", ids(got), err)
	}
	got, _ = g.Ancestors(true, "y")
	if ids(got) != "a x b y" {
		t.Errorf("Ancestors(deps, y) = %q", ids(got))
	}
	got, _ = g.Ancestors(false, "y")
	if ids(got) != "x y" {
		t.Errorf("Ancestors(y) = %q", ids(got))
	}
	got, _ = g.Descendants(true, "b")
	if ids(got) != "b y m" {
		t.Errorf("Descendants(deps, b) = %q", ids(got))
	}
	got, _ = g.Descendants(false, "b")
	if ids(got) != "b m" {
		t.Errorf("Descendants(b) = %q", ids(got))
	}
	if _, err := g.Ancestors(false, "nope"); err == nil {
		t.Error("unknown id accepted")
	}
	if d := ids(g.Dependents("b")); d != "y" {
		t.Errorf("Dependents(b) = %q", d)
	}
	if d := ids(g.Dependencies("y")); d != "b" {
		t.Errorf("Dependencies(y) = %q", d)
	}
	if c := ids(g.Children("a")); c != "b c" {
		t.Errorf("Children(a) = %q", c)
	}
	if !g.IsHead("m") || g.IsHead("a") || !g.IsBranchPoint("a") || !g.IsMergePoint("m") {
		t.Error("IsHead/IsBranchPoint/IsMergePoint wrong")
	}
}
