package lint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// Range chooses the revisions to lint.
type Range struct {
	// Spec is a revision identifier ("head", an id, "ae10:head", …): a
	// range a:b lints the revisions of `history -r a:b`, a single
	// identifier the revisions it names. Empty: the revisions not applied
	// yet on top of Current.
	Spec string
	// Current are the version table's rows ("current" in Spec, and the
	// default range).
	Current []string
	// All lints every revision, each as deployed on its own (see
	// Options.EachDeployed).
	All bool
}

// NeedsCurrent reports whether the range needs the database's current
// revisions: the default range, and a range that says "current".
func (r Range) NeedsCurrent() bool {
	if r.All {
		return false
	}
	return strings.TrimSpace(r.Spec) == "" || slices.Contains(strings.Split(r.Spec, ":"), "current")
}

// Select returns the revisions Check needs for the range, in upgrade
// order: those in range, and their ancestors before them (read only to
// follow the schema). inRange marks the first.
func Select(g *versions.Graph, r Range) (order []string, inRange map[string]bool, err error) {
	var picked []*versions.Revision
	switch {
	case r.All:
		picked = g.Revisions()
	case strings.TrimSpace(r.Spec) == "":
		steps, err := g.PlanUpgrade(r.Current, "heads")
		if err != nil {
			return nil, nil, err
		}
		for _, st := range steps {
			if st.Up && !st.Stamp {
				picked = append(picked, st.Revision)
			}
		}
	case versions.IsRange(r.Spec):
		if picked, err = g.History(r.Spec, r.Current); err != nil {
			return nil, nil, err
		}
	default:
		if picked, err = g.Resolve(r.Spec, r.Current); err != nil {
			return nil, nil, err
		}
	}
	inRange = map[string]bool{}
	ids := make([]string, 0, len(picked))
	for _, rev := range picked {
		inRange[rev.ID] = true
		ids = append(ids, rev.ID)
	}
	if len(ids) == 0 {
		return nil, inRange, nil
	}
	all, err := g.Ancestors(true, ids...)
	if err != nil {
		return nil, nil, err
	}
	for _, rev := range all {
		order = append(order, rev.ID)
	}
	return order, inRange, nil
}

// Load reads the revisions of set with the ids of order for Check: a SQL
// revision's script as it is; a Go revision's upgrade run on a recording
// Op (ops.NewRecordingOp) for d, which needs the revision compiled into
// this program (set made by runner.NewSet with its registry), and its
// file read by readFile for suppressions and operation lines.
func Load(ctx context.Context, d dialect.Dialect, set *runner.Set, order []string, inRange map[string]bool,
	readFile func(path string) ([]byte, error)) ([]*Revision, error) {
	out := make([]*Revision, 0, len(order))
	for _, id := range order {
		sc := set.Script(id)
		if sc == nil {
			return nil, fmt.Errorf("lint: revision %s has no file", id)
		}
		rev := &Revision{Script: sc, InRange: inRange[id]}
		if sc.Kind == scriptdir.KindGo {
			if err := record(ctx, d, set.Compiled(id), rev, readFile); err != nil {
				return nil, err
			}
		}
		out = append(out, rev)
	}
	return out, nil
}

// record runs a Go revision's upgrade on a recording Op.
func record(ctx context.Context, d dialect.Dialect, compiled *runner.Revision, rev *Revision, readFile func(string) ([]byte, error)) error {
	sc := rev.Script
	if compiled == nil {
		return &scriptdir.FileError{Path: sc.Path, Err: fmt.Errorf("revision %s is a Go revision that is not compiled into this program: lint runs in the project's compiled runner", sc.ID)}
	}
	src, err := readFile(sc.Path)
	if err != nil {
		return fmt.Errorf("lint: revision %s: %w", sc.ID, err)
	}
	rev.Source = src
	if compiled.Upgrade == nil {
		return nil
	}
	op := ops.NewRecordingOp(d, func(r ops.Recorded) error {
		rev.Recorded = append(rev.Recorded, r)
		return nil
	})
	op.Revision = sc.ID
	if err := runUpgrade(ctx, compiled, op); err != nil {
		rev.Stopped = err
	}
	return nil
}

// runUpgrade runs a revision's upgrade, turning a panic of its code into
// an error naming it.
func runUpgrade(ctx context.Context, rev *runner.Revision, op *ops.Op) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the upgrade panicked: %v", p)
		}
	}()
	err = rev.Upgrade(ctx, op)
	var ro *ops.ReadOfflineError
	if err != nil && !errors.As(err, &ro) {
		err = fmt.Errorf("the upgrade returned an error: %w", err)
	}
	return err
}

// Project lints the revisions of set that r chooses (Select, Load,
// Check): what `migrate lint` does once it knows the database's current
// revisions.
func Project(ctx context.Context, o Options, set *runner.Set, r Range, readFile func(path string) ([]byte, error)) (*Report, error) {
	o.EachDeployed = o.EachDeployed || r.All
	order, inRange, err := Select(set.Graph(), r)
	if err != nil {
		return nil, err
	}
	revs, err := Load(ctx, o.Dialect, set, order, inRange, readFile)
	if err != nil {
		return nil, err
	}
	return Check(ctx, o, revs)
}
