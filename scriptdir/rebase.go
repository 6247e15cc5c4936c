package scriptdir

import (
	"fmt"
	"io"
	"strings"

	"github.com/migratego/migrate/versions"
)

// Rebased says what Rebase did, as `migrate rebase` reports it (--json
// and Write).
type Rebased struct {
	Revision string   `json:"revision"`
	Path     string   `json:"path"`
	Before   []string `json:"revises_before"`
	Revises  []string `json:"revises"`
	Moved    []string `json:"moved"`
}

// Rebase carries out a rebase plan (versions.Graph.PlanRebase): the file
// of the plan's revision is rewritten to revise the plan's new parents
// (SetRevises); its descendants move with it untouched.
func (d *Dir) Rebase(plan *versions.Rebase) (*Rebased, error) {
	before := append([]string{}, plan.Revision.Revises...)
	if err := d.SetRevises(plan.Revision, plan.Revises); err != nil {
		return nil, err
	}
	return &Rebased{Revision: plan.Revision.ID, Path: ShownPath(plan.Revision), Before: before,
		Revises: plan.Revises, Moved: versions.IDs(plan.Moved)}, nil
}

// Write prints "<path> now revises <parents> (was <parents>)".
func (r *Rebased) Write(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s now revises %s (was %s)\n", r.Path, strings.Join(r.Revises, ", "), versions.DescribeRows(r.Before))
	return err
}
