package cli

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/migratetest"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// testResult is the --json output of `migrate test`.
type testResult struct {
	Revisions    []string `json:"revisions"`
	ModelChecked bool     `json:"model_checked"`
}

func newTestCommand(app *App) *cobra.Command {
	var f modelFlags
	cmd := &cobra.Command{
		Use:   "test",
		Short: "Stairway test: upgrade, downgrade and upgrade again every revision on a scratch database",
		Long: `test runs the stairway test on a scratch database of the project's kind
(SQLite: in memory; PostgreSQL, MySQL, MariaDB: a temporary database on
the configured server, dropped afterwards, or the empty database named by
--dev-url or [model] dev_url). Every revision, parents and dependencies
first, is upgraded alone, downgraded, and upgraded again. After the
downgrade the schema must be exactly the schema before the upgrade; after
the second upgrade, exactly the schema after the first. At head, the
schema must equal the model when the project has one (env.go's Target(),
[model] sql or --model), as migrate check compares them.

The first revision that fails is named with its file, and the difference
of the schemas is printed as a unified diff of their DDL. Exit status 1
when a revision fails or the schema at head differs from the model, 3
when the scratch database cannot be used. The configured database itself
is never changed.`,
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
	url, err := app.DatabaseURL()
	if err != nil {
		return err
	}
	req, err := autogenerate.NewRequest(cfg, f.models, f.devURL, app.WorkDir(), app.model)
	if err != nil {
		return Usage(err)
	}
	if msg := req.Model.Shadowed(); msg != "" {
		app.Warnf("%s", msg)
	}
	opts := []migratetest.Option{
		migratetest.WithSchemas(req.Schemas...),
		migratetest.WithRunnerOptions(runner.WithToolVersion(app.Version), runner.WithProgress(func(p runner.Progress) {
			if app.Verbose() {
				app.printProgress(p)
			}
		})),
		migratetest.WithPassed(func(r *versions.Revision) { app.Debugf("ok %s %s", r.ID, r.Message) }),
	}
	target, err := req.Model.Load(ctx, url, inspect.Options{Schemas: req.Schemas, Include: req.Include,
		Exclude: append(slices.Clone(req.Exclude), req.VersionTable, req.HistoryTable)})
	switch {
	case errors.Is(err, autogenerate.ErrNoModel):
		app.Infof("no model: the schema at head is not compared with one")
	case err != nil:
		return Usage(err)
	default:
		opts = append(opts, migratetest.WithModel(target, autogen.Options{Include: req.Include, Exclude: req.Exclude}))
	}
	db, err := scratchdb.Open(ctx, url, req.Model.DevURL)
	if err != nil {
		return Failure(err)
	}
	defer db.Close()
	res, err := migratetest.Run(ctx, db.DB, s.set, opts...)
	var fail *migratetest.Failure
	if errors.As(err, &fail) {
		if fail.Diff != "" {
			app.Printf("%s\n", strings.TrimRight(fail.Diff, "\n"))
		}
		return CheckFailed("%s", fail.Headline())
	} else if err != nil {
		return Failure(err)
	}
	app.Infof("stairway: %d revision(s) upgraded, downgraded and upgraded again on %s", len(res.Revisions), db.Dialect.Name())
	return app.Result(testResult{Revisions: versions.IDs(res.Revisions), ModelChecked: res.ModelChecked}, func(io.Writer) error { return nil })
}
