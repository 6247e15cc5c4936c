package cli

import (
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"

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
	var devURL string
	cmd := &cobra.Command{
		Use:   "test",
		Short: "Stairway test: upgrade, downgrade and upgrade again every revision on a scratch database",
		Long: `test runs the stairway test on a scratch database of the project's kind
(SQLite: in memory; PostgreSQL, MySQL, MariaDB: a temporary database on
the configured server, dropped afterwards, or the empty database named by
--dev-url). Every revision, parents and dependencies first, is upgraded
alone, downgraded, and upgraded again. After the downgrade the schema must
be exactly the schema before the upgrade; after the second upgrade,
exactly the schema after the first. At head, the schema must equal the
project's target model when it has one (Target in env.go).

The first revision that fails is named with its file, and the difference
of the schemas is printed as a unified diff of their DDL. Exit status 1
when a revision fails, 3 when the scratch database cannot be used.
The configured database itself is never touched.`,
		Example: `  migrate test
  migrate test --dev-url postgres://localhost/scratch`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if done, err := app.handOffToRunner(ctx, true); done || err != nil {
				return err
			}
			s, err := app.loadRunnable()
			if err != nil {
				return err
			}
			db, closeDB, err := app.openScratch(ctx, devURL)
			if err != nil {
				return err
			}
			defer closeDB()
			opts := []migratetest.Option{
				migratetest.WithRunnerOptions(runner.WithToolVersion(app.Version), runner.WithProgress(func(p runner.Progress) {
					if app.Verbose() {
						app.printProgress(p)
					}
				})),
				migratetest.WithPassed(func(r *versions.Revision) { app.Debugf("ok %s %s", r.ID, r.Message) }),
			}
			res, err := migratetest.Run(ctx, db, s.set, opts...)
			var f *migratetest.Failure
			if errors.As(err, &f) {
				if f.Diff != "" {
					app.Printf("%s\n", strings.TrimRight(f.Diff, "\n"))
				}
				return CheckFailed("%s", app.Mask(f.Headline()))
			} else if err != nil {
				return Failure(err)
			}
			app.Infof("stairway: %d revision(s) upgraded, downgraded and upgraded again on %s", len(res.Revisions), db.Dialect.Name())
			return app.Result(testResult{Revisions: versions.IDs(res.Revisions), ModelChecked: res.ModelChecked}, func(io.Writer) error { return nil })
		},
	}
	cmd.Flags().StringVar(&devURL, "dev-url", "", "an empty database to run the test on instead of a temporary one")
	return cmd
}
