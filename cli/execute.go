package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"
)

// Execute runs the command tree on args (without the program name) and
// returns the exit status of SPEC §6. Results go to stdout; a failure is
// reported as one line "migrate: <message>" on stderr, with the passwords
// of the configured database URLs masked. Cancelling ctx (Ctrl-C) stops
// the command; the status is then non-zero.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...Option) int {
	app := newApp(append(slices.Clip(opts), WithOutput(stdout, stderr))...)
	app.args = args
	root := newRootCommand(app)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	return app.report(ctx, cmd, err)
}

// report prints the error line for err and returns the exit status.
func (a *App) report(ctx context.Context, cmd *cobra.Command, err error) int {
	if err == nil {
		return ExitOK
	}
	if !a.started {
		// Cobra rejected the command line before any command ran: an
		// unknown command or flag, or wrong arguments.
		err = Usage(err)
	}
	code := ExitCode(err)
	msg := err.Error()
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		msg = "interrupted: " + msg
	}
	if !a.started && cmd != nil {
		msg = noArgsMessage(cmd, msg)
		msg += fmt.Sprintf(" (see '%s --help')", cmd.CommandPath())
	}
	if msg != "" {
		fmt.Fprint(a.Stderr, a.errorLine(errors.New(msg)))
	}
	return code
}

// noArgsMessage rewrites cobra.NoArgs's refusal of an argument to a
// command without subcommands, `unknown command "x" for "migrate heads"`,
// which reads as if x were meant as a command, to say that the command
// takes no arguments. Other messages are returned unchanged.
func noArgsMessage(cmd *cobra.Command, msg string) string {
	var arg string
	if !cmd.HasParent() || cmd.HasSubCommands() {
		return msg
	}
	if _, err := fmt.Sscanf(msg, "unknown command %q for", &arg); err != nil {
		return msg
	}
	return fmt.Sprintf("%s takes no arguments, got %q", cmd.CommandPath(), arg)
}
