package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/versions"
)

// historyOptions are the flags of history.
type historyOptions struct {
	rangeSpec       string
	indicateCurrent bool
	graph           bool
	format          string
	applied         bool
}

func newHistoryCommand(app *App) *cobra.Command {
	var o historyOptions
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List revisions in chronological order, newest first",
		Long: `history lists the revisions newest first, as alembic history:

  <parent> -> <id> (<branch labels>) (head), <message>

with the markers (head), (effective head), (branchpoint), (mergepoint) and,
with -i, (current). -r limits the list to a range a:b, a: or :b, whose ends
are revision identifiers (base, heads, current, ids, labels, head-1, …).

-v prints each revision's full entry. --graph draws the revision graph in
the terminal like git log --graph; --format dot or --format mermaid writes
it for Graphviz or Mermaid. -i reads the database's version table to mark
the current revisions. --applied lists instead what was applied to the
database, from its history table (migrate_history).`,
		Example: `  migrate history
  migrate history -r base:head -v
  migrate history --graph
  migrate history --format dot | dot -Tsvg > revisions.svg`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHistory(cmd.Context(), app, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.rangeSpec, "rev-range", "r", "", "range of revisions: [start]:[end]")
	fl.BoolVarP(&o.indicateCurrent, "indicate-current", "i", false, "mark the database's current revisions (connects to the database)")
	fl.BoolVar(&o.graph, "graph", false, "draw the revision graph in the terminal")
	fl.StringVar(&o.format, "format", "", "write the graph as dot (Graphviz) or mermaid")
	fl.BoolVar(&o.applied, "applied", false, "list the steps applied to the database (its history table) instead")
	return cmd
}

func runHistory(ctx context.Context, app *App, o historyOptions) error {
	if o.applied {
		if o.rangeSpec != "" || o.indicateCurrent || o.graph || o.format != "" {
			return Usagef("history: --applied cannot be used with -r, -i, --graph or --format")
		}
		return runHistoryApplied(ctx, app)
	}
	switch o.format {
	case "", "dot", "mermaid":
	default:
		return Usagef("history: unknown --format %q (use dot or mermaid)", o.format)
	}
	switch {
	case o.graph && o.format != "":
		return Usagef("history: --graph and --format cannot be used together")
	case app.JSON() && (o.graph || o.format != ""):
		return Usagef("history: --json cannot be used with --graph or --format")
	}
	s, err := app.proj.LoadGraph()
	if err != nil {
		return err
	}
	f := s.Dir.Formatter(s.Graph.AllBranches())
	var current []string
	if o.indicateCurrent || strings.Contains(o.rangeSpec, "current") {
		if f.Current, current, err = app.proj.CurrentSet(ctx, s); err != nil {
			return err
		}
		if !o.indicateCurrent {
			f.Current = nil
		}
	}
	revs, err := s.Graph.History(o.rangeSpec, current)
	if err != nil {
		return Usage(fmt.Errorf("history: %w", err))
	}

	if o.graph || o.format != "" {
		picture := cmp.Or(o.format, versions.PictureText)
		return app.Result(nil, func(w io.Writer) error { return f.WritePicture(w, revs, picture) })
	}
	var res versions.RevisionsJSON
	if app.JSON() {
		res.Revisions = f.JSONList(revs)
	}
	return app.Result(res, func(w io.Writer) error { return f.WriteHistory(w, revs, app.Verbose()) })
}
