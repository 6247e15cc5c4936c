package cli

import (
	"context"
	"errors"
	"os"

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
// migrate): see runnerbuild.HandOff. done reports that the runner ran:
// the command is then finished, and err carries the runner's exit status.
// Otherwise it returns done=false and the command goes on here, with the
// model compiled into this program when there is one (WithModel).
func (a *App) handOffToRunner(ctx context.Context, forModel bool) (done bool, err error) {
	if a.proj.Compiled != nil || a.proj.Bundle != nil {
		return false, nil
	}
	cfg, err := a.Config()
	if err != nil {
		return false, err
	}
	args := a.args
	if args == nil {
		args = os.Args[1:]
	}
	h := &runnerbuild.HandOff{Config: cfg, ForModel: forModel, Builder: a.builder(), Args: args,
		LookupEnv: a.lookupEnv, Dir: a.WorkDir(), Stdout: a.Stdout, Stderr: a.Stderr}
	done, err = h.Run(ctx)
	return done, buildError(err)
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
