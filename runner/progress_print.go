package runner

import (
	"fmt"
	"io"
	"time"
)

// PrintProgress prints Alembic's log line for the step p reports on w:
// "Running upgrade a -> b, add users ... done (12 ms)". The start of a
// step prints the message and " ... ", its end the outcome and duration
// on the same line. mask hides passwords in the messages (nil: none).
func PrintProgress(w io.Writer, p Progress, mask func(string) string) {
	if mask == nil {
		mask = func(s string) string { return s }
	}
	switch p.Phase {
	case StepStarted:
		msg := p.Message
		if p.Resumed > 0 {
			msg += fmt.Sprintf(" (resuming at statement %d)", p.Resumed+1)
		}
		fmt.Fprint(w, mask(msg+" ... "))
	case StepFinished:
		if p.Pending {
			fmt.Fprintf(w, "ran, to be committed with the whole run (%s)\n", FormatElapsed(p.Elapsed))
		} else {
			fmt.Fprintf(w, "done (%s)\n", FormatElapsed(p.Elapsed))
		}
	case StepFailed:
		fmt.Fprintf(w, "FAILED (%s)\n", FormatElapsed(p.Elapsed))
	case RunCommitted, Notice:
		fmt.Fprintln(w, mask(p.Message))
	}
}

// FormatElapsed prints a step's duration: milliseconds below ten
// seconds, else seconds.
func FormatElapsed(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
