package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// CurrentReport is the state of a database against the revision graph,
// as `migrate current` reports it: the version table's rows, whether
// they are the graph's heads, and the revision an earlier run left partly
// applied.
type CurrentReport struct {
	Revisions []CurrentRevision `json:"revisions"`
	AtHeads   bool              `json:"at_heads"`
	// Partial is the revision an earlier run left partly applied.
	Partial *Partial `json:"partial,omitempty"`
	// Rows are the version table's rows and Heads the graph's heads
	// (without those other revisions depend on), both sorted.
	Rows  []string `json:"-"`
	Heads []string `json:"-"`
	// Unknown is set when the version table names a revision the graph
	// does not have: the database is newer than the scripts.
	Unknown *UnknownRevisionError `json:"-"`
}

// CurrentRevision is a row of the version table in a CurrentReport.
type CurrentRevision struct {
	ID       string   `json:"id"`
	Head     bool     `json:"head"`
	Known    bool     `json:"known"`
	Message  string   `json:"message,omitempty"`
	Branches []string `json:"branches,omitempty"`
	Path     string   `json:"path,omitempty"`
}

// Report reads the version table and the history table into a
// CurrentReport; path shows a revision's file. It only reads: a missing
// table means nothing is applied. Rows the graph does not know are listed
// (Known false) and set Unknown.
func (r *Runner) Report(ctx context.Context, path func(*versions.Revision) string) (*CurrentReport, error) {
	rows, err := r.Current(ctx)
	rep := &CurrentReport{Revisions: []CurrentRevision{}, Rows: rows}
	if err != nil && !errors.As(err, &rep.Unknown) {
		return nil, err
	}
	if rep.Partial, err = r.Partial(ctx); err != nil {
		return nil, err
	}
	g := r.set.Graph()
	for _, h := range g.RealHeads() {
		rep.Heads = append(rep.Heads, h.ID)
	}
	slices.Sort(rep.Heads)
	rep.AtHeads = slices.Equal(rows, rep.Heads)
	for _, id := range rows {
		c := CurrentRevision{ID: id}
		if rev := g.Revision(id); rev != nil {
			c.Known, c.Head, c.Message, c.Branches, c.Path = true, g.IsHead(id), rev.Message, rev.BranchLabels, path(rev)
		}
		rep.Revisions = append(rep.Revisions, c)
	}
	return rep, nil
}

// Write prints the report as `migrate current` does: one line per row
// ("(base)" for none) as f formats it (a full entry with verbose), then
// the partly applied revision.
func (c *CurrentReport) Write(w io.Writer, f *versions.Formatter, verbose bool) error {
	if len(c.Revisions) == 0 {
		fmt.Fprintln(w, "(base)")
	}
	for _, r := range c.Revisions {
		if r.Known {
			io.WriteString(w, f.CurrentEntry(f.Graph.Revision(r.ID), verbose))
		} else {
			fmt.Fprintf(w, "%s (not in the scripts)\n", r.ID)
		}
	}
	if c.Partial != nil {
		io.WriteString(w, c.Partial.Describe(verbose))
	}
	return nil
}

// IsInputError reports whether err, returned by a runner, is a problem of
// its input rather than of the database: a target that does not resolve,
// scripts for another database, an unusable transaction mode or resume
// point, revision files that cannot be run, an operation the dialect
// cannot compile. A failed statement is never one, whatever it wraps.
func IsInputError(err error) bool {
	var (
		resErr    *versions.ResolutionError
		dialErr   *scriptdir.DialectMismatchError
		fileErr   *scriptdir.FileError
		modeErr   *TransactionModeError
		resumeErr *ResumeError
		compErr   *NotCompiledError
		lexErr    *scriptdir.LexError
		unsErr    *dialect.UnsupportedError
		stmtErr   *StatementError
	)
	switch {
	case errors.As(err, &resErr), errors.As(err, &dialErr), errors.As(err, &fileErr),
		errors.As(err, &modeErr), errors.As(err, &resumeErr), errors.As(err, &compErr), errors.As(err, &lexErr), errors.As(err, &unsErr):
		return !errors.As(err, &stmtErr)
	}
	return false
}

// MarshalJSON writes the result as upgrade, downgrade and stamp print it
// with --json: {"steps": [{"revision", "step", "message"}], "before",
// "after"}, lists never null.
func (r *Result) MarshalJSON() ([]byte, error) {
	type step struct {
		Revision string `json:"revision"`
		Step     string `json:"step"`
		Message  string `json:"message,omitempty"`
	}
	out := struct {
		Steps  []step   `json:"steps"`
		Before []string `json:"before"`
		After  []string `json:"after"`
	}{Steps: []step{}, Before: append([]string{}, r.Before...), After: append([]string{}, r.After...)}
	for _, s := range r.Steps {
		out.Steps = append(out.Steps, step{Revision: s.Revision.ID, Step: s.String(), Message: s.Revision.Message})
	}
	// As the command prints JSON: "->" in steps stays as it is.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(out)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}
