package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/migratego/migrate/runner"
)

// runHistoryApplied is `history --applied`: the runner's history table,
// newest first (one line per applied step; -v adds failures' errors and
// statements). It only reads; a missing table lists nothing.
func runHistoryApplied(ctx context.Context, app *App) error {
	var entries []runner.HistoryEntry
	if err := app.checkDatabaseFile(); err != nil {
		return err
	}
	s, err := app.loadRunnable()
	if err != nil {
		return err
	}
	err = app.withReadRunner(ctx, s, func(r *runner.Runner) error {
		entries, err = r.AppliedHistory(ctx)
		return Failure(err)
	})
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []runner.HistoryEntry{}
	}
	return app.Result(struct {
		Entries []runner.HistoryEntry `json:"entries"`
	}{entries}, func(w io.Writer) error {
		return writeAppliedHistory(w, entries, app.Verbose())
	})
}

// writeAppliedHistory prints history entries as a table.
func writeAppliedHistory(w io.Writer, entries []runner.HistoryEntry, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED (UTC)\tSTEP\tSTATUS\tDURATION\tOPERATOR\tVERSION\tTAG")
	for _, e := range entries {
		status := e.StatusText()
		dur := ""
		if !e.FinishedAt.IsZero() {
			dur = runner.FormatElapsed(e.Duration)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.StartedAt.UTC().Format(time.DateTime),
			e.Step, status, dur, e.Operator, e.ToolVersion, e.Tag)
		if verbose && e.Error != "" {
			fmt.Fprintf(tw, "\t  error: %s\n", oneLine(e.Error))
		}
		if verbose && e.FailedStatement != "" {
			fmt.Fprintf(tw, "\t  statement: %s\n", oneLine(e.FailedStatement))
		}
	}
	return tw.Flush()
}
