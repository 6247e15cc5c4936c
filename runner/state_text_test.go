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
		{HistoryEntry{Status: StatusFailed, StatementCount: 2}, "failed (0/2 statements ran)"},
		{HistoryEntry{Status: StatusInterrupted, StatementCount: 2}, "interrupted (0/2 statements ran)"},
		{HistoryEntry{Status: StatusUnknown}, "unknown (0 statements ran; statement 1 unknown)"},
		{HistoryEntry{Status: StatusRunning, StatementsDone: 4}, "running (4 statements ran; statement 5 unknown)"},
		{HistoryEntry{Status: StatusFailed}, "failed"},
		{HistoryEntry{Status: StatusFailed, StatementCount: 3, FailedIndex: 1}, "failed (0/3 statements ran; statement 1 failed)"},
		{HistoryEntry{Status: StatusFailed, StatementCount: 4, FailedIndex: 3}, "failed (0/4 statements ran; statement 3 failed, statements 1-2 rolled back with it)"},
		{HistoryEntry{Status: StatusFailed, StatementCount: 5, StatementsDone: 2, FailedIndex: 4}, "failed (2/5 statements ran; statement 4 failed, statement 3 rolled back with it)"},
		{HistoryEntry{Status: StatusInterrupted, StatementsDone: 1, FailedIndex: 2}, "interrupted (1 statements ran; statement 2 not run)"},
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

func TestVerifyProblemDescribe(t *testing.T) {
	tests := []struct {
		p    VerifyProblem
		want string
	}{
		{VerifyProblem{Revision: "a1", Problem: "changed", Path: "versions/a1.sql",
			AppliedChecksum: "0123456789abcdef", FileChecksum: "fedcba"},
			"a1: changed since it was applied: versions/a1.sql (applied checksum 0123456789ab, file checksum fedcba)\n" +
				"  restore the file as it was applied, or record an edit made on purpose: migrate verify --accept a1\n"},
		{VerifyProblem{Revision: "a2", Problem: "vanished"}, "a2: applied, but no revision file has it any more\n"},
		{VerifyProblem{Revision: "a3", Problem: "partly applied", Partial: &Partial{Step: "upgrade a2 -> a3", HistoryID: 4,
			Statements: []StatementState{{Index: 1, State: "unknown"}}}},
			"partly applied: upgrade a2 -> a3 (file gone), history entry 4: statements 1 unknown\n"},
	}
	for _, tt := range tests {
		if got := tt.p.Describe(false); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.p.Problem, got, tt.want)
		}
	}
}

func TestParseTransactionMode(t *testing.T) {
	tests := []struct {
		name string
		mode TransactionMode
		ok   bool
	}{
		{"per-revision", TransactionPerRevision, true},
		{"per-migration", TransactionPerRevision, true},
		{"revision", TransactionPerRevision, true},
		{"all", TransactionAll, true},
		{"ALL", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if mode, ok := ParseTransactionMode(tt.name); mode != tt.mode || ok != tt.ok {
			t.Errorf("%q: got %v %v, want %v %v", tt.name, mode, ok, tt.mode, tt.ok)
		}
	}
}
