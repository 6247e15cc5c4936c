package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/oneline"
	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/scriptdir"
)

func newInfoCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "info",
		Short: "Show the configuration and check the database connection",
		Long: `info prints the configuration file in use, the script directory, the
database URL (password masked) and where it came from (a flag, an
environment variable, or the file and line of migrate.toml), then connects
to the database and prints its dialect, the server's version and the
current revision ("(base)" when none is applied). It exits with status 3
when the database cannot be reached.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInfo(cmd, app)
		},
	}
}

// infoResult is the --json output of info.
type infoResult struct {
	Config           string   `json:"config"`
	ScriptLocation   string   `json:"script_location,omitempty"`
	VersionLocations []string `json:"version_locations,omitempty"`
	// BuiltIn is the number of revisions built into a deploy binary.
	BuiltIn         int    `json:"built_in_revisions,omitempty"`
	DatabaseURL     string `json:"database_url"`
	DatabaseURLFrom string `json:"database_url_source"`
	DatabaseURLOrig string `json:"database_url_origin"`
	Dialect         string `json:"dialect"`
	ServerVersion   string `json:"server_version,omitempty"`
	Connected       bool   `json:"connected"`
	// Status is "connected", or why info did not connect.
	Status string `json:"status"`
	// Current lists the database's current revisions; empty at base.
	Current []string `json:"current"`
	// CurrentError says why the current revisions could not be read (the
	// scripts do not load, the version table cannot be read).
	CurrentError string `json:"current_error,omitempty"`
}

func runInfo(cmd *cobra.Command, app *App) error {
	ctx := cmd.Context()
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	u, err := app.ParseURL()
	if err != nil {
		return err
	}
	res := infoResult{
		Config:          cfg.File,
		DatabaseURL:     u.Redacted,
		DatabaseURLFrom: cfg.Source("database_url"),
		DatabaseURLOrig: cfg.Origin("database_url"),
		Dialect:         u.Dialect,
		Current:         []string{},
	}
	if app.bundle == nil {
		res.ScriptLocation, res.VersionLocations = cfg.ScriptLocation, cfg.VersionLocations
	} else if s, err := app.proj.LoadScripts(false); err == nil {
		// A deploy binary carries its revisions: it has no script
		// directory to show.
		res.BuiltIn = len(s.Dir.Scripts)
	}
	if path := app.proj.MissingDatabaseFile(); path != "" {
		// Connecting would create the file: info only looks.
		res.Status = "no database file yet (" + path + " does not exist; " + project.MissingFileAdvice(path) + ")"
		return app.printInfo(res)
	}
	db, err := app.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if res.ServerVersion, err = db.ServerVersion(ctx); err != nil {
		return Failure(err)
	}
	res.Dialect, res.Connected, res.Status = db.Dialect.Name(), true, "connected"
	if cur, err := app.infoCurrent(ctx, db); err != nil {
		res.CurrentError = oneline.Join(err.Error())
	} else if cur != nil {
		res.Current = cur
	}
	return app.printInfo(res)
}

// printInfo prints info's result.
func (a *App) printInfo(res infoResult) error {
	return a.Result(res, func(w io.Writer) error {
		file := res.Config
		if file == "" {
			file = "(none: defaults, environment and flags)"
		}
		fmt.Fprintf(w, "config:    %s\n", file)
		if res.ScriptLocation != "" {
			fmt.Fprintf(w, "scripts:   %s\n", res.ScriptLocation)
			if a.Verbose() {
				for _, v := range res.VersionLocations {
					fmt.Fprintf(w, "versions:  %s\n", v)
				}
			}
		}
		if res.BuiltIn > 0 {
			fmt.Fprintf(w, "revisions: %d, built into this program\n", res.BuiltIn)
		}
		fmt.Fprintf(w, "database:  %s\n", res.DatabaseURL)
		fmt.Fprintf(w, "  from:    %s\n", res.DatabaseURLOrig)
		fmt.Fprintf(w, "dialect:   %s\n", res.Dialect)
		if res.ServerVersion != "" {
			fmt.Fprintf(w, "server:    %s\n", res.ServerVersion)
		}
		fmt.Fprintf(w, "status:    %s\n", res.Status)
		switch {
		case !res.Connected:
		case res.CurrentError != "":
			fmt.Fprintf(w, "current:   unknown (%s)\n", res.CurrentError)
		case len(res.Current) == 0:
			fmt.Fprintf(w, "current:   (base)\n")
		default:
			fmt.Fprintf(w, "current:   %s\n", strings.Join(res.Current, ", "))
		}
		return nil
	})
}

// infoCurrent reads the database's current revisions for info, on the
// connection info already holds. Revisions the scripts do not know are
// listed all the same: info describes, it does not judge.
func (a *App) infoCurrent(ctx context.Context, db *dialect.DB) ([]string, error) {
	var scripts []*scriptdir.Script
	if s, err := a.proj.LoadScripts(true); err == nil {
		scripts = s.Dir.Scripts
	}
	r, err := a.proj.ReadRunner(db, scripts)
	if err != nil {
		return nil, err
	}
	return project.CurrentRows(ctx, r)
}
