package cli

import (
	"io"

	"github.com/migratego/migrate/lint"
	"github.com/spf13/cobra"
)

func newLintCommand(app *App) *cobra.Command {
	var all, listRules bool
	cmd := &cobra.Command{
		Use:   "lint [RANGE]",
		Short: "Report revisions that would hurt a live database (locks, data loss, renames)",
		Long: `lint reports the changes of revisions that hurt a live database:
drops, renames, changes that depend on the data, long locks on busy
tables; each finding with the lock it takes and the safe alternative.
It lints the revisions not applied yet on the configured database, every
revision with --all, or those of RANGE (head, an id, ae10:head, …); only
the default range connects. A finding is accepted, with a reason, by
"-- migrate:lint-ignore RULE reason" ("// migrate:lint-ignore RULE
reason" in Go). Exit status 1 when an error finding remains. See
docs/lint.md.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if listRules {
				return app.Result(lint.Rules(), lint.WriteRules)
			}
			rng := lint.Range{All: all}
			if len(args) == 1 {
				rng.Spec = args[0]
			}
			if all && rng.Spec != "" {
				return Usagef("give RANGE or --all, not both")
			}
			ctx := cmd.Context()
			if done, err := app.handOffToRunner(ctx, false); done || err != nil {
				return err
			}
			s, err := app.proj.LoadRunnable()
			if err != nil {
				return err
			}
			rep, err := app.proj.Lint(ctx, s, rng)
			if err != nil {
				return err
			}
			err = app.Result(rep, func(w io.Writer) error { return rep.WriteText(w, app.Quiet()) })
			if err == nil && rep.Failed() {
				return CheckFailed("lint: %d error finding(s)", rep.Count(lint.Error))
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "lint every revision, applied or not, each as deployed on its own")
	cmd.Flags().BoolVar(&listRules, "rules", false, "list the rules and exit")
	return cmd
}
