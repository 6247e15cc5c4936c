// The compiled runner of Go projects (DESIGN decision 1): the standalone
// migrate reads the graph of any project by parsing headers, but Go
// revisions only run when compiled. When upgrade or downgrade meets a
// project with Go revision files and this program does not contain them,
// it generates a small main package importing the project's revisions
// (and its env.go model) and this module's cli package, builds it with the
// Go toolchain into a cache keyed by a hash of its inputs, and runs it
// with the same arguments. A cache hit runs no `go build`.

package cli

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/scriptdir"
)

// EnvRunner is set in the environment of a compiled runner started by
// migrate, so that a runner that unexpectedly lacks the project's
// revisions fails instead of building and starting itself again.
const EnvRunner = "MIGRATE_COMPILED_RUNNER"

// EnvCacheDir overrides the cache directory of compiled runners and of
// revision headers (default: the user's cache directory, os.UserCacheDir,
// + "/migrate").
const EnvCacheDir = "MIGRATE_CACHE_DIR"

// goProject is the Go code of a project: what its compiled runner imports.
type goProject struct {
	// module is the project's Go module (nil until required).
	module *goModule
	// versionPkgs are the import paths of the version locations holding
	// Go revision files, and versionDirs their directories.
	versionPkgs, versionDirs []string
	// goRevisions counts the Go revision files.
	goRevisions int
	// envPkg is the import path of the script directory's Go package
	// (env.go), "" when it has no Go files; envDir is the directory.
	envPkg, envDir string
	// envTarget reports that env.go declares func Target() *model.MetaData.
	envTarget bool
}

// needsRunner reports whether the compiled runner is needed: to run
// revisions when there are Go revision files, or, with forModel, to read
// the target model when env.go declares one.
func (p *goProject) needsRunner(forModel bool) bool {
	if forModel {
		return p.envTarget
	}
	return p.goRevisions > 0
}

// findGoProject looks for Go code in the script directory and the version
// locations of cfg, without compiling anything: Go revision files are
// recognised by their header (scriptdir.ParseRevisionFile), env.go by its
// Target func. Missing directories are skipped (the loader reports them).
func findGoProject(cfg *config.Config) (*goProject, error) {
	p := &goProject{}
	for _, dir := range cfg.VersionLocations {
		n, err := countGoRevisions(dir)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			p.goRevisions += n
			p.versionDirs = append(p.versionDirs, dir)
		}
	}
	hasGo, target, err := scanEnvPackage(cfg.ScriptLocation)
	if err != nil {
		return nil, err
	}
	if hasGo && !slices.Contains(p.versionDirs, cfg.ScriptLocation) {
		p.envDir, p.envTarget = cfg.ScriptLocation, target
	}
	return p, nil
}

// goSourceFile reports whether name is a Go file the go tool compiles
// into a package (not a test, not hidden).
func goSourceFile(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") &&
		!strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}

// countGoRevisions counts the Go revision files of a version location.
// Files that fail to parse are not counted: loading reports them.
func countGoRevisions(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, Usagef("version location %s: %w", dir, err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !goSourceFile(e.Name()) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return 0, Usagef("read %s: %w", filepath.Join(dir, e.Name()), err)
		}
		if rev, err := scriptdir.ParseRevisionFile(e.Name(), src); err == nil && rev.Kind == scriptdir.KindGo {
			n++
		}
	}
	return n, nil
}

// scanEnvPackage reports whether dir holds Go files of an importable
// package and whether they declare func Target() with one result.
func scanEnvPackage(dir string) (hasGo, target bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, false, nil
	}
	if err != nil {
		return false, false, Usagef("script directory %s: %w", dir, err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !goSourceFile(e.Name()) {
			continue
		}
		file := filepath.Join(dir, e.Name())
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		if err != nil {
			return false, false, Usagef("%w", err)
		}
		if f.Name.Name == "main" {
			return false, false, nil // not importable: not an env package
		}
		hasGo = true
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if ok && fd.Recv == nil && fd.Name.Name == "Target" && fd.Type.TypeParams == nil &&
				fd.Type.Params.NumFields() == 0 && fd.Type.Results.NumFields() == 1 {
				target = true
			}
		}
	}
	return hasGo, target, nil
}

// resolveModule finds the project's Go module and the import paths of its
// Go packages. Every directory with Go code must be inside one module.
// A project without Go code takes the module enclosing fallback.
func (p *goProject) resolveModule(fallback string) error {
	dirs := slices.Clone(p.versionDirs)
	if p.envDir != "" {
		dirs = append(dirs, p.envDir)
	}
	if len(dirs) == 0 {
		dirs = []string{fallback}
	}
	for _, dir := range dirs {
		modDir, err := findGoModule(dir)
		if errors.Is(err, errNoGoModule) {
			return Usagef("Go revisions need a Go module: run `go mod init MODULE-PATH` in the project's root directory, "+
				"then `go get -tool github.com/migratego/migrate/cmd/migrate` (%s is in no module)", dir)
		}
		if err != nil {
			return Usagef("find the Go module of %s: %w", dir, err)
		}
		if p.module == nil {
			mf, err := readGoMod(modDir)
			if err != nil {
				return Usage(fmt.Errorf("go module: %w", err))
			}
			p.module = &goModule{Path: mf.module, Dir: modDir}
		} else if p.module.Dir != modDir {
			return Usagef("the Go code of the project must be in one Go module: %s is in the module at %s, not in %s", dir, modDir, p.module.Dir)
		}
	}
	importPath := func(dir string) string {
		rel, _ := filepath.Rel(p.module.Dir, dir)
		if rel == "." {
			return p.module.Path
		}
		return path.Join(p.module.Path, filepath.ToSlash(rel))
	}
	p.versionPkgs = nil
	for _, d := range p.versionDirs {
		p.versionPkgs = append(p.versionPkgs, importPath(d))
	}
	if p.envDir != "" {
		p.envPkg = importPath(p.envDir)
	}
	return nil
}

// runnerExit is the exit status of a compiled runner that failed; its
// messages are already on stderr.
type runnerExit struct{ code int }

func (e *runnerExit) Error() string { return "" }

// ExitCode returns the runner's exit status.
func (e *runnerExit) ExitCode() int { return e.code }

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
	p, err := findGoProject(cfg)
	if err != nil || !p.needsRunner(forModel) {
		return false, err
	}
	if os.Getenv(EnvRunner) != "" {
		return false, Failure(fmt.Errorf("internal error: this program was started as the compiled runner of the project (%s is set) "+
			"but does not contain its Go revisions; remove the cache directory of migrate and run the command again", EnvRunner))
	}
	bin, err := a.compiledRunner(ctx, p)
	if err != nil {
		return false, err
	}
	return true, a.execRunner(ctx, bin)
}

// compiledRunner returns the project's compiled runner from the cache,
// building it on a miss.
func (a *App) compiledRunner(ctx context.Context, p *goProject) (string, error) {
	if err := p.resolveModule(""); err != nil {
		return "", err
	}
	src, err := renderRunnerMain(p, nil)
	if err != nil {
		return "", err
	}
	env := buildEnv(true)
	start := time.Now()
	key, err := runnerKey(a.Version, p, src, env)
	if err != nil {
		return "", Failure(err)
	}
	root, err := runnerCacheRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "runners", key)
	bin := filepath.Join(dir, "migrate-runner"+exeSuffix())
	if st, err := os.Stat(bin); err == nil && st.Mode().IsRegular() {
		a.Debugf("Go revisions: using the compiled runner %s (cached; key computed in %s)", bin, time.Since(start).Round(time.Microsecond))
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", Failure(fmt.Errorf("compiled runner: create the cache directory: %w", err))
	}
	mainFile := filepath.Join(dir, "main.go")
	if err := writeFileAtomic(mainFile, src); err != nil {
		return "", Failure(fmt.Errorf("compiled runner: %w", err))
	}
	a.Infof("Compiling the Go revisions of %s (go build) ...", p.module.Path)
	tmp := fmt.Sprintf("%s.tmp-%d", bin, os.Getpid())
	if err := a.goBuild(ctx, p.module.Dir, env, tmp, mainFile); err != nil {
		os.Remove(tmp)
		return "", err
	}
	// Concurrent builders of one key rename identical binaries.
	if err := os.Rename(tmp, bin); err != nil {
		os.Remove(tmp)
		return "", Failure(fmt.Errorf("compiled runner: %w", err))
	}
	a.Debugf("Go revisions: built the compiled runner %s in %s", bin, time.Since(start).Round(time.Millisecond))
	return bin, nil
}

// runnerCacheRoot is MIGRATE_CACHE_DIR, else the user's cache directory
// + "/migrate".
func runnerCacheRoot() (string, error) {
	d, err := cacheRoot(os.LookupEnv)
	if err != nil {
		return "", Failure(fmt.Errorf("compiled runner: %w", err))
	}
	return d, nil
}

// cacheRoot is the cache directory of migrate (compiled runners, revision
// headers): MIGRATE_CACHE_DIR as lookupEnv reads it, else the user's
// cache directory + "/migrate".
func cacheRoot(lookupEnv func(string) (string, bool)) (string, error) {
	if d, _ := lookupEnv(EnvCacheDir); d != "" {
		return filepath.Abs(d)
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (%w); set %s", err, EnvCacheDir)
	}
	return filepath.Join(d, "migrate"), nil
}

// exeSuffix is ".exe" on Windows.
func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// writeFileAtomic writes a file through a temporary file and a rename, so
// that concurrent writers never leave it half written.
func writeFileAtomic(name string, data []byte) error {
	tmp := fmt.Sprintf("%s.tmp-%d", name, os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// buildEnv returns the environment of `go build`. CGO is off unless the
// environment sets CGO_ENABLED (all drivers are pure Go, and the binary is
// then static). native forces the GOOS and GOARCH of this machine (the
// cached runner runs here); else GOOS and GOARCH of the environment are
// kept, for cross-compiled deploy binaries.
func buildEnv(native bool) []string {
	env := os.Environ()
	if _, ok := os.LookupEnv("CGO_ENABLED"); !ok {
		env = append(env, "CGO_ENABLED=0")
	}
	if native {
		env = append(env, "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	}
	return env
}

// lookGo finds the go command on PATH.
func lookGo() (string, error) {
	bin, err := exec.LookPath("go")
	if err != nil {
		return "", Usagef("this project has Go revisions; install the Go toolchain (the go command is not on PATH), " +
			"or build a deploy binary with `migrate build -o FILE` where Go is installed")
	}
	return bin, nil
}

// goBuild runs `go build -o out mainFile` in the module directory. Its
// output (compiler errors in revision files) goes to stderr.
func (a *App) goBuild(ctx context.Context, moduleDir string, env []string, out, mainFile string, flags ...string) error {
	goBin, err := lookGo()
	if err != nil {
		return err
	}
	args := append([]string{"build", "-o", out}, flags...)
	args = append(args, mainFile)
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = moduleDir
	cmd.Env = env
	a.Debugf("Go revisions: %s %s (in %s)", goBin, strings.Join(args, " "), moduleDir)
	output, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return Failure(fmt.Errorf("go build: %w", ctx.Err()))
	}
	text := strings.TrimSpace(string(output))
	fmt.Fprintln(a.Stderr, a.Mask(text))
	hint := "fix the errors above"
	if strings.Contains(text, "missing go.sum entry") || strings.Contains(text, "no required module provides package github.com/migratego/migrate") {
		hint = "the module does not require everything the migrate command needs: run `go get -tool github.com/migratego/migrate/cmd/migrate` in " + moduleDir
	}
	return Usagef("building the Go revisions failed (go build in %s: %v): %s", moduleDir, err, hint)
}

// runnerArgs are the arguments the runner gets: this command's own.
func (a *App) runnerArgs() []string {
	if a.args != nil {
		return a.args
	}
	return os.Args[1:]
}

// runnerEnv is the environment of the runner: the process's, with the
// configuration variables as this App sees them (WithLookupEnv) and the
// EnvRunner mark.
func (a *App) runnerEnv() []string {
	names := map[string]bool{config.EnvConfig: true}
	for _, vars := range config.EnvVars() {
		for _, v := range vars {
			names[v] = true
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !names[name] && name != EnvRunner {
			env = append(env, kv)
		}
	}
	for name := range names {
		if v, ok := a.lookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return append(env, EnvRunner+"=1")
}

// replacesProcess reports whether the runner may replace this process
// (exec on Unix): the App writes to the process's stdout and stderr and
// runs in its working directory, as in the migrate binary.
func (a *App) replacesProcess() bool {
	wd, err := os.Getwd()
	return err == nil && a.Stdout == os.Stdout && a.Stderr == os.Stderr && filepath.Clean(wd) == a.WorkDir()
}

// spawnRunner runs the runner as a child process and returns its exit
// status as a *runnerExit. Cancelling ctx interrupts it (it then rolls
// back and releases the lock) and kills it 30 seconds later.
func (a *App) spawnRunner(ctx context.Context, bin string, args, env []string) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = a.WorkDir()
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, a.Stdout, a.Stderr
	cmd.Cancel = func() error { return interruptProcess(cmd.Process) }
	cmd.WaitDelay = 30 * time.Second
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		return &runnerExit{code: exit.ExitCode()}
	default:
		return Failure(fmt.Errorf("run the compiled runner %s: %w", bin, err))
	}
}
