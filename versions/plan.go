package versions

import (
	"fmt"
	"slices"
	"strings"
)

// Action is what a step does to the version table, as Alembic's
// HeadMaintainer decides it.
type Action int

// The version-table actions of a Step.
const (
	// Insert adds the row To[0]: upgrade of a base, or of a revision none
	// of whose parents is a row (a new branch off an applied point); a
	// stamp onto an unrepresented branch.
	Insert Action = iota + 1
	// Update changes the row From[0] to To[0]: a normal step either way.
	Update
	// Delete removes the row From[0]: downgrade of a base, or of a
	// revision whose parent stays applied below another row (a branch
	// point with another branch remaining); a stamp to base.
	Delete
	// Merge deletes the rows From[:len-1] and changes From[len-1] to
	// To[0]: upgrade of a merge point (or of a revision with a
	// dependency) whose several parents are rows.
	Merge
	// Unmerge inserts the rows To[:len-1] and changes From[0] to
	// To[len-1]: downgrade of a merge point, re-inserting its parents.
	Unmerge
)

var actionNames = [...]string{Insert: "insert", Update: "update", Delete: "delete", Merge: "merge", Unmerge: "unmerge"}

// String names the action.
func (a Action) String() string {
	if a > 0 && int(a) < len(actionNames) {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Step is one revision to run (or to stamp) and its version-table change.
type Step struct {
	// Revision is the revision upgraded or downgraded; for a stamp, the
	// destination (or, for a stamp to base, the row deleted).
	Revision *Revision
	// Up is true for an upgrade step.
	Up bool
	// Stamp is true when the step only changes the version table.
	Stamp bool
	// Action, From and To say what happens to the version table; Rows
	// spells it out row by row.
	Action Action
	From   []string
	To     []string
}

// RowOpKind is one SQL statement on the version table.
type RowOpKind int

// The kinds of RowOp.
const (
	RowInsert RowOpKind = iota + 1 // INSERT To
	RowUpdate                      // UPDATE From -> To, exactly one row
	RowDelete                      // DELETE From, exactly one row
)

// RowOp is one statement on the version table.
type RowOp struct {
	Kind     RowOpKind
	From, To string
}

// Rows spells out the step as version-table statements, in order.
func (s Step) Rows() []RowOp {
	switch s.Action {
	case Insert:
		if len(s.To) > 0 {
			return []RowOp{{Kind: RowInsert, To: s.To[0]}}
		}
	case Delete:
		if len(s.From) > 0 {
			return []RowOp{{Kind: RowDelete, From: s.From[0]}}
		}
	case Update:
		if len(s.From) > 0 && len(s.To) > 0 {
			return []RowOp{{Kind: RowUpdate, From: s.From[0], To: s.To[0]}}
		}
	case Merge:
		if len(s.From) > 0 && len(s.To) > 0 {
			var ops []RowOp
			for _, f := range s.From[:len(s.From)-1] {
				ops = append(ops, RowOp{Kind: RowDelete, From: f})
			}
			return append(ops, RowOp{Kind: RowUpdate, From: s.From[len(s.From)-1], To: s.To[0]})
		}
	case Unmerge:
		if len(s.From) > 0 && len(s.To) > 0 {
			var ops []RowOp
			for _, t := range s.To[:len(s.To)-1] {
				ops = append(ops, RowOp{Kind: RowInsert, To: t})
			}
			return append(ops, RowOp{Kind: RowUpdate, From: s.From[0], To: s.To[len(s.To)-1]})
		}
	}
	return nil
}

// String is Alembic's log line without the message: "upgrade a -> b",
// "downgrade b -> a", "upgrade a, b -> m" (parents as declared, no
// dependencies), "stamp a -> b".
func (s Step) String() string {
	verb := "downgrade"
	if s.Up {
		verb = "upgrade"
	}
	if s.Stamp {
		return fmt.Sprintf("stamp %s -> %s", commaOrEmpty(s.From), commaOrEmpty(s.To))
	}
	down := commaOrEmpty(s.Revision.Revises)
	if s.Up {
		return fmt.Sprintf("%s %s -> %s", verb, down, s.Revision.ID)
	}
	return fmt.Sprintf("%s %s -> %s", verb, s.Revision.ID, down)
}

func commaOrEmpty(ids []string) string { return strings.Join(ids, ", ") }

// ApplySteps returns the version table's rows after the steps, starting
// from current, checking that every UPDATE and DELETE matches exactly one
// row and no INSERT duplicates one (what the runner enforces).
func ApplySteps(current []string, steps []Step) ([]string, error) {
	rows := slices.Clone(current)
	for _, s := range steps {
		for _, op := range s.Rows() {
			var err error
			if rows, err = applyRow(rows, op); err != nil {
				return nil, fmt.Errorf("apply %s: %w", s, err)
			}
		}
	}
	return rows, nil
}

// ApplyRows returns the version table's rows after the step, from rows
// before it (which it does not change), or an error when the rows do not
// match the step (a row to update or delete is missing, a row to insert
// is there already).
func (s Step) ApplyRows(rows []string) ([]string, error) {
	out := slices.Clone(rows)
	for _, op := range s.Rows() {
		var err error
		if out, err = applyRow(out, op); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func applyRow(rows []string, op RowOp) ([]string, error) {
	switch op.Kind {
	case RowInsert:
		if slices.Contains(rows, op.To) {
			return nil, fmt.Errorf("version table already has a row '%s'", op.To)
		}
		return append(rows, op.To), nil
	case RowUpdate, RowDelete:
		i := slices.Index(rows, op.From)
		if i < 0 {
			return nil, fmt.Errorf("version table has no row '%s'", op.From)
		}
		if op.Kind == RowDelete {
			return slices.Delete(rows, i, i+1), nil
		}
		if slices.Contains(rows, op.To) {
			return nil, fmt.Errorf("version table already has a row '%s'", op.To)
		}
		rows[i] = op.To
		return rows, nil
	}
	return nil, fmt.Errorf("unknown row operation %d", op.Kind)
}

// PlanUpgrade returns the steps of `upgrade target` from the version
// table's rows current, oldest first: target and all its ancestors and
// dependencies that are not applied, parents before children, ties
// broken by load order (Alembic's topological order, reversed). Sibling
// branches the target does not need are left alone. A target already
// applied gives no steps.
func (g *Graph) PlanUpgrade(current []string, target string) ([]Step, error) {
	id, err := ParseIdentifier(target)
	if err != nil {
		return nil, err
	}
	if !id.Relative && id.Branch == "" && id.Symbol == "current" {
		return nil, &ResolutionError{Kind: ErrNotUpgradeTarget, Argument: target,
			Msg: "'current' is not an upgrade target (the database is already at its current revisions); upgrade to head, heads, +N or a revision"}
	}
	if id.Relative && id.Steps < 0 && id.Branch == "" && id.Symbol == "" {
		return nil, &ResolutionError{Kind: ErrNotUpgradeTarget, Argument: target,
			Msg: fmt.Sprintf("Relative revision %s didn't produce %d migrations: upgrade only applies revisions; to revert, run `migrate downgrade %s`", target, -id.Steps, target)}
	}
	cur, err := g.currentNodes(current)
	if err != nil {
		return nil, err
	}
	targets, err := g.upgradeTargets(cur, id)
	if err != nil {
		return nil, err
	}
	needs := g.closure(targets, normDownOf)
	for i, applied := range g.closure(cur, normDownOf) {
		if applied {
			needs[i] = false
		}
	}
	order := g.alembicOrder(needs, targets)
	slices.Reverse(order)
	return g.stepsFor(current, order, true)
}

// PlanDowngrade returns the steps of `downgrade target` from the version
// table's rows current, newest first: every applied revision above the
// target on the affected lineage, children (and dependents) before
// parents. -N walks down from the single current head (or the branch's,
// with <branch>@-N); base removes everything.
func (g *Graph) PlanDowngrade(current []string, target string) ([]Step, error) {
	id, err := ParseIdentifier(target)
	if err != nil {
		return nil, err
	}
	cur, err := g.currentNodes(current)
	if err != nil {
		return nil, err
	}
	branch, dest, err := g.downgradeTarget(cur, id)
	if err != nil {
		return nil, err
	}
	var roots []*gnode
	if dest == nil {
		roots = g.bases
	} else {
		roots = dest.children
	}
	if branch != "" && len(roots) > 1 {
		b, err := g.resolveBranch(branch)
		if err != nil {
			return nil, err
		}
		anc := g.closure([]*gnode{b}, parentsOf)
		var keep []*gnode
		for _, r := range roots {
			if anc[r.idx] {
				keep = append(keep, r)
			}
		}
		if len(keep) == 0 {
			return nil, &ResolutionError{Kind: ErrNotAncestor, Argument: target,
				Msg: "Not a valid downgrade target from current heads"}
		}
		roots = keep
	}
	drop := g.closure(roots, allChildrenOf)
	active := g.closure(cur, normDownOf)
	any := false
	for i := range drop {
		drop[i] = drop[i] && active[i]
		any = any || drop[i]
	}
	if dest != nil && !any && !containsNode(cur, dest) {
		return nil, &ResolutionError{Kind: ErrNotAncestor, Argument: target,
			Msg: fmt.Sprintf("Destination %s is not a valid downgrade target from current head(s)", id.Raw)}
	}
	return g.stepsFor(current, g.alembicOrder(drop, cur), false)
}
