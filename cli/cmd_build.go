package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
	p, err := findGoProject(cfg)
	if err != nil {
		return err
	}
	if err := p.resolveModule(cfg.ScriptLocation); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "migrate-build-")
	if err != nil {
		return Failure(fmt.Errorf("build: %w", err))
	}
	defer os.RemoveAll(tmp)
	spec := &bundleSpec{config: BundleConfig{
		VersionTable:            cfg.VersionTable,
		VersionTableSchema:      cfg.VersionTableSchema,
		HistoryTable:            cfg.HistoryTable,
		TransactionPerMigration: cfg.TransactionPerMigration,
		LockTimeout:             cfg.LockTimeout,
	}}
	for i, dir := range s.locations {
		rel := fmt.Sprintf("bundle/%d", i)
		shown := filepath.ToSlash(display(s.wd, dir))
		if err := copyRevisionFiles(dir, filepath.Join(tmp, filepath.FromSlash(rel)), shown); err != nil {
			return err
		}
		spec.dirs, spec.paths = append(spec.dirs, rel), append(spec.paths, shown)
	}
	src, err := renderRunnerMain(p, spec)
	if err != nil {
		return Failure(err)
	}
	mainFile := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(mainFile, src, 0o644); err != nil {
		return Failure(fmt.Errorf("build: %w", err))
	}
	output := abs(app.WorkDir(), out)
	app.Infof("Building %s (go build in %s) ...", display(app.WorkDir(), output), p.module.Dir)
	if err := app.goBuild(ctx, p.module.Dir, buildEnv(false), output, mainFile, "-trimpath"); err != nil {
		return err
	}
	res := buildResult{Output: output, Module: p.module.Path, GoRevisions: p.goRevisions,
		Revisions: len(s.revs), Model: p.envTarget}
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

// copyRevisionFiles copies the files of a version location that the
// loader reads (.go and .sql, not hidden, not tests) into dst, with a
// LOCATION file naming it, so that the directory is never empty (go:embed
// refuses empty directories; the loader ignores that file).
func copyRevisionFiles(src, dst, shown string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return Failure(fmt.Errorf("build: %w", err))
	}
	if err := os.WriteFile(filepath.Join(dst, "LOCATION"), []byte(shown+"\n"), 0o644); err != nil {
		return Failure(fmt.Errorf("build: %w", err))
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return Usagef("build: version location %s: %w", shown, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(goSourceFile(name) || (strings.EqualFold(filepath.Ext(name), ".sql") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_"))) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return Usagef("build: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			return Failure(fmt.Errorf("build: %w", err))
		}
	}
	return nil
}
