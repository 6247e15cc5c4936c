package cli

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/internal/suggest"
	"github.com/migratego/migrate/runner"
)

// runFlags are the flags shared by the commands that change the database
// (upgrade, downgrade, stamp, ensure-version).
type runFlags struct {
	sql         bool
	tag         string
	transaction string
	lockTimeout time.Duration
	lock        string
	lockLease   time.Duration
	resumeAt    int
}

// addUpgradeFlags registers the flags of upgrade and downgrade: --sql
// (with sqlHelp), --tag, --transaction, the lock flags and --resume-at.
func (f *runFlags) addUpgradeFlags(cmd *cobra.Command, sqlHelp string) {
	fl := cmd.Flags()
	fl.BoolVar(&f.sql, "sql", false, sqlHelp)
	fl.StringVar(&f.tag, "tag", "", "a tag recorded with the run in the history table")
	fl.StringVar(&f.transaction, "transaction", "per-revision", "per-revision, or all: one transaction around the whole run (PostgreSQL, SQLite)")
	f.addLockTimeoutFlag(cmd)
	fl.IntVar(&f.resumeAt, "resume-at", 0,
		"resume the revision an earlier run left partly applied at statement N (the statements before N count as applied)")
}

// addLockTimeoutFlag registers --lock-timeout, --lock and --lock-lease.
func (f *runFlags) addLockTimeoutFlag(cmd *cobra.Command) {
	cmd.Flags().DurationVar(&f.lockTimeout, "lock-timeout", config.DefaultLockTimeout,
		"how long to wait for another migrate process to finish (default from lock_timeout in migrate.toml)")
	cmd.Flags().StringVar(&f.lock, "lock", config.DefaultLock,
		"the migration lock: auto (the database's own) or table (a lease row, for clusters and poolers; default from lock in migrate.toml)")
	cmd.Flags().DurationVar(&f.lockLease, "lock-lease", config.DefaultLockLease,
		"how long a table lock stays valid without a heartbeat: the longest a crashed run blocks the next (default from lock_lease in migrate.toml)")
}

// runnerSettings loads the scripts for running them and returns the
// settings of the run: the configuration, overridden by the flags given,
// checked (bad flags are usage errors).
func (a *App) runnerSettings(cmd *cobra.Command, f *runFlags) (*project.Scripts, *runner.Settings, error) {
	s, err := a.proj.LoadRunnable()
	if err != nil {
		return nil, nil, err
	}
	set := project.Settings(s.Config, a.Version)
	set.ResumeAt, set.Tag, set.Progress = f.resumeAt, f.tag, a.printProgress
	fl := cmd.Flags()
	if fl.Changed("lock-timeout") {
		set.LockTimeout = f.lockTimeout
	}
	if fl.Changed("lock") {
		set.Lock = f.lock
	}
	if fl.Changed("lock-lease") {
		set.LockLease = f.lockLease
	}
	if fl.Changed("transaction") {
		set.Transaction = f.transaction
	}
	return s, set, Usage(set.Check())
}

// printProgress prints the runner's progress on stderr unless -q.
func (a *App) printProgress(p runner.Progress) {
	if !a.Quiet() {
		runner.PrintProgress(a.Stderr, p, a.Mask)
	}
}

// openRunner loads the scripts, connects and returns a runner; the
// transaction mode is set only for the commands that have --transaction.
// The caller closes db.
func (a *App) openRunner(ctx context.Context, cmd *cobra.Command, f *runFlags) (*runner.Runner, *dialect.DB, error) {
	s, set, err := a.runnerSettings(cmd, f)
	if err != nil {
		return nil, nil, err
	}
	return a.proj.OpenRunner(ctx, s, set, cmd.Flags().Lookup("transaction") != nil)
}

// offlineRunner returns a runner printing SQL for the dialect of the
// configured URL to stdout, without connecting.
func (a *App) offlineRunner(cmd *cobra.Command, f *runFlags) (*runner.OfflineRunner, error) {
	d, err := a.proj.OfflineDialect()
	if err != nil {
		return nil, err
	}
	s, set, err := a.runnerSettings(cmd, f)
	if err != nil {
		return nil, err
	}
	return a.proj.OfflineRunner(d, s, set, cmd.Flags().Lookup("transaction") != nil, a.Stdout)
}

// runnerError classifies a runner error for the exit status: bad
// identifiers, scripts for another database, unusable transaction modes
// and revision files that cannot be run are input errors (2); everything
// else (database errors, failed migrations, lock timeouts, a database
// newer than the scripts, a partly applied revision) is a failure (3).
func runnerError(err error) error {
	switch {
	case err == nil:
		return nil
	case runner.IsInputError(err):
		return Usage(err)
	}
	return Failure(err)
}

// negativeTarget matches a relative target such as -1, which the flag
// parser would take for a shorthand flag.
var negativeTarget = regexp.MustCompile(`^-[0-9]+$`)

// allowNegativeTarget lets a command take "-N" arguments (`downgrade -1`,
// as in Alembic): it parses the flags itself, after moving such arguments
// behind "--". Call it on the command before it joins the tree.
func allowNegativeTarget(app *App, cmd *cobra.Command) {
	cmd.DisableFlagParsing = true
	run, validate := cmd.RunE, cmd.Args
	// Cobra would check the raw arguments, flags included.
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(c *cobra.Command, args []string) error {
		var flags, targets []string
		for _, a := range args {
			if negativeTarget.MatchString(a) {
				targets = append(targets, a)
			} else {
				flags = append(flags, a)
			}
		}
		c.DisableFlagParsing = false
		err := c.ParseFlags(append(append(flags, "--"), targets...))
		c.DisableFlagParsing = true
		if err != nil {
			return Usage(fmt.Errorf("%w (see '%s --help')", suggest.UnknownFlag(err, c.Flags()), c.CommandPath()))
		}
		if help, _ := c.Flags().GetBool("help"); help {
			return c.Help()
		}
		if err := app.prepare(); err != nil {
			return err
		}
		rest := c.Flags().Args()
		if validate != nil {
			if err := validate(c, rest); err != nil {
				return Usage(fmt.Errorf("%w (see '%s --help')", err, c.CommandPath()))
			}
		}
		return run(c, rest)
	}
}
