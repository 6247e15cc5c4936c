package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/versions"
)

func TestHistoryReportWrite(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	rep := &HistoryReport{Entries: []HistoryEntry{
		{ID: 2, Step: "upgrade a1 -> a2", Status: StatusFailed, StartedAt: start, Error: "boom:\n  line two", FailedStatement: "CREATE\nTABLE t"},
		{ID: 1, Step: "upgrade  -> a1", Status: StatusOK, StartedAt: start, FinishedAt: start.Add(1500 * time.Millisecond), Duration: 1500 * time.Millisecond, Tag: "v1"},
	}}
	for _, tt := range []struct {
		verbose bool
		want    []string
		not     []string
	}{
		{false, []string{"ID  STARTED (UTC)", "2   2026-01-02 03:04:05  upgrade a1 -> a2", "v1\n"}, []string{"error:"}},
		{true, []string{"  error: boom: line two\n", "  statement: CREATE; TABLE t\n"}, nil},
	} {
		var b strings.Builder
		if err := rep.Write(&b, tt.verbose); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("verbose %v: lacks %q:\n%s", tt.verbose, w, b.String())
			}
		}
		for _, w := range tt.not {
			if strings.Contains(b.String(), w) {
				t.Errorf("verbose %v: has %q:\n%s", tt.verbose, w, b.String())
			}
		}
	}
}

func TestVerifyReportWrite(t *testing.T) {
	for _, tt := range []struct {
		rep   VerifyReport
		quiet bool
		want  string
	}{
		{VerifyReport{Problems: []VerifyProblem{}}, false, "all applied revisions match their files\n"},
		{VerifyReport{Problems: []VerifyProblem{}}, true, ""},
		{VerifyReport{Problems: []VerifyProblem{{Revision: "a1", Problem: "vanished"}}}, false, "a1: applied, but no revision file has it any more\n"},
	} {
		var b strings.Builder
		if err := tt.rep.Write(&b, false, tt.quiet); err != nil || b.String() != tt.want {
			t.Errorf("Write(quiet %v) = %q, %v; want %q", tt.quiet, b.String(), err, tt.want)
		}
	}
}

func TestResultSummary(t *testing.T) {
	step := versions.Step{Revision: &versions.Revision{ID: "a1"}, Up: true, To: []string{"a1"}}
	for _, tt := range []struct {
		res  Result
		verb string
		want string
	}{
		{Result{After: []string{"a1"}}, "upgrade", "nothing to upgrade: the database is at a1"},
		{Result{Steps: []versions.Step{step}, After: []string{"a1"}}, "upgrade", "upgrade: 1 revision(s) applied; the database is at a1"},
		{Result{Steps: []versions.Step{step}}, "downgrade", "downgrade: 1 revision(s) reverted; the database is at base"},
	} {
		if got := tt.res.Summary(tt.verb); got != tt.want {
			t.Errorf("Summary(%s) = %q, want %q", tt.verb, got, tt.want)
		}
	}
}
