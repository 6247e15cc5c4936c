package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"

	"github.com/migratego/migrate/internal/runnerbuild"
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
(upgrade, downgrade, stamp, current, history, heads, verify, info), runs
without the source tree and without a Go toolchain, and reads its
revisions only from what was embedded, never from a script directory.

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
			for flag, v := range map[string]string{"--goos": target.GOOS, "--goarch": target.GOARCH} {
				if v != "" && !goNameRE.MatchString(v) {
					return Usagef("build: %s %q is not a GOOS/GOARCH name (see go tool dist list)", flag, v)
				}
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

// goNameRE matches GOOS and GOARCH names (linux, arm64, mips64le, …).
var goNameRE = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// buildResult is the --json output of build.
type buildResult struct {
	Output      string `json:"output"`
	Module      string `json:"module"`
	GOOS        string `json:"goos"`
	GOARCH      string `json:"goarch"`
	Bytes       int64  `json:"bytes"`
	GoRevisions int    `json:"go_revisions"`
	Revisions   int    `json:"revisions"`
	Model       bool   `json:"model"`
}

func runBuild(ctx context.Context, app *App, out string, target runnerbuild.DeployTarget) error {
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
		if p.GoRevisions == 0 && !p.EnvTarget {
			return Usagef("build: the revisions of this project are all SQL, so it needs no build: the migrate command runs them as they are "+
				"(deploy it with %s). For one binary with the SQL files inside, make the project a Go module that requires migrate "+
				"(see the README), then run build again", display(app.WorkDir(), cfg.ScriptLocation))
		}
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
		Lock:                    cfg.Lock,
		LockLease:               cfg.LockLease,
	}
	output := abs(app.WorkDir(), out)
	if err := b.Deploy(ctx, p, locs, bundle, target, output, display(app.WorkDir(), output)); err != nil {
		return buildError(err)
	}
	module, _ := p.Module()
	res := buildResult{Output: output, Module: module, GoRevisions: p.GoRevisions,
		Revisions: len(s.revs), Model: p.EnvTarget}
	res.GOOS, res.GOARCH = app.buildPlatform(target)
	if st, err := os.Stat(output); err == nil {
		res.Bytes = st.Size()
	}
	return app.Result(res, func(w io.Writer) error {
		model := ""
		if res.Model {
			model = " and the target model"
		}
		_, err := fmt.Fprintf(w, "Built %s (%s/%s, %.1f MB): %d revision(s), %d of them Go%s, compiled in\n",
			display(app.WorkDir(), output), res.GOOS, res.GOARCH, float64(res.Bytes)/(1<<20), res.Revisions, res.GoRevisions, model)
		return err
	})
}

// buildPlatform is the GOOS and GOARCH a deploy binary is built for: the
// flags, else the environment, else this machine.
func (a *App) buildPlatform(t runnerbuild.DeployTarget) (goos, goarch string) {
	env := func(name string) string { v, _ := a.LookupEnv(name); return v }
	return cmp.Or(t.GOOS, env("GOOS"), runtime.GOOS), cmp.Or(t.GOARCH, env("GOARCH"), runtime.GOARCH)
}
