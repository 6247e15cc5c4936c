package cli

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/inspect"
)

// inspectFlags are the flags of `migrate inspect`.
type inspectFlags struct {
	format  string
	schemas []string
	include []string
	exclude []string
	pkg     string
}

func newInspectCommand(app *App) *cobra.Command {
	var f inspectFlags
	cmd := &cobra.Command{
		Use:   "inspect",
		Short: "Print the live database schema as SQL, Go model code or JSON",
		Long: `inspect reads the live schema of the configured database and prints it:

  --format sql   DDL in the database's own dialect (reloads into an empty database)
  --format go    a Go model (func Target() *model.MetaData), to adopt an existing database
  --format json  the model as JSON

The version and history tables are never included. --include and --exclude
take globs (* and ?) on table names and may be repeated.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInspect(cmd, app, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "sql", "output format: sql, go or json")
	fl.StringSliceVar(&f.schemas, "schema", nil, "schema (PostgreSQL; a glob such as '*' for every user schema), database (MySQL) or attached database (SQLite) to read; repeatable (default: the connection's)")
	fl.StringSliceVar(&f.include, "include", nil, "only tables matching this glob; repeatable")
	fl.StringSliceVar(&f.exclude, "exclude", nil, "leave out tables matching this glob; repeatable")
	fl.StringVar(&f.pkg, "package", "migrations", "package name of the Go file (--format go); migrations is the package of env.go")
	return cmd
}

func runInspect(cmd *cobra.Command, app *App, f inspectFlags) error {
	if !slices.Contains(autogen.SchemaFormats, f.format) {
		return Usagef("inspect: unknown --format %q; use sql, go or json", f.format)
	}
	if app.JSON() {
		f.format = "json"
	}
	out, err := app.proj.Inspect(cmd.Context(), inspect.Options{Schemas: f.schemas, Include: f.include, Exclude: f.exclude}, f.format, f.pkg)
	if err != nil {
		return err
	}
	app.Printf("%s", out)
	return nil
}
