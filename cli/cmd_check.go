package cli

import (
	"github.com/spf13/cobra"
)

func newCheckCommand(app *App) *cobra.Command {
	var f modelFlags
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Compare the database with the model; exit 1 when they differ",
		Long: `check compares the live database with the target model, as revision
--autogenerate does, and writes nothing. When they are equal it says so and
exits 0; otherwise it lists the operations autogenerate would write, one a
line, and a unified diff of the schema as DDL (database versus model), and
exits 1. --json prints {"equal", "operations", "diff", "warnings"}.
The database must be at the heads of the revisions (upgrade it first):
below them, what the revisions it has not applied do would count as
differences, so check and revision --autogenerate refuse (exit 2).

The model is env.go's Target() in a Go project, or the SQL schema files of
[model] sql in migrate.toml or --model, applied to a scratch database (a
temporary database on the server, or the empty --dev-url database).
[autogenerate] include, exclude and schemas choose what is compared; the
version and history tables never are.`,
		Example: `  migrate check
  migrate check --model schema.sql
  migrate check --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, done, err := app.compareWithModel(cmd.Context(), f, false, false)
			if done || err != nil {
				return err
			}
			rep, err := d.Check(cmd.Context())
			if err != nil {
				return err // an *autogenerate.InputError exits 2, anything else 3
			}
			if err := app.Result(rep, rep.Write); err != nil {
				return err
			}
			if !rep.Equal {
				return CheckFailed("")
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	return cmd
}
