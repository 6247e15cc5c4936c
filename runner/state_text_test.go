package runner

import "testing"

func TestHistoryEntryStatusText(t *testing.T) {
	tests := []struct {
		e    HistoryEntry
		want string
	}{
		{HistoryEntry{Status: StatusOK, StatementCount: 3, StatementsDone: 3}, "ok"},
		{HistoryEntry{Status: StatusFailed, Direction: DirectionStamp}, "failed"},
		{HistoryEntry{Status: StatusFailed, StatementCount: 5, StatementsDone: 2}, "failed (2/5 statements ran; statement 3 failed)"},
		{HistoryEntry{Status: StatusInterrupted, StatementCount: 2, StatementsDone: 1}, "interrupted (1/2 statements ran; statement 2 not run)"},
		{HistoryEntry{Status: StatusUnknown}, "unknown (0 statements ran; statement 1 unknown)"},
		{HistoryEntry{Status: StatusRunning, StatementsDone: 4}, "running (4 statements ran; statement 5 unknown)"},
		{HistoryEntry{Status: StatusFailed}, "failed"},
	}
	for _, tt := range tests {
		if got := tt.e.StatusText(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestPartialDescribe(t *testing.T) {
	p := &Partial{Step: "a -> b", HistoryID: 7, Statements: []StatementState{
		{Index: 1, State: "ran", Text: "CREATE TABLE t (x int)"}, {Index: 2, State: "unknown", Text: "DROP TABLE u"}}}
	tests := []struct {
		path    string
		verbose bool
		want    string
	}{
		{"", false, "partly applied: a -> b (file gone), history entry 7: statements 1 ran, 2 unknown\n"},
		{"versions/b.sql", true, "partly applied: a -> b (versions/b.sql), history entry 7: statements 1 ran, 2 unknown\n" +
			"  1. [ran] CREATE TABLE t (x int)\n  2. [unknown] DROP TABLE u\n"},
	}
	for _, tt := range tests {
		p.Path = tt.path
		if got := p.Describe(tt.verbose); got != tt.want {
			t.Errorf("path %q verbose %v: got %q, want %q", tt.path, tt.verbose, got, tt.want)
		}
	}
}
