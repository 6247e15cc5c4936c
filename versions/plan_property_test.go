package versions

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomGraph builds a seeded random DAG with branches, merges of up to
// three parents, several bases and cross-branch dependencies.
func randomGraph(t *testing.T, seed uint64, n int) *Graph {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	var revs []*Revision
	for i := range n {
		r := &Revision{ID: fmt.Sprintf("r%03d", i)}
		if i > 0 && rng.IntN(8) != 0 {
			k := 1
			if rng.IntN(5) == 0 {
				k = 2 + rng.IntN(2)
			}
			for range k {
				p := revs[rng.IntN(i)].ID
				if !slices.Contains(r.Revises, p) {
					r.Revises = append(r.Revises, p)
				}
			}
		}
		if i > 2 && rng.IntN(6) == 0 {
			d := revs[rng.IntN(i)].ID
			if !slices.Contains(r.Revises, d) {
				r.DependsOn = []string{d}
			}
		}
		revs = append(revs, r)
	}
	g, err := NewGraph(revs)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	return g
}

// tips are the applied revisions no applied revision stands on: what the
// version table must hold.
func tips(g *Graph, applied []bool) []string {
	var out []string
	for _, n := range g.nodes {
		if !applied[n.idx] {
			continue
		}
		top := true
		for _, c := range n.normChildren {
			if applied[c.idx] {
				top = false
			}
		}
		if top {
			out = append(out, n.id())
		}
	}
	slices.Sort(out)
	return out
}

func TestPlanProperties(t *testing.T) {
	for seed := range uint64(60) {
		g := randomGraph(t, seed, 40)
		rng := rand.New(rand.NewPCG(seed, 11))
		var rows []string
		applied := make([]bool, len(g.nodes))
		for round := range 12 {
			target := g.nodes[rng.IntN(len(g.nodes))]
			up := round%3 != 2
			var steps []Step
			var err error
			if up {
				steps, err = g.PlanUpgrade(rows, target.id())
			} else {
				steps, err = g.PlanDowngrade(rows, target.id())
				if re, ok := err.(*ResolutionError); ok && re.Kind == ErrNotAncestor {
					continue
				}
			}
			if err != nil {
				t.Fatalf("seed %d round %d: plan %v %s from %v: %v", seed, round, up, target.id(), rows, err)
			}
			for _, s := range steps {
				n := g.byID[s.Revision.ID]
				if s.Up {
					for _, d := range n.normDown {
						if !applied[d.idx] {
							t.Fatalf("seed %d: %s applied before %s", seed, n.id(), d.id())
						}
					}
				} else {
					for _, c := range n.allChildren {
						if applied[c.idx] {
							t.Fatalf("seed %d: %s removed before %s", seed, n.id(), c.id())
						}
					}
				}
				applied[n.idx] = s.Up
			}
			if rows, err = ApplySteps(rows, steps); err != nil {
				t.Fatalf("seed %d round %d: %v\nsteps: %s", seed, round, err, stepsString(steps))
			}
			sorted := slices.Sorted(slices.Values(rows))
			if want := tips(g, applied); !slices.Equal(sorted, want) {
				t.Fatalf("seed %d round %d (%v %s): rows %v, want %v\nsteps: %s", seed, round, up, target.id(), sorted, want, stepsString(steps))
			}
			if up && !applied[target.idx] {
				t.Fatalf("seed %d: upgrade %s did not apply it", seed, target.id())
			}
		}
		steps, err := g.PlanDowngrade(rows, "base")
		if err != nil {
			t.Fatalf("seed %d: downgrade base: %v", seed, err)
		}
		if rows, err = ApplySteps(rows, steps); err != nil || len(rows) != 0 {
			t.Fatalf("seed %d: downgrade base left %v, %v", seed, rows, err)
		}
	}
}
