package versions

import (
	"strings"
	"testing"
)

// squashed returns b, squashed from a1 a2 b (keeping b's id), revising
// r0.
func squashed() *Revision {
	return &Revision{ID: "b", Revises: []string{"r0"}, Replaces: []string{"a1", "a2", "b"}, Path: "b_squashed.sql"}
}

func TestGraphSquashRule(t *testing.T) {
	old := mkRevs("r0", "a1 <r0", "a2 <a1", "b <a2", "c <b")
	tests := []struct {
		name  string
		revs  []*Revision
		heads string
		walk  string
		err   string
	}{
		{"replaced files gone: the squash stands in", append(mkRevs("r0", "c <b"), squashed()), "c", "c b r0", ""},
		{"replaced files present: the squash stands aside", append(old, squashed()), "c", "c b a2 a1 r0", ""},
		{"some gone, some present", append(mkRevs("r0", "a1 <r0", "c <b"), squashed()), "", "",
			"Revision b replaces a1, a2, b; a1 is present but a2 is not: remove the replaced files that remain, or restore all of them"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := NewGraph(tt.revs)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(g.Heads()); got != tt.heads {
				t.Errorf("heads %s, want %s", got, tt.heads)
			}
			if got := ids(g.Walk()); got != tt.walk {
				t.Errorf("walk %s, want %s", got, tt.walk)
			}
		})
	}
	g, err := NewGraph(append(mkRevs("r0", "c <b"), squashed()))
	if err != nil {
		t.Fatal(err)
	}
	if r := g.ReplacedBy("a1"); r == nil || r.ID != "b" || g.ReplacedBy("b") != nil || g.ReplacedBy("c") != nil {
		t.Errorf("ReplacedBy: a1 -> %v; b and c must be nil", r)
	}
	// A database at b (the squash keeps its id) upgrades to c; one at
	// r0 upgrades through the squashed revision.
	for rows, want := range map[string]string{"b": "+c update [b]->[c]", "r0": "+b update [r0]->[b]; +c update [b]->[c]"} {
		steps, err := g.PlanUpgrade([]string{rows}, "head")
		if err != nil || stepsString(steps) != want {
			t.Errorf("upgrade from %s: %s (%v), want %s", rows, stepsString(steps), err, want)
		}
	}
	// A database inside the squashed range cannot be placed.
	if _, err := g.PlanUpgrade([]string{"a2"}, "head"); err == nil {
		t.Error("a row holding a replaced id was accepted")
	}
	ga, err := NewGraph(append(old, squashed()))
	if err != nil {
		t.Fatal(err)
	}
	if aside := ga.StandingAside(); len(aside) != 1 || aside[0].Path != "b_squashed.sql" {
		t.Errorf("StandingAside %v", aside)
	}
}
