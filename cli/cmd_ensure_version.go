package cli

import (
	"github.com/spf13/cobra"
)

func newEnsureVersionCommand(app *App) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "ensure-version",
		Short: "Create the version and history tables if they do not exist",
		Long: `ensure-version creates the version table (version_table in migrate.toml,
default migrate_version) and the history table (history_table, default
migrate_history) when they do not exist yet. upgrade, downgrade and stamp
create them on first need; current never does.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, db, err := app.openRunner(cmd.Context(), cmd, &f)
			if err != nil {
				return err
			}
			defer db.Close()
			if err := r.EnsureVersionTables(cmd.Context()); err != nil {
				return runnerError(err)
			}
			app.Infof("version tables are in place")
			return nil
		},
	}
	f.addLockTimeoutFlag(cmd)
	return cmd
}
