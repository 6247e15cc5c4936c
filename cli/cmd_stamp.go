package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/versions"
)

func newStampCommand(app *App) *cobra.Command {
	var (
		f     runFlags
		purge bool
	)
	cmd := &cobra.Command{
		Use:   "stamp REVISION...",
		Short: "Set the version table to revisions without running migrations",
		Long: `stamp sets the database's version table to the given revisions without
running any migration, as alembic stamp: a revision already current is
left alone, one above or below the current revisions of its branch
replaces them, one on a branch not in the table is added; base removes
the rows of the branches named (all rows for plain base). --purge empties
the version table first (also when it names revisions the scripts do not
know).

Every step is recorded in the history table. Stamping is also how a
revision left partly applied by a failed run is settled once the database
has been fixed by hand.

With --sql the SQL is printed instead of run; a REVISION may then be a
range FROM:TO giving where the version table stands.`,
		Example: `  migrate stamp head
  migrate stamp --purge 3f2a9c1b7d4e
  migrate stamp base`,
		Args: minArgs(1, "the revision(s) to stamp, e.g. migrate stamp head"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStamp(cmd.Context(), app, cmd, &f, args, purge)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&purge, "purge", false, "empty the version table first")
	fl.BoolVar(&f.sql, "sql", false, "print the SQL instead of running it (no connection)")
	fl.StringVar(&f.tag, "tag", "", "a tag recorded in the history table")
	f.addLockTimeoutFlag(cmd)
	return cmd
}

func runStamp(ctx context.Context, app *App, cmd *cobra.Command, f *runFlags, targets []string, purge bool) error {
	if f.sql {
		o, err := app.offlineRunner(cmd, f)
		if err != nil {
			return err
		}
		return runnerError(o.Stamp(ctx, targets, purge))
	}
	for _, t := range targets {
		if versions.IsRange(t) {
			return Usagef("stamp %s: a range FROM:TO is only allowed with --sql", t)
		}
	}
	r, db, err := app.openRunner(ctx, cmd, f)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := r.Stamp(ctx, targets, purge)
	if err != nil {
		return runnerError(err)
	}
	app.Infof("stamped: the database is at %s", versions.DescribeRows(res.After))
	return app.Result(res, nil)
}
