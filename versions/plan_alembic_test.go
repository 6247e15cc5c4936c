package versions

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// alembicFixture is testdata/alembic/fixture.json, written by
// testdata/alembic/gen.py: random graphs and what Alembic itself did for
// a sequence of commands on each.
type alembicFixture struct {
	Alembic    string         `json:"alembic"`
	SQLAlchemy string         `json:"sqlalchemy"`
	Graphs     []alembicGraph `json:"graphs"`
}

type alembicGraph struct {
	Seed      uint64 `json:"seed"`
	Revisions []struct {
		ID        string   `json:"id"`
		Revises   []string `json:"revises"`
		DependsOn []string `json:"depends_on"`
		Labels    []string `json:"labels"`
	} `json:"revisions"`
	Commands []alembicCommand `json:"commands"`
}

// alembicCommand is one command and its outcome. Steps are "+id"
// (upgrade), "-id" (downgrade) or "=from>to" (stamp), each with the
// version table's rows after it, sorted.
type alembicCommand struct {
	Cmd      string        `json:"cmd"`
	Args     []string      `json:"args"`
	Purge    bool          `json:"purge"`
	From     []string      `json:"from"`
	Steps    []alembicStep `json:"steps"`
	Rows     []string      `json:"rows"`
	Error    *alembicError `json:"error"`
	Warnings []string      `json:"warnings"`
	Partial  []alembicStep `json:"partial"`
	Repaired []string      `json:"repaired"`
}

type alembicError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Cause   string `json:"cause"`
	At      string `json:"at"`
}

type alembicStep struct {
	Name string
	Rows []string
}

// UnmarshalJSON reads a step written as ["+id", ["row", ...]].
func (s *alembicStep) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != 2 {
		return fmt.Errorf("alembic step %s: want [name, rows]", b)
	}
	if err := json.Unmarshal(raw[0], &s.Name); err != nil {
		return err
	}
	return json.Unmarshal(raw[1], &s.Rows)
}

func (g *alembicGraph) revisions() []*Revision {
	revs := make([]*Revision, len(g.Revisions))
	for i, r := range g.Revisions {
		revs[i] = &Revision{ID: r.ID, Revises: r.Revises, DependsOn: r.DependsOn, BranchLabels: r.Labels}
	}
	return revs
}

// ourOutcome runs the command through the planner: its steps named as
// the fixture names them, each with the rows after it.
type ourOutcome struct {
	steps []alembicStep
	rows  []string
	err   error
	plan  []Step
}

func runOurs(g *Graph, c *alembicCommand) ourOutcome {
	var steps []Step
	var err error
	switch c.Cmd {
	case "upgrade":
		steps, err = g.PlanUpgrade(c.From, c.Args[0])
	case "downgrade":
		steps, err = g.PlanDowngrade(c.From, c.Args[0])
	case "stamp":
		steps, err = g.PlanStamp(c.From, c.Args, c.Purge)
	default:
		err = fmt.Errorf("unknown command %q", c.Cmd)
	}
	if err != nil {
		return ourOutcome{err: err}
	}
	out := ourOutcome{plan: steps}
	rows := slices.Clone(c.From)
	if c.Purge {
		rows = nil
	}
	for _, s := range steps {
		if rows, err = ApplySteps(rows, []Step{s}); err != nil {
			return ourOutcome{err: err}
		}
		out.steps = append(out.steps, alembicStep{Name: fixtureStepName(s), Rows: slices.Sorted(slices.Values(rows))})
	}
	out.rows = slices.Sorted(slices.Values(rows))
	return out
}

// fixtureStepName names a step as gen.py does.
func fixtureStepName(s Step) string {
	switch {
	case s.Stamp:
		return "=" + strings.Join(s.From, ",") + ">" + strings.Join(s.To, ",")
	case s.Up:
		return "+" + s.Revision.ID
	}
	return "-" + s.Revision.ID
}

func (o ourOutcome) String() string {
	if o.err != nil {
		return "error: " + o.err.Error()
	}
	var b strings.Builder
	for _, s := range o.steps {
		fmt.Fprintf(&b, "%s %v; ", s.Name, s.Rows)
	}
	fmt.Fprintf(&b, "rows %v", o.rows)
	return b.String()
}

func alembicString(c *alembicCommand) string {
	if c.Error != nil {
		return fmt.Sprintf("error %s: %s %s %s", c.Error.Kind, c.Error.Message, c.Error.Cause, c.Error.At)
	}
	o := ourOutcome{steps: c.Steps, rows: c.Rows}
	return o.String()
}

// sameSteps compares step by step: the same revisions in the same order
// and direction, and the same rows after each step. Stamp steps are
// compared by their rows only: which row Alembic updates and which it
// deletes in a merge follows Python set order.
func sameSteps(a, b []alembicStep) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		stamp := strings.HasPrefix(a[i].Name, "=") && strings.HasPrefix(b[i].Name, "=")
		if (!stamp && a[i].Name != b[i].Name) || !slices.Equal(a[i].Rows, b[i].Rows) {
			return false
		}
	}
	return true
}

// refusalKinds maps Alembic's refusal (the RevisionError class behind its
// CommandError, and for a plain RevisionError its message) to the kinds
// of ResolutionError that say the same.
func refusalKinds(e *alembicError) []ResolutionErrorKind {
	msg := e.Cause
	if msg == "" {
		msg = e.Message
	}
	switch e.Kind {
	case "MultipleHeads":
		return []ResolutionErrorKind{ErrMultipleHeads}
	case "RangeNotAncestorError":
		return []ResolutionErrorKind{ErrNotAncestor}
	case "ResolutionError":
		return []ResolutionErrorKind{ErrNotFound, ErrAmbiguous, ErrNoSuchBranch, ErrNotOnBranch}
	case "RevisionError":
		switch {
		case strings.HasPrefix(msg, "Ambiguous walk"), strings.HasPrefix(msg, "Ambiguous upgrade from multiple current revisions"):
			return []ResolutionErrorKind{ErrAmbiguousWalk}
		case strings.HasPrefix(msg, "Relative revision"), strings.HasPrefix(msg, "Walked too far"):
			return []ResolutionErrorKind{ErrWalkedTooFar}
		case strings.HasPrefix(msg, "Not a valid downgrade target"):
			return []ResolutionErrorKind{ErrNotAncestor}
		}
	}
	return nil
}

func loadAlembicFixture(t *testing.T) *alembicFixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "alembic", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f alembicFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("fixture.json: %v", err)
	}
	return &f
}

var updateAlembic = flag.Bool("update-alembic", false, "rewrite versions/testdata/alembic/exceptions.txt")

// alembicDifferences are the known ways Alembic 1.8.1 goes wrong where
// the planner is right. Each case in testdata/alembic/exceptions.txt names
// one, and the test checks that the case is what the reason says (the
// classify predicates) and that our answer passes planOracle (or, for
// stamps, stampSound).
var alembicDifferences = map[string]string{
	"alembic-unmerge-keeps-ancestor": "Downgrading a revision with several parents (revises + depends_on), Alembic's " +
		"_unmerge_to_revisions re-inserts every parent as a row when no other row remains, also a parent that stays " +
		"applied below another parent: the table gets a row below another row. sqlalchemy/alembic#1373 (fixed by " +
		"PR #1376, Alembic 1.13); every later command then fails with \"Requested revision ... overlaps\" (#1107). " +
		"We leave the tips of the applied set; the same revisions run in the same order.",
	"alembic-merge-deletes-nonrow": "Upgrading a revision with several parents (revises + depends_on) when two of " +
		"them are rows and no other row remains, Alembic's merge_branch_idents deletes every parent, also one that is " +
		"applied but not a row (it lies below another parent): KeyError in HeadMaintainer._delete_version or " +
		"_update_version, after the earlier steps ran. Met in the wild as lablup/backend.ai#11131. We apply the same " +
		"revisions and delete only the parents that are rows.",
	"alembic-stamp-moves-all-rows": "Stamping several targets, Alembic's _stamp_revs moves every row on the lineage " +
		"of any target for every destination: it deletes rows unrelated to the destination, drops a target that was " +
		"already a row, or fails with KeyError when the rows it moved are gone. PlanStamp moves, for each destination, " +
		"only the rows below or above it (plan_stamp.go).",
	"minus-n-from-multiple-heads": "downgrade -N with several rows: Alembic warns \"downgrade -1 from multiple heads " +
		"is ambiguous; this usage will be disallowed in a future release\" and walks from the first row it reads; we " +
		"refuse and ask for <branch>@-N or a revision (ident_walk.go downgradeStart).",
	"stamp-overlapping-targets-refused": "Two stamp targets overlap (the same revision twice, or one an ancestor or " +
		"dependency of the other). Alembic stamps both, leaving a row below another row (the next command fails with " +
		"\"Requested revision ... overlaps\") or fails on a UNIQUE row; PlanStamp refuses with ErrRedundantTargets and " +
		"says which target to keep (plan_stamp.go checkStampHeads).",
}

// alembicCrashRefusals are the places where Alembic refuses with an
// internal assertion instead of a message (its error kinds for these are
// AssertionError, with where it failed), and the kinds we refuse with.
var alembicCrashRefusals = map[string][]ResolutionErrorKind{
	// <rev>+N walking past a head: _walk returns None and is_revision
	// asserts (Alembic's own "Walked too far" is raised only for -N).
	"is_revision: assert isinstance(rev, Revision)": {ErrWalkedTooFar},
	// <branch>@-N when no current row is on the branch, or several are.
	"_parse_downgrade_target: assert len(symbol_list) == 1": {ErrWalkedTooFar, ErrAmbiguousWalk},
}

// TestPlanMatchesAlembic replays every command of the Alembic fixture
// through the planner: the same steps in the same order, the same rows
// after each step and at the end, and a refusal where Alembic refuses.
// Every difference must be listed in testdata/alembic/exceptions.txt with
// a reason of alembicDifferences, and our answer there is asserted.
func TestPlanMatchesAlembic(t *testing.T) {
	f := loadAlembicFixture(t)
	if f.Alembic != "1.8.1" {
		t.Fatalf("fixture from Alembic %s: review alembicDifferences and alembicCrashRefusals for it", f.Alembic)
	}
	var total, same, refusals, crashes, oracleChecked int
	byReason := map[string]int{}
	var listing strings.Builder
	for gi := range f.Graphs {
		ag := &f.Graphs[gi]
		revs := ag.revisions()
		g, err := NewGraph(revs)
		if err != nil {
			t.Fatalf("graph %d (seed %d): %v", gi, ag.Seed, err)
		}
		o := newPlanOracle(revs)
		for ci := range ag.Commands {
			c := &ag.Commands[ci]
			total++
			key := fmt.Sprintf("%d/%d %s %s from %v", gi, ci, c.Cmd, strings.Join(c.Args, " "), c.From)
			if c.Purge {
				key += " --purge"
			}
			ours := runOurs(g, c)
			if c.Error == nil && ours.err == nil && sameSteps(ours.steps, c.Steps) && slices.Equal(ours.rows, c.Rows) {
				n, err := o.checkAlembic(c, ours.plan)
				switch {
				case err == nil:
					same++
					oracleChecked += n
				case errors.Is(err, errStampOverlap):
					// Alembic shares the open defect here.
					reason := "open-stamp-overlapping-targets"
					byReason[reason]++
					fmt.Fprintf(&listing, "# %s\nreason: %s\nalembic: %s\nours: %s\n\n", key, reason, alembicString(c), ours)
				default:
					t.Errorf("%s: Alembic and the planner agree, the oracle does not: %v", key, err)
				}
				continue
			}
			if c.Error != nil {
				var re *ResolutionError
				if errors.As(ours.err, &re) && slices.Contains(refusalKinds(c.Error), re.Kind) {
					same++
					refusals++
					continue
				}
				if kinds, ok := alembicCrashRefusals[c.Error.At]; ok && c.Error.Kind == "AssertionError" &&
					errors.As(ours.err, &re) && slices.Contains(kinds, re.Kind) {
					same++
					refusals++
					crashes++
					continue
				}
			}
			reason, err := classifyAlembicDifference(o, c, ours)
			if err != nil {
				t.Errorf("%s: unexplained difference: %v\n  alembic: %s\n  ours:    %s", key, err, alembicString(c), ours)
				continue
			}
			byReason[reason]++
			fmt.Fprintf(&listing, "# %s\nreason: %s\nalembic: %s\nours: %s\n\n", key, reason, alembicString(c), ours)
		}
	}
	path := filepath.Join("testdata", "alembic", "exceptions.txt")
	got := exceptionsHeader + listing.String()
	if *updateAlembic {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("the differences from Alembic changed; compare with %s (go test ./versions -run TestPlanMatchesAlembic -update-alembic rewrites it):\n%s",
			path, firstDifference(string(want), got))
	}
	t.Logf("%d graphs, %d commands: %d as Alembic (%d of them refusals, %d where Alembic fails an assertion), "+
		"%d of their steps also held to the oracle; differences by reason: %v",
		len(f.Graphs), total, same, refusals, crashes, oracleChecked, byReason)
}

const exceptionsHeader = `# Commands of fixture.json where the planner differs from Alembic 1.8.1,
# one reason each (see alembicDifferences in plan_alembic_test.go).
# Written by: go test ./versions -run TestPlanMatchesAlembic -update-alembic
# "graph/command": indexes into fixture.json. Steps: +id upgrade, -id
# downgrade, =from>to stamp, each with the rows after it.

`

// firstDifference shows the first line where two texts differ.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d\n  file: %s\n  now:  %s", i+1, x, y)
		}
	}
	return ""
}
