package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

func newUpgradeCommand(app *App) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "upgrade TARGET",
		Short: "Apply revisions up to TARGET",
		Long: `upgrade applies TARGET and every revision it needs (ancestors and
dependencies) that the database does not have yet, parents first, and
records each in the version and history tables. TARGET is a revision
identifier: head, heads, an id or unique prefix, a branch label,
branch@head, +N, <rev>+N, …

Each revision runs in its own transaction on PostgreSQL and SQLite
(--transaction all wraps the whole run in one). MySQL and MariaDB commit
DDL statement by statement: progress is recorded per statement, and after
a failure the next upgrade resumes at the failed statement if the
statements that ran are unchanged. A statement that was running outside a
transaction when a run was interrupted has an unknown outcome: the next
run refuses to guess and names it; --resume-at N says where to go on.

Concurrent runs are serialised by a lock (--lock-timeout). With --sql the
SQL script is printed instead of run, without connecting; TARGET may then
be a range FROM:TO.`,
		Example: `  migrate upgrade head
  migrate upgrade +1
  migrate upgrade mybranch@head
  migrate upgrade base:head --sql > upgrade.sql`,
		Args: exactArgs(1, "TARGET"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runUpgrade(cmd.Context(), app, cmd, &f, args[0], true)
		},
	}
	f.addUpgradeFlags(cmd, "print the SQL script instead of running it (no connection)")
	allowNegativeTarget(app, cmd)
	return cmd
}

func newDowngradeCommand(app *App) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "downgrade TARGET",
		Short: "Revert revisions down to TARGET",
		Long: `downgrade reverts every applied revision above TARGET on the affected
lineage, children (and dependents) first, and records each in the version
and history tables. TARGET is a revision identifier: base, an id, -N,
branch@-N, …

With --sql the SQL script is printed instead of run, without connecting;
TARGET must then be a range FROM:TO, since the database is not read.`,
		Example: `  migrate downgrade -1
  migrate downgrade base
  migrate downgrade head:base --sql`,
		Args: exactArgs(1, "TARGET"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runUpgrade(cmd.Context(), app, cmd, &f, args[0], false)
		},
	}
	f.addUpgradeFlags(cmd, "print the SQL script instead of running it (no connection); needs FROM:TO")
	allowNegativeTarget(app, cmd)
	return cmd
}

// runUpgrade is upgrade (up) and downgrade.
func runUpgrade(ctx context.Context, app *App, cmd *cobra.Command, f *runFlags, target string, up bool) error {
	verb, online, offline := "upgrade", (*runner.Runner).Upgrade, (*runner.OfflineRunner).Upgrade
	if !up {
		verb, online, offline = "downgrade", (*runner.Runner).Downgrade, (*runner.OfflineRunner).Downgrade
	}
	// Go revisions run in the project's compiled runner (handoff.go).
	if done, err := app.handOffToRunner(ctx, false); done || err != nil {
		return err
	}
	if f.sql {
		if !up && !versions.IsRange(target) {
			return Usagef("downgrade --sql needs a range FROM:TO, since the database is not read (e.g. `migrate downgrade head:base --sql`)")
		}
		o, err := app.offlineRunner(cmd, f)
		if err != nil {
			return err
		}
		return runnerError(offline(o, ctx, target))
	}
	if versions.IsRange(target) {
		return Usagef("%s %s: a range FROM:TO is only allowed with --sql", verb, target)
	}
	r, db, err := app.openRunner(ctx, cmd, f)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := online(r, ctx, target)
	if err != nil {
		return runnerError(err)
	}
	app.Infof("%s", res.Summary(verb))
	return app.Result(res, nil)
}
