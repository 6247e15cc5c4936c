package cli

import (
	"github.com/migratego/migrate/scriptdir"
	"github.com/spf13/cobra"
)

func newRevisionCommand(app *App) *cobra.Command {
	var (
		sp           scriptdir.NewRevision
		head         string
		autogenerate bool
	)
	cmd := &cobra.Command{
		Use:   "revision -m MESSAGE",
		Short: "Create a new revision file",
		Long: `revision writes a new revision file on top of the current head, as
alembic revision does, and prints its path.

With several heads, --head names the revision to build on (an id, a
label, <branch>@head); it must be a head unless --splice is given, which
starts a new branch from an older revision. --head base starts a new
base, usually with --branch-label to name the new line of development.
--depends-on orders the revision after others without merging.

The file is Go (the upgrade and downgrade are Go functions) in projects
made with the go template, and SQL in projects made with --template sql;
--sql-file always writes SQL. With several version locations,
--version-path chooses one.`,
		Example: `  migrate revision -m "create users"
  migrate revision -m "add audit" --head base --branch-label audit
  migrate revision -m "fix" --head 3f2a --splice
  migrate revision -m "billing tables" --head billing@head --depends-on 3f2a9c`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if autogenerate {
				return Usagef("revision: autogenerate is not available yet; write the upgrade and downgrade by hand (omit --autogenerate)")
			}
			sp.Op = "revision"
			sp.Heads = []string{head}
			return generateRevision(app, sp, cmd.Flags().Changed("sql-file"))
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&sp.Message, "message", "m", "", "message of the revision (also names the file)")
	fl.BoolVar(&autogenerate, "autogenerate", false, "compare the database with the model (not available yet)")
	fl.BoolVar(&sp.SQL, "sql-file", false, "write a SQL revision file instead of Go")
	fl.StringVar(&head, "head", "head", "the revision to build on: a head, or with --splice any revision; base for a new base")
	fl.BoolVar(&sp.Splice, "splice", false, "allow --head to name a revision that is not a head (starts a branch)")
	fl.StringArrayVar(&sp.BranchLabels, "branch-label", nil, "branch label(s) to give the new revision (repeatable, or comma-separated)")
	fl.StringVar(&sp.VersionPath, "version-path", "", "version location to write the file in (one of version_locations)")
	fl.StringVar(&sp.ID, "rev-id", "", "the new revision's id instead of a random one")
	fl.StringArrayVar(&sp.DependsOn, "depends-on", nil, "revision(s) or label(s) the new revision depends on (repeatable, or comma-separated)")
	return cmd
}
