package project

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/inspect"
)

// Inspect reads the live schema of the configured database
// (inspect.Database) with opts, leaving out the version and history
// tables, and renders it in format for package pkg (autogen.RenderSchema:
// sql, go or json).
func (p *Project) Inspect(ctx context.Context, opts inspect.Options, format, pkg string) ([]byte, error) {
	cfg, err := p.Config()
	if err != nil {
		return nil, err
	}
	db, err := p.OpenDB(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	opts.Exclude = append(append([]string(nil), opts.Exclude...), cfg.VersionTable, cfg.HistoryTable)
	md, err := inspect.Database(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	out, err := autogen.RenderSchema(db.Dialect, md, format, pkg)
	if err != nil {
		return nil, fmt.Errorf("inspect: %w", err)
	}
	return out, nil
}
