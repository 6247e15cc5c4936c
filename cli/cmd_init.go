package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/scriptdir"
)

func newInitCommand(app *App) *cobra.Command {
	var tmpl string
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create migrate.toml and a script directory (default: migrations)",
		Long: `init starts a project, like alembic init: it writes migrate.toml in the
current directory (or the file named by -c) and creates the script
directory DIR (default: --dir, else "migrations") with versions/ inside.

--template go also writes DIR/env.go, a Go file declaring the target
model for autogenerate, for Go revisions (a Go module); --template sql is
for projects that write revisions as SQL files only. The default is go
inside a Go module (a go.mod here or above), else sql.

The new project uses a SQLite file (sqlite:app.db), so it works at once;
edit database_url in migrate.toml for another database.`,
		Example: `  migrate init
  migrate init db --template sql`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := config.DefaultScriptLocation
			switch {
			case len(args) == 1:
				dir = args[0]
			case app.flags.dir != "":
				dir = app.flags.dir
			}
			return runInit(app, dir, tmpl)
		},
	}
	cmd.Flags().StringVar(&tmpl, "template", "", "project template: go (with env.go) or sql (default: go inside a Go module, else sql)")
	return cmd
}

// initResult is the --json output of init.
type initResult struct {
	Config   string   `json:"config"`
	Template string   `json:"template"`
	Created  []string `json:"created"`
}

func runInit(app *App, dir, tmpl string) error {
	wd := app.WorkDir()
	tomlPath := filepath.Join(wd, config.FileName)
	if f := app.ConfigFlag(); f != "" {
		tomlPath = abs(wd, f)
	}
	if tmpl == "" {
		tmpl = scriptdir.DefaultTemplate(abs(wd, dir))
	}
	made, err := scriptdir.Init(scriptdir.InitOptions{ConfigPath: tomlPath, ScriptDir: abs(wd, dir), Template: tmpl})
	var inputErr *scriptdir.InputError
	switch {
	case errors.As(err, &inputErr):
		return Usage(err)
	case err != nil:
		return Failure(err)
	}
	res := initResult{Config: tomlPath, Template: tmpl}
	for _, p := range made {
		res.Created = append(res.Created, display(wd, p))
	}
	return app.Result(res, func(w io.Writer) error {
		for _, p := range res.Created {
			fmt.Fprintf(w, "Created %s\n", p)
		}
		if !app.Quiet() {
			fmt.Fprintf(w, "\nNext: set database_url in %s (now a SQLite file, app.db), then run `%s info`.\n",
				display(wd, tomlPath), scriptdir.CommandName(tmpl))
		}
		return nil
	})
}

// abs returns p made absolute against base.
func abs(base, p string) string { return scriptdir.Abs(base, p) }

// display shows p relative to the working directory when it is inside it.
func display(wd, p string) string { return scriptdir.Display(wd, p) }
