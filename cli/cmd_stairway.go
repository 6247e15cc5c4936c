package cli

import (
	"context"
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/migratetest"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// testResult is the --json output of `migrate test`: the revisions that
// passed, and the failure.
type testResult struct {
	Revisions    []string    `json:"revisions"`
	ModelChecked bool        `json:"model_checked"`
	Failed       *testFailed `json:"failed,omitempty"`
}

// testFailed is the failure of `migrate test` in its --json output.
type testFailed struct {
	Revision string `json:"revision,omitempty"`
	Path     string `json:"path,omitempty"`
	Phase    string `json:"phase"`
	Message  string `json:"message"`
	Diff     string `json:"diff,omitempty"`
}

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
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	s, err := app.loadRunnable()
	if err != nil {
		return err
	}
	req, err := autogenerate.NewRequest(cfg, f.models, f.devURL, app.WorkDir(), app.model)
	if err != nil {
		return Usage(err)
	}
	req.DropViews = req.DropViews || f.dropViews
	if msg := req.Model.Shadowed(); msg != "" {
		app.Warnf("%s", msg)
	}
	if req.URL, err = app.DatabaseURL(); err != nil {
		return err
	}
	res, on, err := autogenerate.Stairway(ctx, req, s.set,
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
	out := testResult{Revisions: versions.IDs(res.Revisions), ModelChecked: res.ModelChecked}
	if fail == nil {
		if !res.ModelChecked {
			app.Infof("no model: the schema at head was not compared with one")
		}
		app.Infof("stairway: %d revision(s) upgraded, downgraded and upgraded again on %s", len(res.Revisions), on)
		return app.Result(out, func(io.Writer) error { return nil })
	}
	out.Failed = &testFailed{Phase: string(fail.Phase), Message: fail.Headline(), Diff: fail.Diff}
	if fail.Revision != nil {
		out.Failed.Revision, out.Failed.Path = fail.Revision.ID, fail.Revision.Path
	}
	if err := app.Result(out, func(w io.Writer) error {
		_, err := io.WriteString(w, fail.Diff)
		return err
	}); err != nil {
		return err
	}
	return CheckFailed("%s", fail.Headline())
}
