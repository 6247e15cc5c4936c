package versions

import (
	"fmt"
	"testing"
)

// bigChain is n revisions: a main line where every 10th revision starts
// a two-revision side branch that the next merge point joins back, with
// a label on every side branch and a dependency every 100 revisions.
func bigChain(n int) []*Revision {
	revs := make([]*Revision, 0, n)
	id := func(i int) string { return fmt.Sprintf("r%06d", i) }
	last := ""
	for i := 0; len(revs) < n; i++ {
		r := &Revision{ID: id(i)}
		if last != "" {
			r.Revises = []string{last}
		}
		revs = append(revs, r)
		last = r.ID
		if i%10 == 5 && len(revs)+3 <= n {
			s1 := &Revision{ID: "s" + id(i), Revises: []string{r.ID}, BranchLabels: []string{"side" + id(i)}}
			s2 := &Revision{ID: "t" + id(i), Revises: []string{s1.ID}}
			if i%100 == 55 && i > 100 {
				s2.DependsOn = []string{id(i - 50)}
			}
			i++
			m := &Revision{ID: id(i), Revises: []string{r.ID, s2.ID}}
			revs = append(revs, s1, s2, m)
			last = m.ID
		}
	}
	return revs
}

func BenchmarkGraph10k(b *testing.B) {
	revs := bigChain(10000)
	for b.Loop() {
		g, err := NewGraph(revs)
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Heads()) != 1 {
			b.Fatalf("heads = %d", len(g.Heads()))
		}
		if len(g.Walk()) != len(revs) {
			b.Fatal("walk lost revisions")
		}
	}
}

// TestGraph10k checks the benchmark's graph end to end (speed is
// measured by BenchmarkGraph10k, not here: wall-clock limits are flaky on
// loaded machines).
func TestGraph10k(t *testing.T) {
	revs := bigChain(10000)
	g, err := NewGraph(revs)
	if err != nil {
		t.Fatal(err)
	}
	walk := g.Walk()
	steps, err := g.PlanUpgrade(nil, "head")
	if err != nil {
		t.Fatal(err)
	}
	if len(walk) != 10000 || len(steps) != 10000 {
		t.Fatalf("walk %d, steps %d", len(walk), len(steps))
	}
	rows, err := ApplySteps(nil, steps)
	if err != nil || len(rows) != 1 || rows[0] != g.Heads()[0].ID {
		t.Fatalf("rows after upgrade head = %v, %v", rows, err)
	}
}
