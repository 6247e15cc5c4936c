package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

func newInfoCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "info",
		Short: "Show the configuration and check the database connection",
		Long: `info prints the configuration file in use, the script directory, the
database URL (password masked) and its dialect, then connects to the
database. It exits with status 3 when the database cannot be reached.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInfo(cmd, app)
		},
	}
}

// infoResult is the --json output of info.
type infoResult struct {
	Config           string   `json:"config"`
	ScriptLocation   string   `json:"script_location"`
	VersionLocations []string `json:"version_locations"`
	DatabaseURL      string   `json:"database_url"`
	DatabaseURLFrom  string   `json:"database_url_source"`
	Dialect          string   `json:"dialect"`
	Connected        bool     `json:"connected"`
}

func runInfo(cmd *cobra.Command, app *App) error {
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	u, err := app.ParseURL()
	if err != nil {
		return err
	}
	db, err := app.OpenDB(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()

	res := infoResult{
		Config:           cfg.File,
		ScriptLocation:   cfg.ScriptLocation,
		VersionLocations: cfg.VersionLocations,
		DatabaseURL:      u.Redacted,
		DatabaseURLFrom:  cfg.Source("database_url"),
		Dialect:          db.Dialect.Name(),
		Connected:        true,
	}
	return app.Result(res, func(w io.Writer) error {
		file := res.Config
		if file == "" {
			file = "(none: defaults, environment and flags)"
		}
		fmt.Fprintf(w, "config:    %s\n", file)
		fmt.Fprintf(w, "scripts:   %s\n", res.ScriptLocation)
		if app.Verbose() {
			for _, v := range res.VersionLocations {
				fmt.Fprintf(w, "versions:  %s\n", v)
			}
		}
		fmt.Fprintf(w, "database:  %s\n", res.DatabaseURL)
		if app.Verbose() {
			fmt.Fprintf(w, "  from:    %s\n", res.DatabaseURLFrom)
		}
		fmt.Fprintf(w, "dialect:   %s\n", res.Dialect)
		fmt.Fprintf(w, "status:    connected\n")
		return nil
	})
}
