package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/internal/oneline"
	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/model"
)

// App is what every command needs: output writers, the global flags, the
// lazily loaded configuration and the database. One App serves one run of
// the command tree; there is no package state.
type App struct {
	// Stdout receives results; Stderr receives progress, warnings and the
	// error line.
	Stdout io.Writer
	Stderr io.Writer
	// Version is the tool version printed by --version.
	Version string

	flags     globalFlags
	workDir   string
	lookupEnv func(string) (string, bool)
	extra     []func(*App) *cobra.Command
	// args are the command-line arguments given to Execute, passed on
	// unchanged to the compiled runner of a Go project (handoff.go).
	args []string
	// model and rewrite are env.go's, when a program built with the
	// project carries them (WithModel, WithRewrite).
	model   func() *model.MetaData
	rewrite autogenerate.RewriteFunc
	// stdin answers the questions of revision --autogenerate --interactive.
	stdin io.Reader

	cfg     *config.Config
	cfgErr  error
	cfgDone bool
	// proj opens the project's scripts, database and runners; it holds
	// the compiled revisions and bundle of a program built with the
	// project (WithRegistry, WithBundle) and the test hooks of the
	// revision header cache.
	proj *project.Project
	// started is set when a command's RunE begins: errors before that come
	// from argument parsing and are usage errors.
	started bool
}

// globalFlags are the persistent flags of every command.
type globalFlags struct {
	config      string
	databaseURL string
	dir         string
	quiet       bool
	verbose     bool
	json        bool
}

// Option configures the App behind a command tree.
type Option func(*App)

// WithVersion sets the version printed by --version and `migrate version`.
func WithVersion(v string) Option { return func(a *App) { a.Version = v } }

// WithOutput sets the writers for results and for messages.
func WithOutput(stdout, stderr io.Writer) Option {
	return func(a *App) { a.Stdout, a.Stderr = stdout, stderr }
}

// WithInput sets the reader of answers to questions (default os.Stdin).
func WithInput(r io.Reader) Option { return func(a *App) { a.stdin = r } }

// WithWorkDir runs commands as if started in dir (configuration discovery,
// relative paths, init). The default is the process's working directory.
func WithWorkDir(dir string) Option { return func(a *App) { a.workDir = dir } }

// WithLookupEnv replaces os.LookupEnv, for tests and embedding programs.
func WithLookupEnv(f func(string) (string, bool)) Option {
	return func(a *App) { a.lookupEnv = f }
}

// WithCommand adds a command built from the App to the tree, for programs
// (such as the per-project runner binary) that extend the tool.
func WithCommand(f func(*App) *cobra.Command) Option {
	return func(a *App) { a.extra = append(a.extra, f) }
}

func newApp(opts ...Option) *App {
	a := &App{Stdout: os.Stdout, Stderr: os.Stderr, stdin: os.Stdin, Version: resolvedVersion(), lookupEnv: os.LookupEnv}
	a.proj = &project.Project{Config: a.Config, Debugf: a.Debugf}
	for _, o := range opts {
		o(a)
	}
	a.proj.WorkDir, a.proj.LookupEnv, a.proj.ToolVersion = a.WorkDir(), a.lookupEnv, a.Version
	return a
}

// WorkDir returns the directory the command runs in (absolute).
func (a *App) WorkDir() string {
	if a.workDir == "" {
		if wd, err := os.Getwd(); err == nil {
			a.workDir = wd
		}
	}
	abs, err := filepath.Abs(a.workDir)
	if err != nil {
		return a.workDir
	}
	return abs
}

// LookupEnv reads an environment variable through the App's environment.
func (a *App) LookupEnv(name string) (string, bool) { return a.lookupEnv(name) }

// Quiet reports -q/--quiet: print only results and errors.
func (a *App) Quiet() bool { return a.flags.quiet }

// Verbose reports -v/--verbose: print more detail.
func (a *App) Verbose() bool { return a.flags.verbose }

// JSON reports --json: print results as JSON (see Result).
func (a *App) JSON() bool { return a.flags.json }

// ConfigFlag returns the -c value, empty when not given.
func (a *App) ConfigFlag() string { return a.flags.config }

// Config loads the configuration on first use (migrate.toml, MIGRATE_*
// environment variables, --database-url and --dir) and returns the same
// result afterwards. Its errors are *config.Error (exit 2). A project
// without migrate.toml gets the defaults; commands that need a project
// check Config.Found.
func (a *App) Config() (*config.Config, error) {
	if a.cfgDone {
		return a.cfg, a.cfgErr
	}
	a.cfgDone = true
	flags := map[string]string{}
	if a.flags.databaseURL != "" {
		flags["database_url"] = a.flags.databaseURL
	}
	if a.flags.dir != "" {
		flags["script_location"] = a.flags.dir
	}
	a.cfg, a.cfgErr = config.Load(config.Options{
		File:      a.flags.config,
		WorkDir:   a.WorkDir(),
		LookupEnv: a.lookupEnv,
		Flags:     flags,
	})
	if a.cfgErr == nil && a.proj.Bundle != nil {
		a.proj.Bundle.Config.Apply(a.cfg)
	}
	return a.cfg, a.cfgErr
}

// DatabaseURL returns the configured database URL, or a usage error
// saying how to set one.
func (a *App) DatabaseURL() (string, error) { return a.proj.DatabaseURL() }

// ParseURL parses the configured database URL without connecting, for
// offline (--sql) work. A bad URL is a usage error.
func (a *App) ParseURL() (*dialect.URL, error) { return a.proj.ParseURL() }

// OfflineURL parses the configured database URL for offline (--sql)
// work, which needs only its dialect: environment variables of
// migrate.toml's database_url that are not set count as empty, since
// nothing connects. A URL that still cannot be parsed is a usage error.
func (a *App) OfflineURL() (*dialect.URL, error) { return a.proj.OfflineURL() }

// OpenDB connects to the configured database with dialect.Open. A missing
// or malformed URL is a usage error (exit 2); a database that cannot be
// reached is a failure (exit 3). The caller closes the database.
func (a *App) OpenDB(ctx context.Context) (*dialect.DB, error) { return a.proj.OpenDB(ctx) }

// prepare checks the global flags before a command runs.
func (a *App) prepare() error {
	if a.flags.quiet && a.flags.verbose {
		return Usagef("-q/--quiet and -v/--verbose cannot be used together")
	}
	return nil
}

// masker returns a masker that knows every database URL of this run.
func (a *App) masker() *dialect.Masker {
	m := &dialect.Masker{}
	m.AddURL(a.flags.databaseURL)
	for _, name := range []string{"MIGRATE_DATABASE_URL", "DATABASE_URL"} {
		if v, ok := a.lookupEnv(name); ok {
			m.AddURL(v)
		}
	}
	if a.cfg != nil {
		for _, u := range a.cfg.SeenURLs() {
			m.AddURL(u)
		}
	}
	return m
}

// Mask hides the passwords of the configured database URLs in s.
func (a *App) Mask(s string) string { return a.masker().Mask(s) }

// errorLine is the one line Execute prints for err.
func (a *App) errorLine(err error) string {
	return fmt.Sprintf("migrate: %s\n", oneline.Join(a.Mask(err.Error())))
}
