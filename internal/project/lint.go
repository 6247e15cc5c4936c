package project

import (
	"context"
	"fmt"
	"os"

	"github.com/migratego/migrate/lint"
	"github.com/migratego/migrate/scriptdir"
)

// Lint lints the revisions of s that rng selects (lint.Project) for the
// dialect of the configured URL, read without connecting. When rng needs
// the applied revisions (the default range), they are read from the
// database, with the row counts of its tables (the sizes of the SQLite
// tables a rebuild copies) when the database exists. Lint's refusals are
// input errors.
func (p *Project) Lint(ctx context.Context, s *Scripts, rng lint.Range) (*lint.Report, error) {
	d, err := p.OfflineDialect()
	if err != nil {
		return nil, err
	}
	opts := lint.Options{Dialect: d}
	if rng.NeedsCurrent() {
		if rng.Current, err = p.CurrentRevisions(ctx, s); err != nil {
			return nil, fmt.Errorf("lint: which revisions are applied cannot be read (%w); lint every revision with --all, or name a RANGE", err)
		}
		if p.MissingDatabaseFile() == "" {
			if db, err := p.OpenDB(ctx); err == nil {
				defer db.Close()
				opts.RowEstimate = lint.CountRows(ctx, db)
			}
		}
	}
	read := func(path string) ([]byte, error) { return os.ReadFile(scriptdir.Abs(p.WorkDir, path)) }
	rep, err := lint.Project(ctx, opts, s.Set, rng, read)
	return rep, input(err)
}
