package cli

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/migratetest"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

func newTestCommand(app *App) *cobra.Command {
	var f modelFlags
	cmd := &cobra.Command{
		Use:   "test",
		Short: "Stairway test: upgrade, downgrade and upgrade again every revision on a scratch database",
		Long: `test runs the stairway test on a scratch database of the project's kind
(SQLite in memory; a temporary database on the configured server; or the
empty --dev-url database): every revision, parents first, is upgraded,
downgraded and upgraded again, and each schema must equal exactly the one
before. At head the schema must equal the model, when there is one, as
migrate check compares them. The first failure is named with its file and
a unified diff of the schemas as DDL; exit 1. See docs/testing.md.`,
		Example: `  migrate test
  migrate test --dev-url postgres://localhost/scratch
  migrate test --model schema.sql`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStairway(cmd.Context(), app, f)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// runStairway is `migrate test`.
func runStairway(ctx context.Context, app *App, f modelFlags) error {
	if done, err := app.handOffToRunner(ctx, true); done || err != nil {
		return err
	}
	s, err := app.proj.LoadRunnable()
	if err != nil {
		return err
	}
	req, err := app.autogenRequest(f, app.model)
	if err != nil {
		return err
	}
	res, on, err := autogenerate.Stairway(ctx, req, s.Set,
		migratetest.WithRunnerOptions(runner.WithToolVersion(app.Version), runner.WithProgress(func(p runner.Progress) {
			if app.Verbose() {
				app.printProgress(p)
			}
		})),
		migratetest.WithPassed(func(r *versions.Revision) { app.Debugf("ok %s %s", r.ID, r.Message) }))
	var fail *migratetest.Failure
	switch {
	case errors.As(err, new(*autogenerate.InputError)):
		return Usage(err)
	case err != nil && !errors.As(err, &fail):
		return Failure(err)
	}
	out := migratetest.NewReport(res, fail)
	if fail == nil {
		if !res.ModelChecked {
			app.Infof("no model: the schema at head was not compared with one")
		}
		app.Infof("stairway: %d revision(s) upgraded, downgraded and upgraded again on %s", len(res.Revisions), on)
		return app.Result(out, nil)
	}
	if err := app.Result(out, out.Write); err != nil {
		return err
	}
	return CheckFailed("%s", fail.Headline())
}
