package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/internal/suggest"
)

// commands lists the constructors of the subcommands, in help order.
// Adding a command is one line here plus its cmd_<name>.go file.
var commands = []func(*App) *cobra.Command{
	newInitCommand,
	newInfoCommand,
	newInspectCommand,
	newRevisionCommand,
	newMergeCommand,
	newRebaseCommand,
	newSquashCommand,
	newHistoryCommand,
	newHeadsCommand,
	newBranchesCommand,
	newShowCommand,
	newEditCommand,
	newUpgradeCommand,
	newDowngradeCommand,
	newStampCommand,
	newCurrentCommand,
	newEnsureVersionCommand,
	newVerifyCommand,
	newCheckCommand,
	newLintCommand,
	newTestCommand,
	newBuildCommand,
	newVersionCommand,
}

// NewRootCommand returns the migrate command tree. Writers, version and
// working directory come from the options; see Execute for running it with
// exit codes and masked error messages.
func NewRootCommand(opts ...Option) *cobra.Command {
	return newRootCommand(newApp(opts...))
}

func newRootCommand(app *App) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "migrate",
		Short: "Database schema migrations with a revision graph, in the spirit of Alembic",
		Long: `migrate manages database schema migrations: revisions form a graph
(branches, merges, dependencies), are written in Go or SQL, and run on
PostgreSQL, MySQL/MariaDB and SQLite.

Configuration comes from migrate.toml (found in the current directory or
its nearest parent, or named by -c), MIGRATE_* environment variables and
flags, in increasing precedence.

Exit status: 0 success, 1 a check failed, 2 usage or input error,
3 database or migration failure.`,
		Args:          unknownCommand,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				fmt.Fprintf(app.Stdout, "migrate %s\n", app.Version)
				return nil
			}
			return cmd.Help()
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetHelpCommand(newHelpCommand(root))
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	root.Flags().BoolVar(&showVersion, "version", false, "print the version and exit")

	pf := root.PersistentFlags()
	pf.StringVarP(&app.flags.config, "config", "c", "", "configuration file (default: migrate.toml here or in a parent directory; env MIGRATE_CONFIG)")
	pf.StringVar(&app.flags.databaseURL, "database-url", "", "database URL (env MIGRATE_DATABASE_URL, DATABASE_URL)")
	pf.StringVar(&app.flags.dir, "dir", "", "script directory, overriding script_location (env MIGRATE_SCRIPT_LOCATION)")
	pf.BoolVarP(&app.flags.quiet, "quiet", "q", false, "print only results and errors")
	pf.BoolVarP(&app.flags.verbose, "verbose", "v", false, "print more detail")
	pf.BoolVar(&app.flags.json, "json", false, "machine-readable JSON output where supported")

	for _, newCmd := range commands {
		root.AddCommand(newCmd(app))
	}
	for _, newCmd := range app.extra {
		root.AddCommand(newCmd(app))
	}
	if app.proj.Bundle != nil {
		restrictToRunTime(root)
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return Usage(suggest.UnknownFlag(err, cmd.Flags())) })
	wrapRun(root, app)
	return root
}

// wrapRun makes every command record that it started (so that earlier
// errors count as usage errors) and check the global flags first.
func wrapRun(cmd *cobra.Command, app *App) {
	if run := cmd.Run; run != nil && cmd.RunE == nil {
		cmd.Run = nil
		cmd.RunE = func(c *cobra.Command, args []string) error {
			run(c, args)
			return nil
		}
	}
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(c *cobra.Command, args []string) error {
			app.started = true
			if err := app.prepare(); err != nil {
				return err
			}
			return run(c, args)
		}
	}
	for _, sub := range cmd.Commands() {
		wrapRun(sub, app)
	}
}

// runTimeCommands are the commands of a deploy binary (SPEC §6): what a
// deploy runs, reads and checks. version and cobra's help are kept too.
var runTimeCommands = []string{"upgrade", "downgrade", "stamp", "current", "history", "heads", "verify", "check", "info", "version", "help", "completion"}

// restrictToRunTime makes the other commands of a deploy binary refuse
// to run, with a message, and hides them from the help: they write
// revision files the binary would never read (revision, merge, init,
// edit), or belong to development (inspect, build…).
func restrictToRunTime(root *cobra.Command) {
	for _, c := range root.Commands() {
		if slices.Contains(runTimeCommands, c.Name()) {
			continue
		}
		name := c.Name()
		c.Hidden = true
		c.DisableFlagParsing = true // refuse whatever the flags
		c.Args = cobra.ArbitraryArgs
		c.Run = nil
		c.RunE = func(*cobra.Command, []string) error {
			return Usagef("%s is not available in a deploy binary, which carries the revisions it was built with and runs them "+
				"(commands: %s); run `migrate %s` in the project's source tree", name, deployCommandList(root), name)
		}
	}
}

// deployCommandList names the commands a deploy binary runs, in the
// order of runTimeCommands.
func deployCommandList(root *cobra.Command) string {
	var names []string
	for _, name := range runTimeCommands {
		if c, _, err := root.Find([]string{name}); err == nil && c != root && c.Name() == name && name != "help" && name != "completion" {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// unknownCommand refuses arguments to the root command: the first is an
// unknown command, named with the closest command when one is near
// ("upgrad": did you mean "upgrade"?).
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return unknownName(cmd, fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath()), args[0])
}

// unknownName is the error msg about name, which names no command of
// root, with the closest command when one is near.
func unknownName(root *cobra.Command, msg, name string) error {
	if s := root.SuggestionsFor(name); len(s) > 0 {
		msg += fmt.Sprintf(": did you mean %q?", s[0])
	}
	return errors.New(msg)
}

// newHelpCommand is cobra's help command, except that an unknown topic
// is a usage error naming the closest command (cobra printed the root
// help and exited 0 for "migrate help upgrad").
func newHelpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "help shows the help of any command: migrate help [path to command].",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err == nil && target == root && len(rest) > 0 {
				err = unknownName(root, fmt.Sprintf("unknown help topic %q", rest[0]), rest[0])
			}
			if err != nil {
				return Usage(err)
			}
			return target.Help()
		},
	}
}
