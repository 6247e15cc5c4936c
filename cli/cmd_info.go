package cli

import (
	"io"

	"github.com/spf13/cobra"
)

func newInfoCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "info",
		Short: "Show the configuration and check the database connection",
		Long: `info prints the configuration file in use, the script directory, the
database URL (password masked) and where it came from (a flag, an
environment variable, or the file and line of migrate.toml), then connects
to the database and prints its dialect, the server's version and the
current revision ("(base)" when none is applied). When the database
cannot be reached it still prints what it tried (status: not connected),
then the error, and exits with status 3.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info, err := app.proj.Info(cmd.Context())
			if info != nil { // also when the database cannot be reached: which URL, from where
				if perr := app.Result(info, func(w io.Writer) error { return info.Write(w, app.Verbose()) }); perr != nil {
					return perr
				}
			}
			return err
		},
	}
}
