package runner

import (
	"fmt"
	"slices"

	"github.com/migratego/migrate/versions"
)

// checkRows refuses version-table rows that cannot be right, before
// anything runs: the same revision twice (a table whose primary key was
// dropped), or a revision together with one of its ancestors (the table
// holds heads only).
func (r *Runner) checkRows(rows []string) error {
	for i := 1; i < len(rows); i++ {
		if rows[i] == rows[i-1] {
			return &VersionRowsError{Table: r.vt.display(), Rows: rows, Problem: fmt.Sprintf("revision %s has more than one row", rows[i])}
		}
	}
	for _, id := range rows {
		anc, err := r.g.Ancestors(true, id)
		if err != nil {
			return err
		}
		for _, a := range anc {
			if a.ID != id && slices.Contains(rows, a.ID) {
				return &VersionRowsError{Table: r.vt.display(), Rows: rows,
					Problem: fmt.Sprintf("%s is an ancestor of %s, and the table holds only the heads of what is applied", a.ID, id)}
			}
		}
	}
	return nil
}

// checkStepRows refuses a step whose version-table change does not match
// rows, before any statement of the step runs.
func (r *Runner) checkStepRows(rows []string, st versions.Step) error {
	if _, err := st.ApplyRows(rows); err != nil {
		return &VersionRowsError{Table: r.vt.display(), Rows: rows, Problem: fmt.Sprintf("%s expects other rows: %v", st, err)}
	}
	return nil
}

// applyRows returns rows after st (which checkStepRows accepted).
func applyRows(rows []string, st versions.Step) []string {
	out, err := st.ApplyRows(rows)
	if err != nil {
		return rows
	}
	slices.Sort(out)
	return out
}
