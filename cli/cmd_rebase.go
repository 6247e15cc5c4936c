package cli

import (
	"github.com/spf13/cobra"
)

func newRebaseCommand(app *App) *cobra.Command {
	var onto string
	var force bool
	cmd := &cobra.Command{
		Use:   "rebase REV --onto TARGET",
		Short: "Move a branch onto another head instead of merging it",
		Long: `rebase moves the branch that starts at REV onto TARGET instead of merging
it: REV's file is rewritten to revise TARGET (its parents only; every
other byte stays), and its descendants move with it. It refuses a REV
that does not start a branch, a cycle, and revisions the configured
database has applied (--force moves them with a warning). See
docs/team-workflow.md.`,
		Example: `  migrate rebase 3f2a --onto head
  migrate rebase feature@base --onto main@head`,
		Args: exactArgs(1, "REV"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if onto == "" {
				return Usagef("rebase: name the revision to move %s onto with --onto, e.g. --onto main@head", args[0])
			}
			s, err := app.proj.LoadScripts(false)
			if err != nil {
				return err
			}
			plan, err := s.Graph.PlanRebase(args[0], onto)
			if err != nil {
				return Usage(err)
			}
			if err := app.checkApplied(cmd.Context(), s, "rebase", plan.Moved, force, plan.CheckApplied); err != nil {
				return err
			}
			res, err := s.Dir.Rebase(plan)
			if err != nil {
				return Failure(err)
			}
			app.Infof("rebased %s onto %s: %d revision(s) moved", plan.Revision.ID, plan.Onto.ID, len(plan.Moved))
			return app.Result(res, res.Write)
		},
	}
	cmd.Flags().StringVar(&onto, "onto", "", "the revision to move REV onto, e.g. head or main@head")
	cmd.Flags().BoolVar(&force, "force", false, "move revisions even when the database has applied them")
	return cmd
}
