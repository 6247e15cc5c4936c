package cli

import (
	"github.com/migratego/migrate/scriptdir"
	"github.com/spf13/cobra"
)

func newMergeCommand(app *App) *cobra.Command {
	var sp scriptdir.NewRevision
	cmd := &cobra.Command{
		Use:   "merge REVS... -m MESSAGE",
		Short: "Create a merge revision that joins two or more heads",
		Long: `merge writes a revision that revises every revision REVS names, joining
their branches into one, as alembic merge does. REVS are revision
identifiers; "heads" names every head. Each must be a head.`,
		Example: `  migrate merge heads -m "merge billing and auth"
  migrate merge 3f2a 9c1b -m merge --branch-label main`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return Usagef("merge: name the revisions to merge, e.g. migrate merge heads -m \"merge\"")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			sp.Op = "merge"
			sp.Heads = args
			sp.Merge = true
			return generateRevision(app, sp, cmd.Flags().Changed("sql-file"))
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&sp.Message, "message", "m", "", "message of the merge revision")
	fl.StringArrayVar(&sp.BranchLabels, "branch-label", nil, "branch label(s) to give the merge revision (repeatable, or comma-separated)")
	fl.StringVar(&sp.ID, "rev-id", "", "the new revision's id instead of a random one")
	fl.BoolVar(&sp.SQL, "sql-file", false, "write a SQL revision file instead of Go")
	return cmd
}
