// Package editor opens files in the user's editor, as Alembic's
// util.editor does for `alembic edit`.
package editor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Find returns the editor named by the EDITOR environment variable, else
// VISUAL, as lookupEnv reads them; "" when neither is set.
func Find(lookupEnv func(string) (string, bool)) string {
	for _, name := range []string{"EDITOR", "VISUAL"} {
		if v, ok := lookupEnv(name); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Open runs editor on path, attached to the terminal (the process's
// stdin, and stdout and stderr). The editor setting may hold arguments
// ("code --wait"); on Unix it is run by the shell, as git runs
// core.editor. An editor that fails is an error naming it and path.
func Open(ctx context.Context, editor, path string, stdout, stderr io.Writer) error {
	var cmd *exec.Cmd
	if runtime.GOOS == "windows" {
		f := strings.Fields(editor)
		cmd = exec.CommandContext(ctx, f[0], append(f[1:], path)...)
	} else {
		cmd = exec.CommandContext(ctx, "/bin/sh", "-c", editor+` "$@"`, editor, path)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("edit %s: the editor %q exited with status %d", path, editor, exitErr.ExitCode())
		}
		return fmt.Errorf("edit %s: run the editor %q: %w", path, editor, err)
	}
	return nil
}
