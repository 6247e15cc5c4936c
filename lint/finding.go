package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Severity says how bad a finding is. Only errors make `migrate lint`
// fail.
type Severity int

// Severities, from the mildest.
const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = [...]string{Info: "info", Warning: "warning", Error: "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if s < Info || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalJSON writes the severity's name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity's name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return err
	}
	for i, n := range severityNames {
		if n == name {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("lint: unknown severity %q", name)
}

// Finding is one hazard found in a revision.
type Finding struct {
	// Revision is the revision's id; File and Line where it asks for the
	// change (Line 0 when the finding is about the whole revision).
	Revision string `json:"revision"`
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	// Rule is the rule's id, Severity its severity.
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Message says what was found, naming the objects.
	Message string `json:"message"`
	// Lock is the lock the change takes, where it is the hazard.
	Lock string `json:"lock,omitempty"`
	// Alternative is the safe way to make the change.
	Alternative string `json:"alternative,omitempty"`
	// Suppressed is the reason given by a lint-ignore, when the finding
	// was accepted; a suppressed finding never fails the lint.
	Suppressed string `json:"suppressed,omitempty"`
}

// Location returns "file:line", or the file alone.
func (f Finding) Location() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// Describe returns the finding as the lines `migrate lint` prints.
func (f Finding) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s [%s] revision %s: %s\n", f.Location(), f.Severity, f.Rule, f.Revision, f.Message)
	if f.Lock != "" {
		fmt.Fprintf(&b, "    lock: %s\n", f.Lock)
	}
	if f.Alternative != "" {
		fmt.Fprintf(&b, "    instead: %s\n", f.Alternative)
	}
	if f.Suppressed != "" {
		fmt.Fprintf(&b, "    accepted: %s\n", f.Suppressed)
	}
	return b.String()
}

// Report is the result of a lint run.
type Report struct {
	// Revisions are the ids of the revisions linted, in upgrade order.
	Revisions []string `json:"revisions"`
	// Findings in revision order, then by line; suppressed ones included
	// (see Finding.Suppressed).
	Findings []Finding `json:"findings"`
}

// Failed reports whether an error-severity finding remains unsuppressed.
func (r *Report) Failed() bool { return r.Count(Error) > 0 }

// Count returns the number of unsuppressed findings of severity s.
func (r *Report) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s && f.Suppressed == "" {
			n++
		}
	}
	return n
}

// Summary returns the closing line of the text output, e.g. "3 revisions
// linted: 1 error, 2 warnings, 0 info (1 accepted)".
func (r *Report) Summary() string {
	accepted := 0
	for _, f := range r.Findings {
		if f.Suppressed != "" {
			accepted++
		}
	}
	s := fmt.Sprintf("%d revision(s) linted: %d error(s), %d warning(s), %d info", len(r.Revisions), r.Count(Error), r.Count(Warning), r.Count(Info))
	if accepted > 0 {
		s += fmt.Sprintf(" (%d accepted by lint-ignore)", accepted)
	}
	return s
}

// WriteText writes the report as `migrate lint` prints it: each finding,
// then the summary line (left out when quiet).
func (r *Report) WriteText(w io.Writer, quiet bool) error {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(f.Describe())
	}
	if !quiet {
		b.WriteString(r.Summary() + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRules writes the table of rules: id, severity, databases, summary.
func WriteRules(w io.Writer) error {
	var b strings.Builder
	for _, r := range rules {
		dbs := "all"
		if len(r.Databases) > 0 {
			dbs = strings.Join(r.Databases, ",")
		}
		fmt.Fprintf(&b, "%-30s %-8s %-9s %s\n", r.ID, r.Severity, dbs, r.Summary)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
