package runner

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/migratego/migrate/internal/oneline"
	"github.com/migratego/migrate/versions"
)

// HistoryReport is the history table of a database, newest first, as
// `migrate history --applied` prints it.
type HistoryReport struct {
	Entries []HistoryEntry `json:"entries"`
}

// HistoryReport reads the history table (AppliedHistory) into a report
// whose Entries are empty, never nil, when the table does not exist.
func (r *Runner) HistoryReport(ctx context.Context) (*HistoryReport, error) {
	entries, err := r.AppliedHistory(ctx)
	if err != nil {
		return nil, err
	}
	return &HistoryReport{Entries: append([]HistoryEntry{}, entries...)}, nil
}

// Write prints the entries as a table, one line per step; verbose adds
// the error and the failed statement of each failure.
func (h *HistoryReport) Write(w io.Writer, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED (UTC)\tSTEP\tSTATUS\tDURATION\tOPERATOR\tVERSION\tTAG")
	for _, e := range h.Entries {
		dur := ""
		if !e.FinishedAt.IsZero() {
			dur = FormatElapsed(e.Duration)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.StartedAt.UTC().Format(time.DateTime),
			e.Step, e.StatusText(), dur, e.Operator, e.ToolVersion, e.Tag)
		if verbose && e.Error != "" {
			fmt.Fprintf(tw, "\t  error: %s\n", oneline.Join(e.Error))
		}
		if verbose && e.FailedStatement != "" {
			fmt.Fprintf(tw, "\t  statement: %s\n", oneline.Join(e.FailedStatement))
		}
	}
	return tw.Flush()
}

// VerifyReport is what `migrate verify` reports: the applied revisions
// whose files changed or vanished, and the one left partly applied.
type VerifyReport struct {
	Problems []VerifyProblem `json:"problems"`
}

// VerifyReport compares the applied revisions with their files (Verify)
// into a report whose Problems are empty, never nil, when all match.
func (r *Runner) VerifyReport(ctx context.Context) (*VerifyReport, error) {
	problems, err := r.Verify(ctx)
	if err != nil {
		return nil, err
	}
	return &VerifyReport{Problems: append([]VerifyProblem{}, problems...)}, nil
}

// Write prints each problem (VerifyProblem.Describe); without any, and
// unless quiet, it says that every applied revision matches its file.
func (v *VerifyReport) Write(w io.Writer, verbose, quiet bool) error {
	for _, p := range v.Problems {
		io.WriteString(w, p.Describe(verbose))
	}
	if len(v.Problems) == 0 && !quiet {
		fmt.Fprintln(w, "all applied revisions match their files")
	}
	return nil
}

// Summary tells in one line what a run of verb ("upgrade" or
// "downgrade") did: how many revisions it applied or reverted and where
// the database is now.
func (r *Result) Summary(verb string) string {
	if len(r.Steps) == 0 {
		return fmt.Sprintf("nothing to %s: the database is at %s", verb, versions.DescribeRows(r.After))
	}
	done := "applied"
	if verb == "downgrade" {
		done = "reverted"
	}
	return fmt.Sprintf("%s: %d revision(s) %s; the database is at %s", verb, len(r.Steps), done, versions.DescribeRows(r.After))
}
