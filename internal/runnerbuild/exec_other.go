//go:build !unix

package runnerbuild

import (
	"context"
	"os"
)

// Run runs the compiled runner as a child process and returns its exit
// status (*ExitError); there is no exec on this system.
func (x *Exec) Run(ctx context.Context) error { return x.spawn(ctx) }

// interruptProcess stops a process (there is no interrupt signal to send
// to another process on this system).
func interruptProcess(p *os.Process) error { return p.Kill() }
