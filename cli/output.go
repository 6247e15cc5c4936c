package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Printf writes a result line (or any text) to stdout, passwords masked.
func (a *App) Printf(format string, args ...any) {
	fmt.Fprint(a.Stdout, a.Mask(fmt.Sprintf(format, args...)))
}

// Infof writes a progress message to stderr, unless -q was given. A
// newline is added when missing.
func (a *App) Infof(format string, args ...any) {
	if !a.flags.quiet {
		a.message("", format, args...)
	}
}

// Debugf writes a detail message to stderr when -v was given.
func (a *App) Debugf(format string, args ...any) {
	if a.flags.verbose {
		a.message("", format, args...)
	}
}

// Warnf writes "migrate: warning: …" to stderr, even with -q.
func (a *App) Warnf(format string, args ...any) {
	a.message("migrate: warning: ", format, args...)
}

func (a *App) message(prefix, format string, args ...any) {
	s := a.Mask(prefix + fmt.Sprintf(format, args...))
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	fmt.Fprint(a.Stderr, s)
}

// Result prints a command's result: v as indented JSON with --json, else
// the text written by human (nil: none). Passwords are masked in both.
func (a *App) Result(v any, human func(w io.Writer) error) error {
	var buf bytes.Buffer
	if a.flags.json {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("encode JSON output: %w", err)
		}
	} else if human != nil {
		if err := human(&buf); err != nil {
			return err
		}
	}
	_, err := io.WriteString(a.Stdout, a.Mask(buf.String()))
	return err
}
