package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/lint"
	"github.com/migratego/migrate/runner"
	"github.com/spf13/cobra"
)

func newLintCommand(app *App) *cobra.Command {
	var all, listRules bool
	cmd := &cobra.Command{
		Use:   "lint [RANGE]",
		Short: "Report revisions that would hurt a live database (locks, data loss, renames)",
		Long: `lint reads revisions before they are deployed and reports destructive
changes, renames, changes that depend on the data, and long locks on busy
tables, each with the lock it takes and the safe alternative (docs/lint.md).

By default it lints the revisions not applied yet on the configured
database; --all lints every revision, and RANGE (an identifier such as
head, an id, or a range like ae10:head) the revisions it names. Without
--all or RANGE the database must answer.

A finding is accepted with a reason by "-- migrate:lint-ignore RULE reason"
(SQL: in the header, or before a statement) or "// migrate:lint-ignore RULE
reason" (Go: in the file header, or on or above the operation's line).

Exit status: 1 when an error finding remains, 0 otherwise.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if listRules {
				return lint.WriteRules(app.Stdout)
			}
			ctx := cmd.Context()
			if done, err := app.handOffToRunner(ctx, false); done || err != nil {
				return err
			}
			rng := lint.Range{All: all}
			if len(args) == 1 {
				rng.Spec = args[0]
			}
			if all && rng.Spec != "" {
				return Usagef("give RANGE or --all, not both")
			}
			s, err := app.loadRunnable()
			if err != nil {
				return err
			}
			u, err := app.OfflineURL()
			if err != nil {
				return err
			}
			d, err := dialect.ForName(u.Dialect)
			if err != nil {
				return Usage(err)
			}
			if !all && (rng.Spec == "" || mentionsCurrent(rng.Spec)) {
				cfg, err := app.Config()
				if err != nil {
					return err
				}
				err = app.withReadRunner(ctx, cfg, s, func(r *runner.Runner) (err error) {
					rng.Current, err = r.Current(ctx)
					return err
				})
				if err != nil {
					return Failure(fmt.Errorf("lint: which revisions are applied cannot be read (%w); lint every revision with --all, or name a RANGE", err))
				}
			}
			rep, err := lint.Project(ctx, lint.Options{Dialect: d}, s.set, rng, app.readProjectFile)
			if err != nil {
				return Usage(err)
			}
			err = app.Result(rep, func(w io.Writer) error { return rep.WriteText(w, app.Quiet()) })
			if err == nil && rep.Failed() {
				return CheckFailed("lint: %d error finding(s)", rep.Count(lint.Error))
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "lint every revision, applied or not")
	cmd.Flags().BoolVar(&listRules, "rules", false, "list the rules and exit")
	return cmd
}

// mentionsCurrent reports whether a range names the database's current
// revisions.
func mentionsCurrent(spec string) bool {
	return slices.Contains(strings.Split(spec, ":"), "current")
}

// readProjectFile reads a file named relative to the working directory.
func (a *App) readProjectFile(path string) ([]byte, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(a.WorkDir(), path)
	}
	return os.ReadFile(path)
}
