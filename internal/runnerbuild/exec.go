package runnerbuild

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Exec says how to run a compiled runner.
type Exec struct {
	// Bin is the runner binary; Args its arguments (without the program
	// name); Env its environment (see Environ); Dir its working directory.
	Bin  string
	Args []string
	Env  []string
	Dir  string
	// Stdout and Stderr receive the runner's output when it runs as a
	// child process.
	Stdout, Stderr io.Writer
	// ReplaceProcess replaces this process by the runner (exec, on Unix)
	// instead of starting a child: in the migrate binary, so that
	// signals, the exit status and the terminal go to the runner
	// directly. Where exec does not exist the runner runs as a child.
	ReplaceProcess bool
}

// ExitError is the exit status of a compiled runner that failed; its
// messages are already on its stderr.
type ExitError struct{ Code int }

// Error implements the error interface: the runner has said it all.
func (e *ExitError) Error() string { return "" }

// ExitCode returns the runner's exit status.
func (e *ExitError) ExitCode() int { return e.Code }

// Environ returns the environment of a runner: the process's, with the
// variables names set as lookupEnv sees them (absent when it has none)
// and the EnvRunner mark.
func Environ(names []string, lookupEnv func(string) (string, bool)) []string {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !set[name] && name != EnvRunner {
			env = append(env, kv)
		}
	}
	for name := range set {
		if v, ok := lookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	return append(env, EnvRunner+"=1")
}

// spawn runs the runner as a child process and returns its exit status
// as an *ExitError. Cancelling ctx interrupts it (it then rolls back and
// releases the lock) and kills it 30 seconds later.
func (x *Exec) spawn(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, x.Bin, x.Args...)
	cmd.Dir = x.Dir
	cmd.Env = x.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, x.Stdout, x.Stderr
	cmd.Cancel = func() error { return interruptProcess(cmd.Process) }
	cmd.WaitDelay = 30 * time.Second
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		return &ExitError{Code: exit.ExitCode()}
	default:
		return fmt.Errorf("run the compiled runner %s: %w", x.Bin, err)
	}
}
