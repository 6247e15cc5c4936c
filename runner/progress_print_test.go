package runner

import (
	"strings"
	"testing"
	"time"
)

func TestPrintProgress(t *testing.T) {
	upper := strings.ToUpper
	tests := []struct {
		name string
		p    Progress
		mask func(string) string
		want string
	}{
		{name: "start", p: Progress{Phase: StepStarted, Message: "Running upgrade a -> b, x"},
			want: "Running upgrade a -> b, x ... "},
		{name: "resumed start", p: Progress{Phase: StepStarted, Message: "m", Resumed: 2},
			want: "m (resuming at statement 3) ... "},
		{name: "masked start", p: Progress{Phase: StepStarted, Message: "m"}, mask: upper, want: "M ... "},
		{name: "done", p: Progress{Phase: StepFinished, Elapsed: 12 * time.Millisecond}, want: "done (12 ms)\n"},
		{name: "pending", p: Progress{Phase: StepFinished, Pending: true, Elapsed: 12 * time.Second},
			want: "ran, to be committed with the whole run (12.0 s)\n"},
		{name: "failed", p: Progress{Phase: StepFailed, Elapsed: 1500 * time.Millisecond}, want: "FAILED (1500 ms)\n"},
		{name: "notice", p: Progress{Phase: Notice, Message: "waiting"}, mask: upper, want: "WAITING\n"},
		{name: "committed", p: Progress{Phase: RunCommitted, Message: "committed 2 revisions"}, want: "committed 2 revisions\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			PrintProgress(&b, tt.p, tt.mask)
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}
