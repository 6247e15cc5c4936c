package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/versions"
)

func newHeadsCommand(app *App) *cobra.Command {
	var resolveDeps bool
	cmd := &cobra.Command{
		Use:   "heads",
		Short: "Show the current heads of the revision graph",
		Long: `heads lists the revisions that no revision revises, as alembic heads:

  <id> (<branch labels>) (head)

A head that another revision depends on is listed as an "(effective head)";
--resolve-dependencies leaves such heads out, listing only the heads that
upgrade heads would record in the version table. -v prints each head's
full entry (parent, labels, path, message), as history -v does.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHeads(app, resolveDeps)
		},
	}
	cmd.Flags().BoolVar(&resolveDeps, "resolve-dependencies", false, "leave out heads that other revisions depend on")
	return cmd
}

func runHeads(app *App, resolveDeps bool) error {
	s, err := app.proj.LoadGraph()
	if err != nil {
		return err
	}
	heads := s.Graph.Heads()
	if resolveDeps {
		heads = s.Graph.RealHeads()
	}
	f := s.Dir.Formatter(nil)
	res := versions.HeadsJSON{Heads: f.JSONList(heads)}
	return app.Result(res, func(w io.Writer) error { return f.WriteHeads(w, heads, app.Verbose()) })
}

func newBranchesCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "branches",
		Short: "Show the branch points of the revision graph",
		Long: `branches lists every branch point (a revision that two or more revisions
revise) with the revisions that branch from it, as alembic branches:

  <id> (<branch labels>) (branchpoint)
               -> <child id> (<branch labels>) (head)

-v prints the branch point's full entry and the children's messages.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBranches(app)
		},
	}
}

func runBranches(app *App) error {
	s, err := app.proj.LoadGraph()
	if err != nil {
		return err
	}
	g := s.Graph
	f := s.Dir.Formatter(g.AllBranches())
	points := g.WalkBranchPoints()
	return app.Result(f.BranchesJSON(points), func(w io.Writer) error { return f.WriteBranches(w, points, app.Verbose()) })
}
