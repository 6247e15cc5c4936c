package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/spf13/cobra"
)

func newBuildCommand(app *App) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "build -o FILE",
		Short: "Build a deploy binary with the project's revisions compiled in",
		Long: `build writes a single static binary: the migrate command with the
project's Go revisions and target model (env.go) compiled in, and every
revision file (Go and SQL) embedded. It runs upgrade, downgrade, stamp,
current and verify without the source tree and without a Go toolchain,
for deploys. It reads its revisions only from what was embedded, never from
a script directory.

The settings of migrate.toml that decide where revisions are recorded
(version_table, version_table_schema, history_table,
transaction_per_migration, lock_timeout) are kept as the binary's
defaults; the database URL is not: give it with DATABASE_URL,
MIGRATE_DATABASE_URL or --database-url.

The project must be a Go module requiring github.com/migratego/migrate
(go get -tool github.com/migratego/migrate/cmd/migrate). GOOS and GOARCH
of the environment cross-compile; CGO is off unless CGO_ENABLED is set.`,
		Example: `  migrate build -o bin/migrate-app
  GOOS=linux GOARCH=arm64 migrate build -o dist/migrate-app
  DATABASE_URL=postgres://… ./bin/migrate-app upgrade head`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return Usagef("build: -o FILE is required (the binary to write)")
			}
			return runBuild(cmd.Context(), app, out)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the binary to write")
	return cmd
}

// buildResult is the --json output of build.
type buildResult struct {
	Output      string `json:"output"`
	Module      string `json:"module"`
	GoRevisions int    `json:"go_revisions"`
	Revisions   int    `json:"revisions"`
	Model       bool   `json:"model"`
}

func runBuild(ctx context.Context, app *App, out string) error {
	if app.bundle != nil {
		return Usagef("build: this program is already a deploy binary; run `migrate build` from the project with the migrate command")
	}
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	s, err := app.loadScripts(false)
	if err != nil {
		return err
	}
	p, err := runnerbuild.FindProject(cfg.ScriptLocation, cfg.VersionLocations)
	if err != nil {
		return buildError(err)
	}
	if err := p.ResolveModule(cfg.ScriptLocation); err != nil {
		return buildError(err)
	}
	var locs []runnerbuild.DeployLocation
	for _, dir := range s.locations {
		locs = append(locs, runnerbuild.DeployLocation{Dir: dir, Shown: filepath.ToSlash(display(s.wd, dir))})
	}
	b := app.builder()
	bundle := BundleConfig{
		VersionTable:            cfg.VersionTable,
		VersionTableSchema:      cfg.VersionTableSchema,
		HistoryTable:            cfg.HistoryTable,
		TransactionPerMigration: cfg.TransactionPerMigration,
		LockTimeout:             cfg.LockTimeout,
	}
	output := abs(app.WorkDir(), out)
	if err := b.Deploy(ctx, p, locs, bundle, output, display(app.WorkDir(), output)); err != nil {
		return buildError(err)
	}
	module, _ := p.Module()
	res := buildResult{Output: output, Module: module, GoRevisions: p.GoRevisions,
		Revisions: len(s.revs), Model: p.EnvTarget}
	return app.Result(res, func(w io.Writer) error {
		model := ""
		if res.Model {
			model = " and the target model"
		}
		_, err := fmt.Fprintf(w, "Built %s: %d revision(s), %d of them Go%s, compiled in\n",
			display(app.WorkDir(), output), res.Revisions, res.GoRevisions, model)
		return err
	})
}
