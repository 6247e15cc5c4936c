package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

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
		for _, c := range res.Revisions {
			writeCurrentLine(w, s, c, app.Verbose())
		}
		if partial != nil {
			writePartial(w, partial, app.Verbose())
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

// writeCurrentLine prints one current revision as alembic current does.
func writeCurrentLine(w io.Writer, s *scripts, c currentRevJSON, verbose bool) {
	if !c.Known {
		fmt.Fprintf(w, "%s (not in the scripts)\n", c.ID)
		return
	}
	line := c.ID
	if len(c.Branches) > 0 {
		line += " (" + strings.Join(c.Branches, ", ") + ")"
	}
	if c.Head {
		if len(s.graph.Dependents(c.ID)) > 0 {
			line += " (effective head)"
		} else {
			line += " (head)"
		}
	}
	if !verbose {
		fmt.Fprintln(w, line)
		return
	}
	rev := s.graph.Revision(c.ID)
	parent := "<base>"
	if len(rev.Revises) > 0 {
		parent = strings.Join(rev.Revises, ", ")
	}
	fmt.Fprintf(w, "Rev: %s\nParent: %s\n", line, parent)
	if len(rev.DependsOn) > 0 {
		fmt.Fprintf(w, "Also depends on: %s\n", strings.Join(rev.DependsOn, ", "))
	}
	if c.Path != "" {
		fmt.Fprintf(w, "Path: %s\n", c.Path)
	}
	fmt.Fprintf(w, "\n    %s\n\n    Revision ID: %s\n    Revises: %s\n", rev.Message, rev.ID, strings.Join(rev.Revises, ", "))
	if rev.CreateDate != "" {
		fmt.Fprintf(w, "    Create Date: %s\n", rev.CreateDate)
	}
	fmt.Fprintln(w)
}

// writePartial describes a partly applied revision: its step and what is
// known of each statement ("1 ran, 2 unknown, 3 not run"); verbose adds
// the statements' texts.
func writePartial(w io.Writer, p *runner.Partial, verbose bool) {
	where := p.Path
	if where == "" {
		where = "file gone"
	}
	states := make([]string, len(p.Statements))
	for i, st := range p.Statements {
		states[i] = fmt.Sprintf("%d %s", st.Index, st.State)
	}
	fmt.Fprintf(w, "partly applied: %s (%s), history entry %d: statements %s\n", p.Step, where, p.HistoryID, strings.Join(states, ", "))
	if verbose {
		for _, st := range p.Statements {
			fmt.Fprintf(w, "  %d. [%s] %s\n", st.Index, st.State, st.Text)
		}
	}
}
