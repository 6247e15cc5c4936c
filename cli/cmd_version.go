package cli

import (
	"fmt"
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
			return app.Result(info, func(w io.Writer) error {
				fmt.Fprintf(w, "migrate %s\n", info.Version)
				if app.Verbose() {
					fmt.Fprintf(w, "go:     %s\n", info.GoVersion)
					if info.Commit != "" {
						dirty := ""
						if info.Modified {
							dirty = " (modified)"
						}
						fmt.Fprintf(w, "commit: %s%s\n", info.Commit, dirty)
					}
				}
				return nil
			})
		},
	}
}
