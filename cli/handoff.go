package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/internal/runnerbuild"
)

// EnvRunner is set in the environment of a compiled runner started by
// migrate, so that a runner that unexpectedly lacks the project's
// revisions fails instead of building and starting itself again.
const EnvRunner = runnerbuild.EnvRunner

// EnvCacheDir overrides the cache directory of compiled runners and of
// revision headers (default: the user's cache directory, os.UserCacheDir,
// + "/migrate").
const EnvCacheDir = runnerbuild.EnvCacheDir

// handOffToRunner runs the command in the project's compiled runner when
// the project has Go revision files (forModel: a Go target model in
// env.go) and this program does not contain them (it is the standalone
// migrate). done reports that the runner ran: the command is then
// finished, and err carries the runner's exit status. Otherwise it
// returns done=false and the command goes on here: commands that need
// the model then find it with App.TargetModel.
func (a *App) handOffToRunner(ctx context.Context, forModel bool) (done bool, err error) {
	if a.compiled != nil || a.bundle != nil {
		return false, nil
	}
	cfg, err := a.Config()
	if err != nil {
		return false, err
	}
	p, err := runnerbuild.FindProject(cfg.ScriptLocation, cfg.VersionLocations)
	if err != nil || !p.NeedsRunner(forModel) {
		return false, buildError(err)
	}
	if os.Getenv(EnvRunner) != "" {
		return false, Failure(fmt.Errorf("internal error: this program was started as the compiled runner of the project (%s is set) "+
			"but does not contain its Go revisions; remove the cache directory of migrate and run the command again", EnvRunner))
	}
	root, err := runnerbuild.CacheRoot(os.LookupEnv)
	if err != nil {
		return false, Failure(fmt.Errorf("compiled runner: %w", err))
	}
	b := a.builder()
	b.CacheRoot = root
	bin, err := b.Runner(ctx, p)
	if err != nil {
		return false, buildError(err)
	}
	x := &runnerbuild.Exec{Bin: bin, Args: a.runnerArgs(), Env: runnerbuild.Environ(configEnvNames(), a.lookupEnv),
		Dir: a.WorkDir(), Stdout: a.Stdout, Stderr: a.Stderr, ReplaceProcess: a.replacesProcess()}
	return true, buildError(x.Run(ctx))
}

// builder returns the builder of compiled runners and deploy binaries,
// reporting through this App (no cache root: Runner needs one).
func (a *App) builder() *runnerbuild.Builder {
	return &runnerbuild.Builder{ToolVersion: a.Version, Stderr: a.Stderr, Mask: a.Mask, Infof: a.Infof, Debugf: a.Debugf}
}

// buildError maps an error of runnerbuild to the exit codes: the user's
// problems are usage errors, a runner's exit status passes through,
// anything else is a failure.
func buildError(err error) error {
	var user *runnerbuild.UserError
	var exit *runnerbuild.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &user):
		return Usage(err)
	case errors.As(err, &exit):
		return err
	}
	return Failure(err)
}

// configEnvNames are the variables of the configuration, which the runner
// gets as this App sees them (WithLookupEnv).
func configEnvNames() []string {
	names := []string{config.EnvConfig}
	for _, vars := range config.EnvVars() {
		names = append(names, vars...)
	}
	return names
}

// runnerArgs are the arguments the runner gets: this command's own.
func (a *App) runnerArgs() []string {
	if a.args != nil {
		return a.args
	}
	return os.Args[1:]
}

// replacesProcess reports whether the runner may replace this process
// (exec on Unix): the App writes to the process's stdout and stderr and
// runs in its working directory, as in the migrate binary.
func (a *App) replacesProcess() bool {
	wd, err := os.Getwd()
	return err == nil && a.Stdout == os.Stdout && a.Stderr == os.Stderr && filepath.Clean(wd) == a.WorkDir()
}
