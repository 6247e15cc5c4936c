package cli

import (
	"context"
	"io"

	"github.com/migratego/migrate/runner"
)

// runHistoryApplied is `history --applied`: the runner's history table,
// newest first (one line per applied step; -v adds failures' errors and
// statements). It only reads; a missing table lists nothing.
func runHistoryApplied(ctx context.Context, app *App) error {
	if err := app.proj.CheckDatabaseFile(); err != nil {
		return err
	}
	s, err := app.proj.LoadRunnable()
	if err != nil {
		return err
	}
	var rep *runner.HistoryReport
	err = app.proj.WithReadRunner(ctx, s, func(r *runner.Runner) error {
		rep, err = r.HistoryReport(ctx)
		return Failure(err)
	})
	if err != nil {
		return err
	}
	return app.Result(rep, func(w io.Writer) error { return rep.Write(w, app.Verbose()) })
}
