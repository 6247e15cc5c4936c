package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/internal/buildinfo"
)

func newVersionCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of migrate",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info := buildinfo.Read(app.Version)
			return app.Result(info, func(w io.Writer) error { return info.Write(w, app.Verbose()) })
		},
	}
}
