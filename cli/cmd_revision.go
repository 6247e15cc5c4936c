package cli

import (
	"context"

	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/scriptdir"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newRevisionCommand(app *App) *cobra.Command {
	var (
		sp           scriptdir.NewRevision
		head         string
		autogenerate bool
		ag           autogenFlags
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
--version-path chooses one.

--autogenerate compares the database with the model (as check does) and
writes the operations that make the database equal to the model as the
upgrade, and their inverses as the downgrade: Go operation calls, or SQL
for the database's dialect. When they are equal it writes nothing and says
"No changes detected", unless --allow-empty. --interactive asks about
each dropped and added table or column of compatible type whether it was
renamed. Warnings (data that would be lost, views left in place) go to
stderr.`,
		Example: `  migrate revision -m "create users"
  migrate revision -m "add audit" --head base --branch-label audit
  migrate revision -m "add users" --autogenerate
  migrate revision -m "baseline" --autogenerate --model schema.sql --sql-file
  migrate revision -m "fix" --head 3f2a --splice
  migrate revision -m "billing tables" --head billing@head --depends-on 3f2a9c`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sp.Op = "revision"
			sp.Heads = []string{head}
			sqlSet := cmd.Flags().Changed("sql-file")
			if autogenerate {
				return autogenerateRevision(cmd.Context(), app, sp, ag, sqlSet)
			}
			if ag.used(cmd.Flags()) {
				return Usagef("revision: --model, --dev-url, --drop-views, --interactive and --allow-empty go with --autogenerate")
			}
			return generateRevision(app, sp, sqlSet)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&sp.Message, "message", "m", "", "message of the revision (also names the file)")
	fl.BoolVar(&autogenerate, "autogenerate", false, "write the operations that make the database equal to the model")
	ag.register(fl)
	fl.BoolVar(&sp.SQL, "sql-file", false, "write a SQL revision file instead of Go")
	fl.StringVar(&head, "head", "head", "the revision to build on: a head, or with --splice any revision; base for a new base")
	fl.BoolVar(&sp.Splice, "splice", false, "allow --head to name a revision that is not a head (starts a branch)")
	fl.StringArrayVar(&sp.BranchLabels, "branch-label", nil, "branch label(s) to give the new revision (repeatable, or comma-separated)")
	fl.StringVar(&sp.VersionPath, "version-path", "", "version location to write the file in (one of version_locations)")
	fl.StringVar(&sp.ID, "rev-id", "", "the new revision's id instead of a random one")
	fl.StringArrayVar(&sp.DependsOn, "depends-on", nil, "revision(s) or label(s) the new revision depends on (repeatable, or comma-separated)")
	return cmd
}

// autogenFlags are the flags of revision --autogenerate.
type autogenFlags struct {
	modelFlags
	interactive, allowEmpty bool
}

func (f *autogenFlags) register(fl *pflag.FlagSet) {
	f.modelFlags.register(fl)
	fl.BoolVar(&f.interactive, "interactive", false, "ask whether a dropped and an added table or column were renamed")
	fl.BoolVar(&f.allowEmpty, "allow-empty", false, "write the revision even when the database matches the model")
}

// used reports whether one of the flags was given.
func (f *autogenFlags) used(fl *pflag.FlagSet) bool {
	return fl.Changed("model") || fl.Changed("dev-url") || fl.Changed("drop-views") || fl.Changed("interactive") || fl.Changed("allow-empty")
}

// autogenerateRevision writes the revision that makes the database equal
// to the model, or says there is nothing to write.
func autogenerateRevision(ctx context.Context, app *App, sp scriptdir.NewRevision, f autogenFlags, sqlSet bool) error {
	d, done, err := app.compareWithModel(ctx, f.modelFlags, true, f.interactive)
	if done || err != nil {
		return err
	}
	if d.Empty() && !f.allowEmpty {
		none := autogenerate.NoChanges{}
		return app.Result(none, none.Write)
	}
	sp.Fill = func(n *scriptdir.NewRevision) error { return d.Fill(ctx, n) }
	return generateRevision(app, sp, sqlSet)
}
