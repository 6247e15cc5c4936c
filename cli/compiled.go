package cli

import (
	"context"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/migratego/migrate/internal/buildinfo"
	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
)

// WithRegistry tells the command tree that the project's Go revisions are
// compiled into this program, registered in reg: the runner binds them to
// the revision files (runner.Registry.Bind) and runs them, and upgrade
// and downgrade never hand over to a separately built runner. The runner
// binaries that migrate builds for Go projects (see `migrate build`) pass
// runner.DefaultRegistry() here. Without WithRegistry the command tree runs
// no compiled revision: it reads no registry implicitly.
func WithRegistry(reg *runner.Registry) Option {
	return func(a *App) { a.proj.Compiled = reg }
}

// WithModel gives the command tree the project's target model: the Target
// func of the script directory's env.go, compiled into this program.
func WithModel(target func() *model.MetaData) Option {
	return func(a *App) { a.model = target }
}

// WithRewrite gives the command tree the autogenerate hook of the script
// directory's env.go, compiled into this program:
//
//	func Rewrite(up []ops.Operation) ([]ops.Operation, error)
//
// gets the upgrade operations autogenerate found and returns the ones to
// write (see autogenerate.RewriteFunc).
func WithRewrite(rewrite func([]ops.Operation) ([]ops.Operation, error)) Option {
	return func(a *App) { a.rewrite = rewrite }
}

// Bundle is a project frozen into a deploy binary by `migrate build -o`
// (see runnerbuild.Bundle).
type Bundle = runnerbuild.Bundle

// BundleConfig is the part of migrate.toml that a deploy binary keeps
// (see runnerbuild.BundleConfig).
type BundleConfig = runnerbuild.BundleConfig

// WithBundle makes the command tree read revisions from b (see Bundle).
func WithBundle(b Bundle) Option {
	return func(a *App) { a.proj.Bundle = &b }
}

// BundleLocation returns the version location of the files in directory
// dir of fsys (an embed.FS of a deploy binary), shown to users as path.
func BundleLocation(fsys fs.FS, dir, path string) scriptdir.Location {
	return runnerbuild.BundleLocation(fsys, dir, path)
}

// Main runs the command tree on the process's arguments and exits with
// its status; Ctrl-C and SIGTERM cancel the running command. It is the
// whole main func of cmd/migrate and of the runner binaries built for Go
// projects.
func Main(opts ...Option) {
	TuneGC()
	if v := buildinfo.DependencyVersion(Version); v != "" {
		// A program built with a project reports the version of migrate
		// it was built with, unless an option says otherwise.
		opts = append([]Option{WithVersion(v)}, opts...)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Execute(ctx, os.Args[1:], os.Stdout, os.Stderr, opts...)
	stop()
	os.Exit(code)
}

// TuneGC makes the garbage collector of a migrate process run less often
// (GOGC=400) unless the GOGC variable says otherwise: a command lives for
// a moment, and on a large schema collecting at the default pace costs
// about an eighth of `migrate check`'s CPU for a few tens of MB saved.
func TuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(400)
	}
}
