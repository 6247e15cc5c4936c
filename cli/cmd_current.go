package cli

import (
	"context"
	"io"

	"github.com/migratego/migrate/internal/project"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/spf13/cobra"

	"github.com/migratego/migrate/versions"
)

func newCurrentCommand(app *App) *cobra.Command {
	var checkHeads bool
	cmd := &cobra.Command{
		Use:   "current",
		Short: "Show the database's current revisions",
		Long: `current prints the revisions in the database's version table, one per
line, as alembic current: "<id> (head)" for a revision that is a head of
the scripts, "(base)" when no revision is applied (--json: an empty
list). -v prints each revision's details. It only reads: a missing
version table means nothing is applied, and it is not created; a SQLite
database file that does not exist is an error (exit 3).

--check-heads exits with status 1 when the database is not at the heads of
the scripts (for deploy checks). A version table naming a revision the
scripts do not have is an error (exit 3): the database is newer than the
checkout.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCurrent(cmd.Context(), app, checkHeads)
		},
	}
	cmd.Flags().BoolVar(&checkHeads, "check-heads", false, "exit with status 1 unless the database is at the heads")
	return cmd
}

func runCurrent(ctx context.Context, app *App, checkHeads bool) error {
	return app.proj.Read(ctx, func(s *project.Scripts, r *runner.Runner) error {
		res, err := r.Report(ctx, scriptdir.ShownPath)
		if err != nil {
			return Failure(err)
		}
		f := s.Dir.Formatter(nil)
		if err := app.Result(res, func(w io.Writer) error { return res.Write(w, f, app.Verbose()) }); err != nil {
			return err
		}
		if res.Unknown != nil {
			return Failure(res.Unknown)
		}
		if checkHeads && !res.AtHeads {
			return CheckFailed("the database is not at the heads: it is at %s, the scripts' heads are %s", versions.DescribeRows(res.Rows), versions.DescribeRows(res.Heads))
		}
		return nil
	})
}
