package cli

import (
	"errors"
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

func runInit(app *App, dir, tmpl string) error {
	wd := app.WorkDir()
	o := scriptdir.InitOptions{ConfigPath: filepath.Join(wd, config.FileName), ScriptDir: scriptdir.Abs(wd, dir), Template: tmpl, WorkDir: wd}
	if f := app.ConfigFlag(); f != "" {
		o.ConfigPath = scriptdir.Abs(wd, f)
	}
	res, err := scriptdir.Init(o)
	var inputErr *scriptdir.InputError
	switch {
	case errors.As(err, &inputErr):
		return Usage(err)
	case err != nil:
		return Failure(err)
	}
	return app.Result(res, func(w io.Writer) error { return res.Write(w, !app.Quiet()) })
}
