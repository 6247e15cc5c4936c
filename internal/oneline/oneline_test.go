package oneline

import (
	"strings"
	"testing"
)

func TestJoin(t *testing.T) {
	tests := []struct{ in, want string }{
		{"failed to connect:\n  a: refused\n  a: refused\n\nb\n", "failed to connect: a: refused; b"},
		{"one line", "one line"},
		{"x\r\ny", "x; y"},
		{"\n\n", ""},
	}
	for _, tt := range tests {
		got := Join(tt.in)
		if got != tt.want {
			t.Errorf("Join(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(got, "\n") {
			t.Errorf("Join(%q) left a newline", tt.in)
		}
	}
}
