// Package cli is the command-line interface of migrate: the cobra command
// tree, configuration loading (package cli/config) and the mapping of errors
// to exit codes. It is shared by cmd/migrate and by the per-project runner
// binary that compiles a project's Go revisions in.
//
// # Running
//
// Execute runs the tree on a list of arguments and returns the exit code
// (SPEC §6): 0 success, 1 a check failed, 2 a usage or input error, 3 a
// database or migration failure. It prints at most one error line,
// "migrate: <message>", on stderr, with every password masked.
//
// # Adding a command
//
// A command lives in its own file cli/cmd_<name>.go with a constructor
//
//	func newFooCommand(app *App) *cobra.Command {
//		return &cobra.Command{
//			Use:   "foo [REV]",
//			Short: "One line for the command list",
//			Args:  cobra.MaximumNArgs(1),
//			RunE: func(cmd *cobra.Command, args []string) error {
//				cfg, err := app.Config() // migrate.toml + env + flags
//				if err != nil {
//					return err
//				}
//				db, err := app.OpenDB(cmd.Context()) // exit 3 on failure
//				if err != nil {
//					return err
//				}
//				defer db.Close()
//				…
//				return app.Result(data, func(w io.Writer) error { … })
//			},
//		}
//	}
//
// and one line in the commands list of root.go. Rules for commands:
//
//   - Do the work in RunE (not PreRunE/PersistentPreRunE): an error returned
//     before RunE starts is treated as a usage error (exit 2).
//   - Return errors, never print them or exit: Execute prints and maps
//     them. Wrap input problems with Usage/Usagef (exit 2), a failed
//     check with CheckFailed (exit 1), and database or migration failures
//     with Failure (exit 3, also the default for unclassified errors).
//     *config.Error and *dialect.URLError are usage errors by themselves.
//   - Print results with App.Printf or App.Result (which honours --json),
//     progress with App.Infof (silenced by -q), details with App.Debugf
//     (shown by -v), and warnings with App.Warnf. All of them mask
//     passwords; print database URLs as dialect.URL.Redacted anyway.
//   - Use App.WorkDir instead of os.Getwd and App.LookupEnv instead of
//     os.Getenv, so that tests can run commands in parallel.
package cli

// The command reference docs/commands is generated from this command tree.
//go:generate go test . -run TestCommandReference -update-commands
