package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/internal/editor"
	"github.com/migratego/migrate/versions"
)

func newShowCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "show REV",
		Short: "Show the revision(s) a revision identifier names",
		Long: `show prints the full entry of each revision REV names, as alembic show:
its parents, dependencies, branch labels, file and message. REV is any
revision identifier: an id or unique prefix, a branch label, head, heads,
<branch>@head, head-1, … or current (the database's current revisions).`,
		Example: `  migrate show head
  migrate show 3f2a
  migrate show current`,
		Args: exactArgs(1, "a revision identifier, e.g. migrate show head"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(cmd.Context(), app, args[0])
		},
	}
}

func runShow(ctx context.Context, app *App, ident string) error {
	s, err := app.proj.LoadGraph()
	if err != nil {
		return err
	}
	revs, err := app.proj.Resolve(ctx, s, ident)
	if err != nil {
		return err
	}
	f := s.Dir.Formatter(nil)
	res := versions.RevisionsJSON{Revisions: f.JSONList(revs)}
	return app.Result(res, func(w io.Writer) error { return f.WriteEntries(w, revs) })
}

func newEditCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "edit REV",
		Short: "Open the file of a revision in $EDITOR",
		Long: `edit opens the file of each revision REV names in the editor named by
the EDITOR environment variable, or else VISUAL, as alembic edit does.
REV is any revision identifier, e.g. head, an id prefix or a label.`,
		Example: `  EDITOR=vim migrate edit head`,
		Args:    exactArgs(1, "a revision identifier, e.g. migrate edit head"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEdit(cmd.Context(), app, args[0])
		},
	}
}

func runEdit(ctx context.Context, app *App, ident string) error {
	ed := editor.Find(app.LookupEnv)
	s, err := app.proj.LoadScripts(false)
	if err != nil {
		return err
	}
	revs, err := app.proj.Resolve(ctx, s, ident)
	if err != nil {
		return err
	}
	if ed == "" {
		return Usagef("No suitable editor found: set the EDITOR or VISUAL environment variable (e.g. EDITOR=vim)")
	}
	for _, r := range revs {
		path := s.Dir.AbsPath(r)
		if path == "" {
			return Usagef("revision %s has no file to edit", r.ID)
		}
		if err := editor.Open(ctx, ed, path, app.Stdout, app.Stderr); err != nil {
			return Failure(err)
		}
	}
	return nil
}

// exactArgs is cobra.ExactArgs with a message saying what is expected.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return Usagef("%s takes %d argument(s), got %d: expected %s", cmd.CommandPath(), n, len(args), what)
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs with a message saying what is expected.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return Usagef("%s takes at least %d argument(s), got %d: expected %s", cmd.CommandPath(), n, len(args), what)
		}
		return nil
	}
}
