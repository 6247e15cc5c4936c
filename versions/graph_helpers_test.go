package versions

import (
	"strings"
	"testing"
)

// mkRevs builds revisions from compact specs: "id <p1,p2 #label &dep".
func mkRevs(specs ...string) []*Revision {
	var revs []*Revision
	for _, s := range specs {
		f := strings.Fields(s)
		r := &Revision{ID: f[0], Path: f[0] + ".sql"}
		for _, t := range f[1:] {
			switch t[0] {
			case '<':
				r.Revises = strings.Split(t[1:], ",")
			case '#':
				r.BranchLabels = strings.Split(t[1:], ",")
			case '&':
				r.DependsOn = strings.Split(t[1:], ",")
			}
		}
		revs = append(revs, r)
	}
	return revs
}

func mkGraph(t testing.TB, specs ...string) *Graph {
	t.Helper()
	g, err := NewGraph(mkRevs(specs...))
	if err != nil {
		t.Fatalf("NewGraph: %v", err)
	}
	return g
}

func ids(revs []*Revision) string {
	out := make([]string, len(revs))
	for i, r := range revs {
		out[i] = r.ID
	}
	return strings.Join(out, " ")
}

// stepsString renders steps as "+id insert[] -> [id]; ..." for comparison.
func stepsString(steps []Step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteString("; ")
		}
		if s.Up {
			b.WriteByte('+')
		} else {
			b.WriteByte('-')
		}
		b.WriteString(s.Revision.ID)
		b.WriteByte(' ')
		b.WriteString(s.Action.String())
		b.WriteString(" [" + strings.Join(s.From, ",") + "]->[" + strings.Join(s.To, ",") + "]")
	}
	return b.String()
}

// Alembic's "Working with Branches" scenario: a branch point 1975ea83b712
// with ae1027a6acf and 27c6a30d7c24 (labelled shoppingcart) on it, files
// in name order.
var docBranches = []string{
	"1975ea83b712",
	"27c6a30d7c24 <1975ea83b712 #shoppingcart",
	"ae1027a6acf <1975ea83b712",
}
