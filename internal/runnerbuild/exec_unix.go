//go:build unix

package runnerbuild

import (
	"context"
	"fmt"
	"os"
	"syscall"
)

// Run runs the compiled runner: it replaces the process (exec) when
// ReplaceProcess is set, and returns only if that fails; else it starts it
// as a child process and returns its exit status (*ExitError).
func (x *Exec) Run(ctx context.Context) error {
	if x.ReplaceProcess {
		err := syscall.Exec(x.Bin, append([]string{x.Bin}, x.Args...), x.Env)
		return fmt.Errorf("run the compiled runner %s: %w", x.Bin, err)
	}
	return x.spawn(ctx)
}

// interruptProcess asks a process to stop as Ctrl-C would.
func interruptProcess(p *os.Process) error { return p.Signal(os.Interrupt) }
