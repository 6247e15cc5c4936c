package migratetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/versions"
)

// Phase is the part of the stairway where a revision failed.
type Phase string

// The phases of a revision's stairway step, and the check at head.
const (
	// PhaseUpgrade: the first upgrade of the revision failed.
	PhaseUpgrade Phase = "upgrade"
	// PhaseDowngrade: the downgrade failed, or did not restore the schema
	// the database had before the upgrade.
	PhaseDowngrade Phase = "downgrade"
	// PhaseUpgradeAgain: the upgrade after the downgrade failed, or gave
	// another schema than the first upgrade.
	PhaseUpgradeAgain Phase = "upgrade again"
	// PhaseModel: the schema at head differs from the target model.
	PhaseModel Phase = "model"
)

// Failure is a revision that failed the stairway test: a step that
// failed (Err), or a schema that differs from the one expected (Diff).
type Failure struct {
	// Revision is the revision at fault; nil for PhaseModel.
	Revision *versions.Revision
	Phase    Phase
	// Err is the runner's error when a step failed.
	Err error
	// Diff is a unified diff of the schema expected ("---") and the schema
	// found ("+++"), as DDL, or as JSON when the DDL shows no difference.
	Diff string
}

// Error implements the error interface: the headline and the diff.
func (f *Failure) Error() string {
	if f.Diff == "" {
		return f.Headline()
	}
	return f.Headline() + ":\n" + strings.TrimRight(f.Diff, "\n")
}

// Headline says which revision failed, in which file, and how, in one
// line (without the diff).
func (f *Failure) Headline() string {
	var b strings.Builder
	if se := (*runner.StatementError)(nil); errors.As(f.Err, &se) {
		// The runner's message names the step, the revision and its file.
		fmt.Fprintf(&b, "stairway %s: %v", f.Phase, f.Err)
		if f.Phase == PhaseUpgradeAgain {
			// It ran once already: the downgrade in between is at fault.
			b.WriteString("; the first upgrade of this revision succeeded, so its downgrade likely leaves behind what the upgrade makes (rows, objects): undo it there")
		}
		return b.String()
	}
	if f.Revision != nil {
		fmt.Fprintf(&b, "revision %s", f.Revision.ID)
		if f.Revision.Path != "" {
			fmt.Fprintf(&b, " (%s)", f.Revision.Path)
		}
		b.WriteString(": ")
	}
	switch {
	case f.Err != nil:
		fmt.Fprintf(&b, "%s failed: %v", f.Phase, f.Err)
	case f.Phase == PhaseDowngrade:
		b.WriteString("the downgrade does not restore the schema the database had before the upgrade")
	case f.Phase == PhaseUpgradeAgain:
		b.WriteString("upgrading again after the downgrade gives another schema than the first upgrade")
	case f.Phase == PhaseModel:
		b.WriteString("the schema at head differs from the target model")
	}
	return b.String()
}

// Unwrap returns the runner's error.
func (f *Failure) Unwrap() error { return f.Err }

// schemaDiff returns a unified diff of two inspected schemas as the DDL
// `migrate inspect --format sql` prints, or of their JSON (one field a
// line) when the DDL does not show the difference.
func schemaDiff(d dialect.Dialect, want, got *model.MetaData, wantName, gotName string) string {
	a, errA := ddl(d, want)
	b, errB := ddl(d, got)
	if errA != nil || errB != nil || a == b {
		a, b = jsonLines(want), jsonLines(got)
	}
	diff, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: difflib.SplitLines(a), B: difflib.SplitLines(b),
		FromFile: wantName, ToFile: gotName, Context: 3,
	})
	if err != nil {
		return fmt.Sprintf("--- %s\n%s\n+++ %s\n%s", wantName, a, gotName, b)
	}
	return diff
}

// ddl renders a schema as a DDL script.
func ddl(d dialect.Dialect, md *model.MetaData) (string, error) {
	stmts, err := dialect.CreateAllAsIs(d, md)
	if err != nil {
		return "", err
	}
	// Script ends every statement with an empty line; the last one would
	// only add noise to the diff.
	return strings.TrimRight(dialect.Script(d, stmts), "\n") + "\n", nil
}

// jsonLines renders a schema as indented JSON.
func jsonLines(md *model.MetaData) string {
	b, err := json.MarshalIndent(md, "", "  ")
	if err != nil {
		return fmt.Sprintf("%#v\n", md)
	}
	return string(b) + "\n"
}
