package cli

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// squashResult is the --json output of squash.
type squashResult struct {
	ID       string   `json:"id"`
	Path     string   `json:"path"`
	Replaces []string `json:"replaces"`
	Removed  []string `json:"removed"`
	Kept     []string `json:"kept,omitempty"`
}

func newSquashCommand(app *App) *cobra.Command {
	var message string
	var keep, force bool
	cmd := &cobra.Command{
		Use:   "squash A:B -m MESSAGE",
		Short: "Replace a line of revisions by one revision",
		Long: `squash replaces the line of revisions A..B by one revision that keeps B's
id, so that databases at B or past it stay valid, and records the ids it
replaces. Its upgrade is the range's upgrades in order, its downgrade
their downgrades in reverse order. The range's files are removed, or
moved to the squashed/ directory with --keep. Squash only revisions every
database has applied: it refuses when the configured database has not
applied B, unless --force. See docs/team-workflow.md.`,
		Example: `  migrate squash 1a2b:9f8e -m "initial schema"
  migrate squash base+1:head-5 -m "2024" --keep`,
		Args: exactArgs(1, "a range A:B"),
		RunE: func(cmd *cobra.Command, args []string) error {
			rng, err := versions.ParseRange(args[0])
			if err != nil || rng.Lower == "" || rng.Upper == "" {
				return Usagef("squash: %q is not a range A:B of two revisions", args[0])
			}
			s, err := app.loadScripts(false)
			if err != nil {
				return err
			}
			plan, err := s.graph.PlanSquash(rng.Lower, rng.Upper)
			if err != nil {
				return Usage(err)
			}
			if err := app.requireApplied(cmd.Context(), s, "squash", plan.Range[len(plan.Range)-1], force); err != nil {
				return err
			}
			req := scriptdir.SquashRequest{Plan: plan, Message: message, FileTemplate: s.cfg.FileTemplate, Now: time.Now().In(cmp.Or(s.cfg.Location, time.UTC))}
			if keep {
				req.KeepDir = filepath.Join(s.cfg.ScriptLocation, "squashed")
			}
			done, err := s.dir.WriteSquash(req)
			if err != nil {
				return generateError(s, "squash", err)
			}
			res := squashResult{ID: done.Generated.Revision.ID, Path: done.Generated.Path, Replaces: plan.Revision.Replaces, Removed: done.Removed, Kept: done.Kept}
			app.Infof("squashed %d revision(s) into %s", len(plan.Range), res.Path)
			return app.Result(res, func(w io.Writer) error {
				_, err := fmt.Fprintf(w, "%s replaces %s\n", res.Path, strings.Join(res.Replaces, ", "))
				return err
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&message, "message", "m", "", "message of the squashed revision")
	fl.BoolVar(&keep, "keep", false, "move the replaced files to the squashed/ directory of the script directory instead of removing them")
	fl.BoolVar(&force, "force", false, "squash even when the configured database has not applied B")
	return cmd
}
