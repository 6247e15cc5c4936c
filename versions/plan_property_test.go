package versions

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomRevisions builds a seeded random DAG with branches, merges of up
// to three parents, several bases, cross-branch dependencies (by id or
// by branch label) and branch labels.
func randomRevisions(seed uint64, n int) []*Revision {
	rng := rand.New(rand.NewPCG(seed, 7))
	lrng := rand.New(rand.NewPCG(seed, 13)) // labels: leaves rng's stream alone
	var revs []*Revision
	for i := range n {
		r := &Revision{ID: fmt.Sprintf("r%03d", i)}
		if lrng.IntN(6) == 0 {
			r.BranchLabels = []string{fmt.Sprintf("br%d", i)}
		}
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
			dr := revs[rng.IntN(i)]
			if !slices.Contains(r.Revises, dr.ID) {
				d := dr.ID
				if len(dr.BranchLabels) > 0 && lrng.IntN(2) == 0 {
					d = dr.BranchLabels[0]
				}
				r.DependsOn = []string{d}
			}
		}
		revs = append(revs, r)
	}
	return revs
}

func randomGraph(t *testing.T, seed uint64, n int) (*Graph, *planOracle) {
	t.Helper()
	revs := randomRevisions(seed, n)
	g, err := NewGraph(revs)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	return g, newPlanOracle(revs)
}

// randomTarget picks an identifier the oracle understands: an id,
// heads, B@head or B@id for an upgrade; an id, base, B@base or B@id for
// a downgrade (ids mostly on B's lineage).
func randomTarget(rng *rand.Rand, o *planOracle, up bool) string {
	id := o.order[rng.IntN(len(o.order))]
	labels := make([]string, 0, len(o.labels))
	for l := range o.labels {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	k := rng.IntN(10)
	if len(labels) == 0 || k < 5 {
		if k == 0 {
			if up {
				return "heads"
			}
			return "base"
		}
		return id
	}
	b := labels[rng.IntN(len(labels))]
	switch {
	case k < 7 && up:
		return b + "@head"
	case k < 7:
		return b + "@base"
	}
	if rng.IntN(4) != 0 {
		var line []string
		for _, x := range o.order {
			if o.lineage(o.labels[b])[x] {
				line = append(line, x)
			}
		}
		id = line[rng.IntN(len(line))]
	}
	return b + "@" + id
}

// TestPlanProperties holds the planner to planOracle on random graphs
// and random walks of upgrades and downgrades: exactly the revisions the
// target needs (nothing unrelated applied or removed), in an order that
// respects parents and dependencies, the version table's rows at the
// tips of the applied set after every plan, and the same refusals.
func TestPlanProperties(t *testing.T) {
	plans, refusals, stamps := 0, 0, 0
	for seed := range uint64(60) {
		g, o := randomGraph(t, seed, 40)
		rng := rand.New(rand.NewPCG(seed, 11))
		var rows []string
		for round := range 16 {
			if round%5 == 4 {
				rows = checkStamp(t, g, o, rng, rows, fmt.Sprintf("seed %d round %d", seed, round))
				stamps++
				continue
			}
			up := round%3 != 2
			target := randomTarget(rng, o, up)
			plan, oracle, verb := g.PlanUpgrade, o.upgrade, "upgrade"
			if !up {
				plan, oracle, verb = g.PlanDowngrade, o.downgrade, "downgrade"
			}
			steps, err := plan(rows, target)
			want, oerr := oracle(rows, target)
			if oerr != nil {
				var re *ResolutionError
				if !errors.As(err, &re) {
					t.Fatalf("seed %d round %d: %s %s from %v: planner gave %v, want a refusal (%v)\nsteps: %s",
						seed, round, verb, target, rows, err, oerr, stepsString(steps))
				}
				refusals++
				continue
			}
			if err != nil {
				t.Fatalf("seed %d round %d: %s %s from %v: %v", seed, round, verb, target, rows, err)
			}
			after, err := o.check(rows, steps, up, want)
			if err != nil {
				t.Fatalf("seed %d round %d: %s %s from %v: %v\nsteps: %s", seed, round, verb, target, rows, err, stepsString(steps))
			}
			rows = after
			plans++
		}
		steps, err := g.PlanDowngrade(rows, "base")
		if err != nil {
			t.Fatalf("seed %d: downgrade base: %v", seed, err)
		}
		want, _ := o.downgrade(rows, "base")
		if after, err := o.check(rows, steps, false, want); err != nil || len(after) != 0 {
			t.Fatalf("seed %d: downgrade base from %v left %v: %v\nsteps: %s", seed, rows, after, err, stepsString(steps))
		}
	}
	t.Logf("%d plans and %d stamps checked, %d refusals agreed", plans, stamps, refusals)
}

// checkStamp stamps one random target (an id, heads, base or B@head;
// sometimes with --purge) and holds the rows afterwards to the oracle.
func checkStamp(t *testing.T, g *Graph, o *planOracle, rng *rand.Rand, rows []string, where string) []string {
	t.Helper()
	target := randomTarget(rng, o, rng.IntN(2) == 0)
	if _, sym, ok := strings.Cut(target, "@"); ok && sym != "head" {
		target = o.order[rng.IntN(len(o.order))]
	}
	purge := rng.IntN(4) == 0
	want, oerr := o.stamp(rows, []string{target}, purge)
	steps, err := g.PlanStamp(rows, []string{target}, purge)
	if oerr != nil {
		var re *ResolutionError
		if !errors.As(err, &re) {
			t.Fatalf("%s: stamp %s from %v: planner gave %v, want a refusal (%v)", where, target, rows, err, oerr)
		}
		return rows
	}
	if err != nil {
		t.Fatalf("%s: stamp %s from %v: %v", where, target, rows, err)
	}
	start := rows
	if purge {
		start = nil
	}
	after, err := ApplySteps(start, steps)
	if err != nil {
		t.Fatalf("%s: stamp %s from %v: %v\nsteps: %s", where, target, rows, err, stepsString(steps))
	}
	slices.Sort(after)
	if !slices.Equal(after, want) {
		t.Fatalf("%s: stamp %s (purge %v) from %v: rows %v, want %v\nsteps: %s", where, target, purge, rows, after, want, stepsString(steps))
	}
	for _, s := range steps {
		if !s.Stamp {
			t.Fatalf("%s: stamp %s runs %s", where, target, s)
		}
	}
	return after
}
