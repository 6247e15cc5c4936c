package cli

import (
	"context"
	"errors"

	"github.com/spf13/pflag"

	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/model"
)

// modelFlags are the flags of the commands that compare the database with
// the model (check, revision --autogenerate).
type modelFlags struct {
	models    []string
	devURL    string
	dropViews bool
}

func (f *modelFlags) register(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.models, "model", nil, "SQL schema file, directory or glob of the model (repeatable; replaces [model] sql and env.go's Target)")
	fl.StringVar(&f.devURL, "dev-url", "", "an empty database to apply the SQL model to, instead of a temporary one")
	fl.BoolVar(&f.dropViews, "drop-views", false, "drop the views of the database that the model lacks (as [autogenerate] drop_views)")
}

// compareWithModel compares the database with the model; forRevision
// applies env.go's Rewrite hook and, with interactive, asks about renames.
// done reports that the command ran in the project's compiled runner
// instead (env.go declares Target or Rewrite), which has printed
// everything.
func (a *App) compareWithModel(ctx context.Context, f modelFlags, forRevision, interactive bool) (d *autogenerate.Diff, done bool, err error) {
	if done, err := a.handOffToRunner(ctx, true); done || err != nil {
		return nil, done, err
	}
	req, err := a.autogenRequest(f, a.model)
	if err != nil {
		return nil, false, err
	}
	if req.DB, err = a.OpenDB(ctx); err != nil {
		return nil, false, err
	}
	defer req.DB.Close()
	if err := a.proj.CheckUpToDate(ctx, req.DB); err != nil {
		return nil, false, err
	}
	if forRevision {
		req.Rewrite = a.rewrite
	}
	if interactive {
		req.Rename = autogenerate.Prompt(a.stdin, a.Stderr)
	}
	d, err = autogenerate.Compute(ctx, req)
	var input *autogenerate.InputError
	switch {
	case errors.As(err, &input):
		return nil, false, Usage(err)
	case err != nil:
		return nil, false, Failure(err)
	}
	for _, w := range d.Warnings {
		a.Warnf("%s", w.Message)
	}
	return d, false, nil
}

// autogenRequest prepares an autogenerate run (project.AutogenRequest)
// with the model of f and goModel (env.go's Target, or nil), warning when
// the SQL model shadows env.go's.
func (a *App) autogenRequest(f modelFlags, goModel func() *model.MetaData) (autogenerate.Request, error) {
	req, warning, err := a.proj.AutogenRequest(f.models, f.devURL, f.dropViews, goModel)
	if warning != "" {
		a.Warnf("%s", warning)
	}
	return req, err
}
