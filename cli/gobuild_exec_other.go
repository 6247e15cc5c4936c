//go:build !unix

package cli

import (
	"context"
	"os"
)

// execRunner runs the compiled runner as a child process with this
// command's arguments and returns its exit status (there is no exec on
// this system).
func (a *App) execRunner(ctx context.Context, bin string) error {
	return a.spawnRunner(ctx, bin, a.runnerArgs(), a.runnerEnv())
}

// interruptProcess stops a process (there is no interrupt signal to send
// to another process on this system).
func interruptProcess(p *os.Process) error { return p.Kill() }
