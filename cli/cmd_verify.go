package cli

import (
	"errors"
	"io"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/runner"
	"github.com/spf13/cobra"
)

func newVerifyCommand(app *App) *cobra.Command {
	var accept string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that applied revisions still match their files",
		Long: `verify compares every applied revision with its file: the checksum
recorded in the history table by the revision's last successful upgrade
against the file's checksum now. A revision whose file changed, or whose
file vanished, is listed and the exit status is 1; otherwise it is 0. A
revision that an earlier run left partly applied is listed too, with
what is known of each of its statements (ran, failed, not run, unknown).

--accept REV records that the file of the applied revision REV was edited
on purpose: from then on it is compared with the file as it is now.

Revisions applied without a history entry (stamped, or applied before the
history table existed) cannot be checked and are not reported; when the
history table does not exist at all, verify says so and exits 1.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return app.proj.Read(ctx, func(_ *project.Scripts, r *runner.Runner) error {
				if accept != "" {
					if err := r.Accept(ctx, accept); err != nil {
						return runnerError(err)
					}
					app.Infof("recorded the edit of revision %s: verify compares it with its file as it is now", accept)
				}
				rep, err := r.VerifyReport(ctx)
				switch {
				case errors.Is(err, runner.ErrNoHistory):
					return CheckFailed("%v", err)
				case err != nil:
					return Failure(err)
				}
				if err := app.Result(rep, func(w io.Writer) error { return rep.Write(w, app.Verbose(), app.Quiet()) }); err != nil {
					return err
				}
				if len(rep.Problems) > 0 {
					return CheckFailed("%d applied revision(s) changed, vanished or partly applied", len(rep.Problems))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&accept, "accept", "", "record that the file of the applied revision `REV` was edited on purpose")
	return cmd
}
