package runner

import (
	"fmt"
	"strings"
)

// Describe tells what is known of a partly applied revision: its step,
// file and history entry and the state of each statement ("1 ran, 2
// unknown, 3 not run"), on one line ending in a newline; verbose adds
// one line per statement with its text.
func (p *Partial) Describe(verbose bool) string {
	where := p.Path
	if where == "" {
		where = "file gone"
	}
	states := make([]string, len(p.Statements))
	for i, st := range p.Statements {
		states[i] = fmt.Sprintf("%d %s", st.Index, st.State)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "partly applied: %s (%s), history entry %d: statements %s\n", p.Step, where, p.HistoryID, strings.Join(states, ", "))
	if verbose {
		for _, st := range p.Statements {
			fmt.Fprintf(&b, "  %d. [%s] %s\n", st.Index, st.State, st.Text)
		}
	}
	return b.String()
}

// StatusText is the entry's status as history --applied shows it: the
// status, and for a step that did not finish how many of its statements
// ran and what became of the next one, e.g. "failed (2/5 statements ran;
// statement 3 failed)".
func (e *HistoryEntry) StatusText() string {
	switch {
	case e.Status == StatusOK || e.Direction == DirectionStamp:
		return e.Status
	case e.StatementCount > 0:
		return e.Status + fmt.Sprintf(" (%d/%d statements ran%s)", e.StatementsDone, e.StatementCount, e.nextState())
	case e.StatementsDone > 0 || e.Status == StatusUnknown:
		return e.Status + fmt.Sprintf(" (%d statements ran%s)", e.StatementsDone, e.nextState())
	}
	return e.Status
}

// nextState describes the statement the entry stopped at, for an entry
// that did not finish: the recorded FailedIndex, else the statement after
// those that ran. With none ran and no FailedIndex (a history entry of an
// older migrate), a failed or interrupted entry may be a revision whose
// transaction rolled back whatever statement it stopped at: which one it
// was is not known, and nothing is said of it. When a transaction rolled
// back statements before the failing one, they are named.
func (e *HistoryEntry) nextState() string {
	n := e.stoppedAt()
	if n == 0 {
		return ""
	}
	var s string
	switch e.Status {
	case StatusUnknown, StatusRunning:
		s = fmt.Sprintf("; statement %d unknown", n)
	case StatusFailed:
		s = fmt.Sprintf("; statement %d failed", n)
	case StatusInterrupted:
		s = fmt.Sprintf("; statement %d not run", n)
	default:
		return ""
	}
	switch first := e.StatementsDone + 1; {
	case n-1 == first:
		s += fmt.Sprintf(", statement %d rolled back with it", first)
	case n-1 > first:
		s += fmt.Sprintf(", statements %d-%d rolled back with it", first, n-1)
	}
	return s
}

// stoppedAt returns the 1-based index of the statement the entry stopped
// at, or 0 when it is not known (see nextState).
func (e *HistoryEntry) stoppedAt() int {
	switch {
	case e.FailedIndex > 0:
		return e.FailedIndex
	case e.StatementsDone == 0 && (e.Status == StatusFailed || e.Status == StatusInterrupted):
		return 0
	}
	return e.StatementsDone + 1
}

// Describe tells the problem as verify shows it, on one line ending in
// a newline (a partly applied revision: Partial.Describe).
func (p *VerifyProblem) Describe(verbose bool) string {
	switch p.Problem {
	case "changed":
		return fmt.Sprintf("%s: changed since it was applied: %s (applied checksum %s, file checksum %s)\n"+
			"  restore the file as it was applied, or record an edit made on purpose: migrate verify --accept %s\n",
			p.Revision, p.Path, shortChecksum(p.AppliedChecksum), shortChecksum(p.FileChecksum), p.Revision)
	case "partly applied":
		return p.Partial.Describe(verbose)
	}
	return fmt.Sprintf("%s: applied, but no revision file has it any more\n", p.Revision)
}

// shortChecksum abbreviates a checksum.
func shortChecksum(sum string) string {
	if len(sum) > 12 {
		return sum[:12]
	}
	return sum
}
