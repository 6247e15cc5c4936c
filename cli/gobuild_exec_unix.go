//go:build unix

package cli

import (
	"context"
	"fmt"
	"os"
	"syscall"
)

// execRunner runs the compiled runner with this command's arguments:
// it replaces the process (exec) in the migrate binary, so that signals,
// the exit status and the terminal go to the runner directly; an App
// embedded in another program starts it as a child process instead.
func (a *App) execRunner(ctx context.Context, bin string) error {
	args, env := a.runnerArgs(), a.runnerEnv()
	if a.replacesProcess() {
		err := syscall.Exec(bin, append([]string{bin}, args...), env)
		return Failure(fmt.Errorf("run the compiled runner %s: %w", bin, err))
	}
	return a.spawnRunner(ctx, bin, args, env)
}

// interruptProcess asks a process to stop as Ctrl-C would.
func interruptProcess(p *os.Process) error { return p.Signal(os.Interrupt) }
