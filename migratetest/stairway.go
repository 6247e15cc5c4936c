package migratetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// Result says what a stairway run checked.
type Result struct {
	// Revisions are the revisions tested, in the order they were walked
	// (parents and dependencies before the revisions that need them).
	Revisions []*versions.Revision
	// ModelChecked is set when the schema at head was compared with the
	// target model (WithModel).
	ModelChecked bool
}

// ErrNotEmpty is returned by Run for a database that already has
// revisions applied: the stairway needs a scratch database.
var ErrNotEmpty = errors.New("the database already has revisions applied")

// Run runs the stairway test of set on db, which must have no revision
// applied (a scratch database: it is left at the heads of the graph).
// Every revision, in topological order (parents and dependencies first,
// ties broken by load order, so branches and merge points are walked as
// `upgrade heads` would apply them), is
//
//  1. upgraded alone, its parents and dependencies being applied;
//  2. downgraded alone: the schema must then equal, object for object,
//     the schema before the upgrade;
//  3. upgraded again: the schema must equal the one after the first
//     upgrade.
//
// The first revision that fails is returned as a *Failure naming it, with
// a unified diff of the schemas where they differ. With WithModel, the
// schema at head is then compared with the target model.
func Run(ctx context.Context, db *dialect.DB, set *runner.Set, opts ...Option) (*Result, error) {
	c := newConfig(opts)
	ropts := append(slices.Clone(c.runner), runner.WithVersionTable(c.vtSchema, c.vtName), runner.WithHistoryTable(c.htName))
	r, err := runner.NewRunner(db, set, ropts...)
	if err != nil {
		return nil, fmt.Errorf("stairway: %w", err)
	}
	cur, err := r.Current(ctx)
	if err != nil {
		return nil, fmt.Errorf("stairway: read the version table: %w", err)
	}
	if len(cur) > 0 {
		return nil, fmt.Errorf("stairway: %w (%s); run it on a scratch database", ErrNotEmpty, strings.Join(cur, ", "))
	}
	s := &stairway{c: c, db: db, r: r}
	order := set.Graph().Walk()
	slices.Reverse(order)
	res := &Result{}
	before, err := s.inspect(ctx)
	if err != nil {
		return nil, err
	}
	for _, rev := range order {
		after, err := s.climb(ctx, rev, before)
		if err != nil {
			return res, err
		}
		res.Revisions = append(res.Revisions, rev)
		if c.passed != nil {
			c.passed(rev)
		}
		before = after
	}
	if c.model != nil {
		diff, err := s.checkModel(ctx, before)
		if err != nil {
			return res, fmt.Errorf("stairway: compare the schema at head with the model: %w", err)
		}
		if diff != "" {
			return res, &Failure{Phase: PhaseModel, Diff: diff}
		}
		res.ModelChecked = true
	}
	return res, nil
}

// checkModel compares the schema at head with the model as `migrate
// check` does; it returns "" when autogenerate finds nothing to write,
// else the operations it would write and a diff of the schemas as DDL.
func (s *stairway) checkModel(ctx context.Context, head *model.MetaData) (string, error) {
	opts := s.c.compare
	if opts.Dialect == nil {
		opts.Dialect = s.db.Dialect
	}
	opts.VersionTables = append(slices.Clone(opts.VersionTables), s.c.vtName, s.c.htName)
	if len(opts.Schemas) == 0 && len(s.c.schemas) > 0 {
		// The inspector reports the default schema's objects unqualified.
		opts.Schemas = append(slices.Clone(s.c.schemas), "")
	}
	// The stairway's database is a scratch one: views may be spelled in
	// it. What cannot be spelled is left as it is, like check does.
	texts, _, err := autogen.SpellViews(ctx, s.db, head, s.c.model, autogen.SpellOptions{InPlace: true})
	if err != nil {
		return "", err
	}
	opts.ViewTexts = texts
	res, err := autogen.Compare(head, s.c.model, opts)
	if err != nil || res.Empty() {
		return "", err
	}
	lines, err := autogen.Summarize(ctx, opts.Dialect, head, res.Ops)
	if err != nil {
		return "", err
	}
	diff, err := autogen.SchemaDiff(head, s.c.model, opts, "schema at head", "model")
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("autogenerate would write %d operation(s):\n  %s\n%s", len(lines), strings.Join(lines, "\n  "), diff), nil
}

// stairway is one run.
type stairway struct {
	c  *config
	db *dialect.DB
	r  *runner.Runner
}

// climb is one revision's stairway step from the schema before it: up,
// down (compared with before), up again (compared with the first up). It
// returns the schema after the revision.
func (s *stairway) climb(ctx context.Context, rev *versions.Revision, before *model.MetaData) (*model.MetaData, error) {
	after, err := s.step(ctx, rev, PhaseUpgrade)
	if err != nil {
		return nil, err
	}
	back, err := s.step(ctx, rev, PhaseDowngrade)
	if err == nil {
		err = s.same(rev, PhaseDowngrade, before, back, "before upgrade", "after downgrade")
	}
	if err != nil {
		return nil, err
	}
	again, err := s.step(ctx, rev, PhaseUpgradeAgain)
	if err == nil {
		err = s.same(rev, PhaseUpgradeAgain, after, again, "after first upgrade", "after upgrade again")
	}
	return again, err
}

// step runs the revision's upgrade or downgrade (phase) and returns the
// schema after it.
func (s *stairway) step(ctx context.Context, rev *versions.Revision, phase Phase) (*model.MetaData, error) {
	if _, err := s.r.Step(ctx, rev.ID, phase != PhaseDowngrade); err != nil {
		return nil, &Failure{Revision: rev, Phase: phase, Err: err}
	}
	return s.inspect(ctx)
}

// same fails the phase when the schema got differs from want.
func (s *stairway) same(rev *versions.Revision, phase Phase, want, got *model.MetaData, wantName, gotName string) error {
	if modeltest.Diff(want, got) == "" {
		return nil
	}
	return &Failure{Revision: rev, Phase: phase, Diff: schemaDiff(s.db.Dialect, want, got, wantName+" "+rev.ID, gotName+" "+rev.ID)}
}

// inspect reads the schema, without the version and history tables.
func (s *stairway) inspect(ctx context.Context) (*model.MetaData, error) {
	md, err := inspect.Database(ctx, s.db, inspect.Options{Schemas: s.c.schemas, Exclude: []string{s.c.vtName, s.c.htName}})
	if err != nil {
		return nil, fmt.Errorf("stairway: inspect: %w", err)
	}
	return md, nil
}
