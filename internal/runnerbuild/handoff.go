package runnerbuild

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/migratego/migrate/cli/config"
)

// HandOff says how a command of the standalone migrate hands over to the
// project's compiled runner: the project's directories, what the command
// needs, and how to start the runner.
type HandOff struct {
	// Config is the project's configuration: its script directory and
	// version locations, and the variables the runner gets.
	Config *config.Config
	// ForModel tells that the command needs the target model of env.go
	// (check, revision --autogenerate, test), not only Go revisions.
	ForModel bool
	// Builder builds the runner; its CacheRoot is set by Run.
	Builder *Builder
	// Args are the command's arguments, passed on unchanged.
	Args []string
	// LookupEnv reads the variables of the configuration, which the
	// runner gets as it sees them (see Environ).
	LookupEnv func(string) (string, bool)
	// Dir is the working directory; Stdout and Stderr receive the
	// runner's output.
	Dir            string
	Stdout, Stderr io.Writer
}

// Run runs the command in the project's compiled runner when the project
// has Go revision files (with ForModel: a Go target model in env.go),
// building the runner on a cache miss. done reports that the runner ran:
// the command is then finished, and err carries the runner's exit status
// (*ExitError). Otherwise it returns done=false and the command goes on in
// this program. The caller checks first that this program does not
// contain the project's revisions.
func (h *HandOff) Run(ctx context.Context) (done bool, err error) {
	p, err := FindProject(h.Config.ScriptLocation, h.Config.VersionLocations)
	if err != nil || !p.NeedsRunner(h.ForModel) {
		return false, err
	}
	if os.Getenv(EnvRunner) != "" {
		return false, fmt.Errorf("internal error: this program was started as the compiled runner of the project (%s is set) "+
			"but does not contain its Go revisions; remove the cache directory of migrate and run the command again", EnvRunner)
	}
	root, err := CacheRoot(os.LookupEnv)
	if err != nil {
		return false, fmt.Errorf("compiled runner: %w", err)
	}
	h.Builder.CacheRoot = root
	bin, err := h.Builder.Runner(ctx, p)
	if err != nil {
		return false, err
	}
	x := &Exec{Bin: bin, Args: h.Args, Env: Environ(configEnvNames(), h.LookupEnv),
		Dir: h.Dir, Stdout: h.Stdout, Stderr: h.Stderr, ReplaceProcess: replacesProcess(h.Stdout, h.Stderr, h.Dir)}
	return true, x.Run(ctx)
}

// replacesProcess reports whether the runner may replace this process
// (exec on Unix): the command writes to the process's stdout and stderr
// and runs in its working directory, as in the migrate binary.
func replacesProcess(stdout, stderr io.Writer, dir string) bool {
	wd, err := os.Getwd()
	return err == nil && stdout == os.Stdout && stderr == os.Stderr && filepath.Clean(wd) == dir
}

// configEnvNames are the variables of the configuration.
func configEnvNames() []string {
	names := []string{config.EnvConfig}
	for _, vars := range config.EnvVars() {
		names = append(names, vars...)
	}
	return names
}
