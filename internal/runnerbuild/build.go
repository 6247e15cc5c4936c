// Package runnerbuild is the compiled runner of Go projects (DESIGN
// decision 1): the standalone migrate reads the graph of any project by
// parsing headers, but Go revisions only run when compiled. When upgrade
// or downgrade meets a project with Go revision files and the program does
// not contain them, it generates a small main package importing the
// project's revisions (and its env.go model) and the module's cli package,
// builds it with the Go toolchain into a cache keyed by a hash of its
// inputs, and runs it with the same arguments. A cache hit runs no
// `go build`. `migrate build -o` writes the same binary, with the revision
// files embedded, for deploys (Deploy).
//
// Errors the user can fix (no Go module, no go command, revisions that do
// not compile) are *UserError values; a runner that exits with a non-zero
// status is an *ExitError; anything else is a failure.
package runnerbuild

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

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

// Project is the Go code of a project: what its compiled runner imports.
type Project struct {
	// module is the project's Go module (nil until ResolveModule).
	module *goModule
	// versionPkgs are the import paths of the version locations holding
	// Go revision files, and versionDirs their directories.
	versionPkgs, versionDirs []string
	// GoRevisions counts the Go revision files.
	GoRevisions int
	// envPkg is the import path of the script directory's Go package
	// (env.go), "" when it has no Go files; envDir is the directory.
	envPkg, envDir string
	// EnvTarget reports that env.go declares func Target() *model.MetaData.
	EnvTarget bool
	// EnvRewrite reports that env.go declares the autogenerate hook
	// func Rewrite([]ops.Operation) ([]ops.Operation, error).
	EnvRewrite bool
}

// Module returns the path and directory of the project's Go module (empty
// before ResolveModule).
func (p *Project) Module() (path, dir string) {
	if p.module == nil {
		return "", ""
	}
	return p.module.Path, p.module.Dir
}

// NeedsRunner reports whether the compiled runner is needed: to run
// revisions when there are Go revision files, or, with forModel, to read
// the target model or the autogenerate hook when env.go declares one.
func (p *Project) NeedsRunner(forModel bool) bool {
	if forModel {
		return p.EnvTarget || p.EnvRewrite
	}
	return p.GoRevisions > 0
}

// FindProject looks for Go code in the script directory and the version
// locations, without compiling anything: Go revision files are recognised
// by their header (scriptdir.ParseRevisionFile), env.go by its Target
// func. Missing directories are skipped (the loader reports them).
func FindProject(scriptLocation string, versionLocations []string) (*Project, error) {
	p := &Project{}
	for _, dir := range versionLocations {
		n, err := countGoRevisions(dir)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			p.GoRevisions += n
			p.versionDirs = append(p.versionDirs, dir)
		}
	}
	env, err := scanEnvPackage(scriptLocation)
	if err != nil {
		return nil, err
	}
	if env.hasGo && !slices.Contains(p.versionDirs, scriptLocation) {
		p.envDir, p.EnvTarget, p.EnvRewrite = scriptLocation, env.target, env.rewrite
	}
	return p, nil
}

// GoSourceFile reports whether name is a Go file the go tool compiles
// into a package (not a test, not hidden).
func GoSourceFile(name string) bool {
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
		return 0, userErrorf("version location %s: %w", dir, err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !GoSourceFile(e.Name()) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return 0, userErrorf("read %s: %w", filepath.Join(dir, e.Name()), err)
		}
		if rev, err := scriptdir.ParseRevisionFile(e.Name(), src); err == nil && rev.Kind == scriptdir.KindGo {
			n++
		}
	}
	return n, nil
}

// ResolveModule finds the project's Go module and the import paths of its
// Go packages. Every directory with Go code must be inside one module.
// A project without Go code takes the module enclosing fallback.
func (p *Project) ResolveModule(fallback string) error {
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
			return userErrorf("Go revisions need a Go module: run `go mod init MODULE-PATH` in the project's root directory, "+
				"then `go get -tool github.com/migratego/migrate/cmd/migrate` (%s is in no module)", dir)
		}
		if err != nil {
			return userErrorf("find the Go module of %s: %w", dir, err)
		}
		if p.module == nil {
			mf, err := readGoMod(modDir)
			if err != nil {
				return &UserError{Err: fmt.Errorf("go module: %w", err)}
			}
			p.module = &goModule{Path: mf.module, Dir: modDir}
		} else if p.module.Dir != modDir {
			return userErrorf("the Go code of the project must be in one Go module: %s is in the module at %s, not in %s", dir, modDir, p.module.Dir)
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

// Builder builds compiled runners and deploy binaries.
type Builder struct {
	// ToolVersion is the version of migrate, part of the cache key.
	ToolVersion string
	// CacheRoot is the cache directory of migrate (see CacheRoot); the
	// runners live in its "runners" subdirectory.
	CacheRoot string
	// Stderr receives the output of a failed `go build` (compiler errors
	// in revision files), through Mask when it is set.
	Stderr io.Writer
	Mask   func(string) string
	// Infof and Debugf, when set, receive progress messages.
	Infof, Debugf func(format string, args ...any)
}

// infof calls Infof when it is set.
func (b *Builder) infof(format string, args ...any) {
	if b.Infof != nil {
		b.Infof(format, args...)
	}
}

// debugf calls Debugf when it is set.
func (b *Builder) debugf(format string, args ...any) {
	if b.Debugf != nil {
		b.Debugf(format, args...)
	}
}

// Runner returns the project's compiled runner from the cache, building
// it on a miss.
func (b *Builder) Runner(ctx context.Context, p *Project) (string, error) {
	if err := p.ResolveModule(""); err != nil {
		return "", err
	}
	src, err := renderRunnerMain(p, nil)
	if err != nil {
		return "", err
	}
	env := BuildEnv(true)
	start := time.Now()
	key, err := runnerKey(b.ToolVersion, p, src, env)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(b.CacheRoot, "runners", key)
	bin := filepath.Join(dir, "migrate-runner"+ExeSuffix())
	if st, err := os.Stat(bin); err == nil && st.Mode().IsRegular() {
		b.debugf("Go revisions: using the compiled runner %s (cached; key computed in %s)", bin, time.Since(start).Round(time.Microsecond))
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("compiled runner: create the cache directory: %w", err)
	}
	mainFile := filepath.Join(dir, "main.go")
	if err := writeFileAtomic(mainFile, src); err != nil {
		return "", fmt.Errorf("compiled runner: %w", err)
	}
	b.infof("Compiling %s of %s (go build) ...", p.compiled(), p.module.Path)
	tmp := fmt.Sprintf("%s.tmp-%d", bin, os.Getpid())
	if err := b.GoBuild(ctx, p.module.Dir, env, tmp, mainFile); err != nil {
		os.Remove(tmp)
		return "", err
	}
	// Concurrent builders of one key rename identical binaries.
	if err := os.Rename(tmp, bin); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("compiled runner: %w", err)
	}
	b.debugf("Go revisions: built the compiled runner %s in %s", bin, time.Since(start).Round(time.Millisecond))
	return bin, nil
}

// compiled names what the compiled runner compiles of the project, for
// the message of a build: its Go revisions, its env.go (the target model
// or the autogenerate hook), or both.
func (p *Project) compiled() string {
	switch {
	case len(p.versionPkgs) > 0 && p.envPkg != "":
		return "the Go revisions and env.go"
	case p.envPkg != "":
		return "env.go"
	}
	return "the Go revisions"
}

// CacheRoot is the cache directory of migrate (compiled runners, revision
// headers): MIGRATE_CACHE_DIR as lookupEnv reads it, else the user's
// cache directory + "/migrate".
func CacheRoot(lookupEnv func(string) (string, bool)) (string, error) {
	if d, _ := lookupEnv(EnvCacheDir); d != "" {
		return filepath.Abs(d)
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (%w); set %s", err, EnvCacheDir)
	}
	return filepath.Join(d, "migrate"), nil
}

// ExeSuffix is ".exe" on Windows.
func ExeSuffix() string {
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

// BuildEnv returns the environment of `go build`. CGO is off unless the
// environment sets CGO_ENABLED (all drivers are pure Go, and the binary is
// then static). native forces the GOOS and GOARCH of this machine (the
// cached runner runs here); else GOOS and GOARCH of the environment are
// kept, for cross-compiled deploy binaries.
func BuildEnv(native bool) []string {
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
		return "", userErrorf("this project has Go revisions; install the Go toolchain (the go command is not on PATH), " +
			"or build a deploy binary with `migrate build -o FILE` where Go is installed")
	}
	return bin, nil
}

// GoBuild runs `go build -o out mainFile` in the module directory. Its
// output (compiler errors in revision files) goes to Stderr.
func (b *Builder) GoBuild(ctx context.Context, moduleDir string, env []string, out, mainFile string, flags ...string) error {
	goBin, err := lookGo()
	if err != nil {
		return err
	}
	args := append([]string{"build", "-o", out}, flags...)
	args = append(args, mainFile)
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = moduleDir
	cmd.Env = env
	b.debugf("Go revisions: %s %s (in %s)", goBin, strings.Join(args, " "), moduleDir)
	output, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("go build: %w", ctx.Err())
	}
	text := strings.TrimSpace(string(output))
	if b.Mask != nil {
		text = b.Mask(text)
	}
	if b.Stderr != nil {
		fmt.Fprintln(b.Stderr, text)
	}
	return userErrorf("building the Go revisions failed (go build in %s: %v): %s", moduleDir, err, buildHint(text, moduleDir))
}

// buildHint says what to do about the output of a failed go build of the
// runner in moduleDir: a module that does not require migrate, or lacks
// go.sum entries for what the runner links (the cli package, the
// database drivers), gets the commands that fix it; anything else is the
// user's code.
func buildHint(output, moduleDir string) string {
	switch {
	case strings.Contains(output, "no required module provides package github.com/migratego/migrate"):
		return "the module in " + moduleDir + " does not require migrate: add it as a tool of the module " +
			"(`go get -tool github.com/migratego/migrate/cmd/migrate`, or, from a clone of migrate, " +
			"`go mod edit -require=github.com/migratego/migrate@v0.0.0 -replace=github.com/migratego/migrate=PATH_OF_THE_CLONE " +
			"-tool=github.com/migratego/migrate/cmd/migrate`; see docs/getting-started.md), then run `go mod tidy`"
	case strings.Contains(output, "missing go.sum entry"), strings.Contains(output, "updates to go.mod needed"), linksMissing(output):
		// go's own advice, go mod tidy, does not add what the runner
		// links unless migrate is a tool of the module.
		return "go.mod and go.sum in " + moduleDir + " lack what the migrate command links (its cli package and the database drivers): " +
			"make migrate a tool of the module (`go mod edit -tool=github.com/migratego/migrate/cmd/migrate`) and run `go mod tidy`"
	}
	return "fix the errors above"
}

// runnerModules are the modules of the packages the generated runner
// imports beside the project's and migrate's own.
var runnerModules = []string{"github.com/jackc/pgx/v5", "github.com/go-sql-driver/mysql", "modernc.org/sqlite"}

// linksMissing reports that go build found no module for a package of
// runnerModules (migrate is required, but not as a tool, so go mod tidy
// left its drivers out).
func linksMissing(output string) bool {
	for _, m := range runnerModules {
		if strings.Contains(output, "no required module provides package "+m) {
			return true
		}
	}
	return false
}
