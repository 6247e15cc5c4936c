package versions

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// oracleTarget reports whether planOracle resolves arg by itself: heads,
// base, an exact id, and B@head, B@base, B@<id> with B a label or an id.
func (o *planOracle) oracleTarget(arg string) bool {
	known := func(x string) bool { _, ok := o.parents[x]; return ok }
	branch, sym, ok := strings.Cut(arg, "@")
	if !ok {
		return arg == "heads" || arg == "base" || known(arg)
	}
	_, isLabel := o.labels[branch]
	return (isLabel || known(branch)) && (sym == "head" || sym == "base" || known(sym))
}

// want is what the plan for c must run: the oracle's answer when it
// resolves the target itself, else the revisions of steps.
func (o *planOracle) want(c *alembicCommand, steps []alembicStep) (map[string]bool, error) {
	if o.oracleTarget(c.Args[0]) {
		if c.Cmd == "upgrade" {
			return o.upgrade(c.From, c.Args[0])
		}
		return o.downgrade(c.From, c.Args[0])
	}
	set := map[string]bool{}
	for _, s := range steps {
		set[s.Name[1:]] = true
	}
	return set, nil
}

// checkAlembic holds a plan that matches Alembic's to the oracle too:
// this checks the oracle's rules against Alembic's behaviour. It returns
// how many steps it checked.
func (o *planOracle) checkAlembic(c *alembicCommand, plan []Step) (int, error) {
	if c.Cmd == "stamp" {
		want, err := o.stamp(c.From, c.Args, c.Purge)
		if err != nil {
			return 0, err
		}
		if !slices.Equal(c.Rows, want) {
			return 0, fmt.Errorf("stamp leaves %v, the oracle says %v", c.Rows, want)
		}
		return len(c.Steps), nil
	}
	want, err := o.want(c, c.Steps)
	if err != nil {
		return 0, fmt.Errorf("the oracle refuses %s: %v", c.Args[0], err)
	}
	if _, err := o.check(c.From, plan, c.Cmd == "upgrade", want); err != nil {
		return 0, err
	}
	return len(plan), nil
}

// below is the applied set of rows.
func (o *planOracle) below(rows []string) map[string]bool { return o.reach(rows, o.down) }

// redundant reports whether a row lies below another row.
func (o *planOracle) redundant(rows []string) bool {
	for _, r := range rows {
		under := o.reach(o.down[r], o.down)
		if slices.ContainsFunc(rows, func(x string) bool { return under[x] }) {
			return true
		}
	}
	return false
}

// classifyAlembicDifference names the reason (a key of
// alembicDifferences) for a command where the planner and Alembic differ,
// after checking that the case is what the reason says and that our
// answer is sound; an error means the difference is unexplained.
func classifyAlembicDifference(o *planOracle, c *alembicCommand, ours ourOutcome) (string, error) {
	if c.Cmd == "downgrade" && len(c.Warnings) > 0 &&
		strings.HasPrefix(c.Warnings[0], "downgrade -1 from multiple heads is ambiguous") {
		var re *ResolutionError
		if !errors.As(ours.err, &re) || re.Kind != ErrAmbiguousWalk || len(c.From) < 2 {
			return "", errors.New("Alembic walks -N from the first of several rows; we must refuse it as ambiguous")
		}
		return "minus-n-from-multiple-heads", nil
	}
	var re *ResolutionError
	if c.Cmd == "stamp" && errors.As(ours.err, &re) && re.Kind == ErrRedundantTargets {
		if err := stampTargetsOverlap(o, c); err != nil {
			return "", err
		}
		return "stamp-overlapping-targets-refused", nil
	}
	if ours.err != nil {
		return "", fmt.Errorf("we refuse where Alembic does not: %v", ours.err)
	}
	if c.Cmd == "stamp" {
		return classifyStamp(o, c, ours)
	}
	var reason string
	switch {
	case c.Error != nil && c.Error.Kind == "KeyError" && c.Cmd == "upgrade":
		if err := mergeDeletesNonRow(o, c, ours); err != nil {
			return "", err
		}
		reason = "alembic-merge-deletes-nonrow"
	case c.Error == nil && c.Cmd == "downgrade":
		if err := unmergeKeepsAncestor(o, c, ours); err != nil {
			return "", err
		}
		reason = "alembic-unmerge-keeps-ancestor"
	default:
		return "", errors.New("no known reason")
	}
	steps := c.Steps
	if c.Error != nil {
		steps = ours.steps
	}
	want, err := o.want(c, steps)
	if err != nil {
		return "", fmt.Errorf("the oracle refuses %s: %v", c.Args[0], err)
	}
	if _, err := o.check(c.From, ours.plan, c.Cmd == "upgrade", want); err != nil {
		return "", fmt.Errorf("our plan fails the oracle: %v", err)
	}
	return reason, nil
}

// mergeDeletesNonRow: Alembic ran a prefix of our steps, then failed on
// a revision with two or more parents (dependencies included) that are
// rows and another that is applied but not a row.
func mergeDeletesNonRow(o *planOracle, c *alembicCommand, ours ourOutcome) error {
	k := len(c.Partial)
	if k >= len(ours.steps) || !sameSteps(c.Partial, ours.steps[:k]) {
		return errors.New("Alembic's steps before its KeyError are not the start of ours")
	}
	before := c.From
	if k > 0 {
		before = ours.steps[k-1].Rows
	}
	rev := ours.steps[k].Name[1:]
	applied := o.below(before)
	rows, nonRows := 0, 0
	for _, d := range o.down[rev] {
		switch {
		case slices.Contains(before, d):
			rows++
		case applied[d]:
			nonRows++
		}
	}
	if rows < 2 || nonRows == 0 {
		return fmt.Errorf("step %s is not a merge of rows with an applied parent that is not a row", rev)
	}
	return nil
}

// unmergeKeepsAncestor: the same steps; wherever the rows differ,
// Alembic's hold a row below another row and ours are the tips of the
// same applied set.
func unmergeKeepsAncestor(o *planOracle, c *alembicCommand, ours ourOutcome) error {
	if len(c.Steps) != len(ours.steps) {
		return errors.New("not the same steps")
	}
	for i, s := range c.Steps {
		if s.Name != ours.steps[i].Name {
			return fmt.Errorf("step %d: Alembic runs %s, we run %s", i, s.Name, ours.steps[i].Name)
		}
		if slices.Equal(s.Rows, ours.steps[i].Rows) {
			continue
		}
		if !o.redundant(s.Rows) || !slices.Equal(o.tips(o.below(s.Rows)), ours.steps[i].Rows) {
			return fmt.Errorf("step %s: Alembic's rows %v are not our rows %v plus redundant ones", s.Name, s.Rows, ours.steps[i].Rows)
		}
	}
	return nil
}

// classifyStamp checks a stamp where we differ: our rows must be the
// oracle's; Alembic must have moved a row that is neither below nor above
// the destination, lost a target, or failed. Overlapping targets are the
// open defect.
func classifyStamp(o *planOracle, c *alembicCommand, ours ourOutcome) (string, error) {
	var targets []string
	for _, a := range c.Args {
		if a == "base" {
			continue
		}
		ts, err := o.upgradeTargets(a)
		if err != nil {
			return "", fmt.Errorf("stamp target %s: %v", a, err)
		}
		targets = append(targets, ts...)
	}
	if stampTargetsOverlap(o, c) == nil {
		return "", errors.New("overlapping stamp targets must be refused (ErrRedundantTargets)")
	}
	want, err := o.stamp(c.From, c.Args, c.Purge)
	if err != nil {
		return "", err
	}
	if !slices.Equal(ours.rows, want) {
		return "", fmt.Errorf("our stamp leaves %v, the oracle says %v", ours.rows, want)
	}
	lost := slices.ContainsFunc(targets, func(t string) bool { return !slices.Contains(c.Rows, t) })
	if c.Error == nil && !lost && !movesUnrelated(o, c.Steps) {
		return "", errors.New("Alembic's stamp moved only related rows and kept every target")
	}
	if c.Error != nil && (c.Error.Kind != "KeyError" || !movesUnrelated(o, c.Partial)) {
		return "", fmt.Errorf("Alembic's stamp failed with %s", c.Error.Kind)
	}
	return "alembic-stamp-moves-all-rows", nil
}

// movesUnrelated reports whether a stamp step moves a row that is neither
// below nor above its destination.
func movesUnrelated(o *planOracle, steps []alembicStep) bool {
	for _, s := range steps {
		from, to, _ := strings.Cut(strings.TrimPrefix(s.Name, "="), ">")
		if from == "" || to == "" {
			continue
		}
		for _, f := range strings.Split(from, ",") {
			if !o.below([]string{to})[f] && !o.reach([]string{to}, o.up)[f] {
				return true
			}
		}
	}
	return false
}

// stampTargetsOverlap checks that two targets of a stamp are the same
// revision or one lies below the other (dependencies included), which
// PlanStamp refuses; an error says they do not.
func stampTargetsOverlap(o *planOracle, c *alembicCommand) error {
	var targets []string
	for _, a := range c.Args {
		if a == "base" {
			continue
		}
		ts, err := o.upgradeTargets(a)
		if err != nil {
			return fmt.Errorf("stamp target %s: %v", a, err)
		}
		targets = append(targets, ts...)
	}
	for i, a := range targets {
		for j, b := range targets {
			if i != j && (a == b || o.below([]string{b})[a]) {
				return nil
			}
		}
	}
	return fmt.Errorf("stamp targets %v do not overlap, yet the planner refuses them", targets)
}
