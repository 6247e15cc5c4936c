package autogenerate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
)

// CheckReport is the result of `migrate check` (its --json form).
type CheckReport struct {
	// Equal reports that the database matches the model.
	Equal bool `json:"equal"`
	// Operations are the operations autogenerate would write, one line
	// each: the operation's name and its first statement.
	Operations []string `json:"operations"`
	// Diff is a unified diff of the schema as DDL, database versus model.
	Diff string `json:"diff"`
	// Warnings are the warnings of the compare.
	Warnings []string `json:"warnings,omitempty"`
}

// Check turns the diff into a check report.
func (d *Diff) Check(ctx context.Context) (*CheckReport, error) {
	r := &CheckReport{Equal: d.Empty(), Operations: []string{}}
	for _, w := range d.Warnings {
		r.Warnings = append(r.Warnings, w.Message)
	}
	if r.Equal {
		return r, nil
	}
	lines, err := autogen.Summarize(ctx, d.Options.Dialect, d.Current, d.Up)
	if err != nil {
		return nil, unsupportedModel(err)
	}
	r.Operations = lines
	if r.Diff, err = autogen.SchemaDiff(d.Current, d.Target, d.Options, "database", "model"); err != nil {
		return nil, err
	}
	return r, nil
}

// Write prints the report for people.
func (r *CheckReport) Write(w io.Writer) error {
	if r.Equal {
		_, err := fmt.Fprintln(w, "No changes: the database matches the model")
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The database differs from the model; autogenerate would write %d operation(s):\n", len(r.Operations))
	for _, l := range r.Operations {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	if r.Diff != "" {
		fmt.Fprintf(&b, "\nSchema as DDL, database versus model:\n%s", r.Diff)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// unsupportedModel turns err, from compiling the operations that make the
// database equal to the model, into an *InputError when the model asks
// for something the database cannot make (an expression index on MySQL):
// the model is to change, not the database.
func unsupportedModel(err error) error {
	var u *dialect.UnsupportedError
	if !errors.As(err, &u) {
		return err
	}
	msg := fmt.Sprintf("the model cannot be made on %s: %s: %s is not supported", u.Dialect, u.Object, u.Feature)
	if u.Hint != "" {
		msg += "; " + u.Hint
	}
	return &InputError{Err: errors.New(msg)}
}
