package migratetest

import (
	"io"

	"github.com/migratego/migrate/versions"
)

// Report is the outcome of a stairway test as `migrate test --json`
// prints it: the revisions that passed, and the failure.
type Report struct {
	Revisions    []string       `json:"revisions"`
	ModelChecked bool           `json:"model_checked"`
	Failed       *ReportFailure `json:"failed,omitempty"`
}

// ReportFailure is the failure of a Report.
type ReportFailure struct {
	Revision string `json:"revision,omitempty"`
	Path     string `json:"path,omitempty"`
	Phase    string `json:"phase"`
	Message  string `json:"message"`
	Diff     string `json:"diff,omitempty"`
}

// NewReport returns the report of a run that returned res and, when a
// revision failed, fail (nil when every revision passed).
func NewReport(res *Result, fail *Failure) *Report {
	r := &Report{Revisions: versions.IDs(res.Revisions), ModelChecked: res.ModelChecked}
	if fail != nil {
		r.Failed = &ReportFailure{Phase: string(fail.Phase), Message: fail.Headline(), Diff: fail.Diff}
		if fail.Revision != nil {
			r.Failed.Revision, r.Failed.Path = fail.Revision.ID, fail.Revision.Path
		}
	}
	return r
}

// Write prints the report as `migrate test` does: the unified diff of
// the failure's schemas, nothing when every revision passed (the
// command's progress messages tell that).
func (r *Report) Write(w io.Writer) error {
	if r.Failed == nil {
		return nil
	}
	_, err := io.WriteString(w, r.Failed.Diff)
	return err
}
