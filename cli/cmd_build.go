package cli

import (
	"context"

	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/migratego/migrate/scriptdir"
	"github.com/spf13/cobra"
)

func newBuildCommand(app *App) *cobra.Command {
	var out string
	var target runnerbuild.DeployTarget
	cmd := &cobra.Command{
		Use:   "build -o FILE [--goos OS --goarch ARCH]",
		Short: "Build a deploy binary with the project's revisions compiled in",
		Long: `build writes a single static binary: the migrate command with the
project's Go revisions and target model (env.go) compiled in, and every
revision file (Go and SQL) embedded. It offers the run-time commands only
(upgrade, downgrade, stamp, current, history, heads, verify, check, info,
version), runs without the source tree and without a Go toolchain, and
reads its revisions only from what was embedded, never from a script directory.

The database URL comes, as for the migrate command, from --database-url,
MIGRATE_DATABASE_URL, DATABASE_URL or the database_url of a migrate.toml
found where the binary runs (in the current directory or a parent, or
named by -c). The settings of the project's migrate.toml that decide where
revisions are recorded and locked (version_table, version_table_schema,
history_table, transaction_per_migration, lock_timeout, lock, lock_lease)
are built in as defaults; a migrate.toml, variables and flags at run time
override them.

--goos and --goarch cross-compile (any pair of "go tool dist list"); CGO
is off unless CGO_ENABLED is set. The binary is built with -trimpath
-ldflags="-s -w" (no symbol table, DWARF or build paths; about a third
smaller); --debug keeps them.

The project must be a Go module requiring github.com/migratego/migrate
(see the README); a project whose revisions are all SQL needs no build:
the migrate command runs it as it is.`,
		Example: `  migrate build -o bin/migrate-app
  migrate build --goos linux --goarch arm64 -o dist/migrate-app
  DATABASE_URL=postgres://… ./bin/migrate-app upgrade head`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return Usagef("build: -o FILE is required (the binary to write)")
			}
			if err := target.Check(); err != nil {
				return buildError(err)
			}
			return runBuild(cmd.Context(), app, out, target)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the binary to write")
	cmd.Flags().StringVar(&target.GOOS, "goos", "", "operating system to build for (default: $GOOS, else this machine's)")
	cmd.Flags().StringVar(&target.GOARCH, "goarch", "", "architecture to build for (default: $GOARCH, else this machine's)")
	cmd.Flags().BoolVar(&target.Debug, "debug", false, "keep the symbol table, DWARF and build paths (no -trimpath -ldflags=\"-s -w\")")
	return cmd
}

func runBuild(ctx context.Context, app *App, out string, target runnerbuild.DeployTarget) error {
	if app.proj.Bundle != nil {
		return Usagef("build: this program is already a deploy binary; run `migrate build` from the project with the migrate command")
	}
	s, err := app.proj.LoadScripts(false)
	if err != nil {
		return err
	}
	res, err := app.builder().DeployProject(ctx, runnerbuild.DeployRequest{Config: s.Config, Locations: s.Dir.Locations, Revisions: len(s.Dir.Scripts),
		WorkDir: app.WorkDir(), Output: scriptdir.Abs(app.WorkDir(), out), Target: target, LookupEnv: app.LookupEnv})
	if err != nil {
		return buildError(err)
	}
	return app.Result(res, res.WriteText)
}
