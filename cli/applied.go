package cli

import (
	"context"
	"io"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/runner"
)

// runHistoryApplied is `history --applied`: the runner's history table,
// newest first (one line per applied step; -v adds failures' errors and
// statements). It only reads; a missing table lists nothing.
func runHistoryApplied(ctx context.Context, app *App) error {
	return app.proj.Read(ctx, func(_ *project.Scripts, r *runner.Runner) error {
		rep, err := r.HistoryReport(ctx)
		if err != nil {
			return Failure(err)
		}
		return app.Result(rep, func(w io.Writer) error { return rep.Write(w, app.Verbose()) })
	})
}
