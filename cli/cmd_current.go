package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/migratego/migrate/runner"
	"github.com/spf13/cobra"
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

// currentJSON is the --json output of current.
type currentJSON struct {
	Revisions []currentRevJSON `json:"revisions"`
	AtHeads   bool             `json:"at_heads"`
	// Partial is the revision an earlier run left partly applied.
	Partial *runner.Partial `json:"partial,omitempty"`
}

type currentRevJSON struct {
	ID       string   `json:"id"`
	Head     bool     `json:"head"`
	Known    bool     `json:"known"`
	Message  string   `json:"message,omitempty"`
	Branches []string `json:"branches,omitempty"`
	Path     string   `json:"path,omitempty"`
}

func runCurrent(ctx context.Context, app *App, checkHeads bool) error {
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	s, err := app.loadRunnable()
	if err != nil {
		return err
	}
	if err := app.checkDatabaseFile(); err != nil {
		return err
	}
	var rows []string
	var unknown *runner.UnknownRevisionError
	var partial *runner.Partial
	err = app.withReadRunner(ctx, cfg, s, func(r *runner.Runner) error {
		rows, err = r.Current(ctx)
		if err != nil && !errors.As(err, &unknown) {
			return Failure(err)
		}
		if partial, err = r.Partial(ctx); err != nil {
			return Failure(err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	g := s.graph
	var heads []string
	for _, h := range g.RealHeads() {
		heads = append(heads, h.ID)
	}
	slices.Sort(heads)
	atHeads := slices.Equal(rows, heads)

	res := currentJSON{Revisions: []currentRevJSON{}, AtHeads: atHeads, Partial: partial}
	for _, id := range rows {
		c := currentRevJSON{ID: id}
		if rev := g.Revision(id); rev != nil {
			c.Known, c.Head, c.Message = true, g.IsHead(id), rev.Message
			c.Branches = rev.BranchLabels
			c.Path = s.path(rev)
		}
		res.Revisions = append(res.Revisions, c)
	}
	err = app.Result(res, func(w io.Writer) error {
		if len(res.Revisions) == 0 {
			fmt.Fprintln(w, "(base)")
		}
		f := newRevFormatter(s, nil)
		for _, c := range res.Revisions {
			if c.Known {
				io.WriteString(w, f.CurrentEntry(g.Revision(c.ID), app.Verbose()))
			} else {
				fmt.Fprintf(w, "%s (not in the scripts)\n", c.ID)
			}
		}
		if partial != nil {
			io.WriteString(w, partial.Describe(app.Verbose()))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if unknown != nil {
		return Failure(unknown)
	}
	if checkHeads && !atHeads {
		return CheckFailed("the database is not at the heads: it is at %s, the scripts' heads are %s", describeRows(rows), describeRows(heads))
	}
	return nil
}
