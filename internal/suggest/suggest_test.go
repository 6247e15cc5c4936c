package suggest

import (
	"errors"
	"testing"

	"github.com/spf13/pflag"
)

func TestClosest(t *testing.T) {
	known := []string{"lock_timeout", "lock", "history_table", "pk", "renamed"}
	tests := []struct{ name, want string }{
		{"lock_timout", "lock_timeout"},
		{"LOCK_TIMEOUT", "lock_timeout"},
		{"histroy_table", "history_table"},
		{"lok", "lock"},
		{"renamd", "renamed"},
		{"renamed_from", ""},
		{"something_else", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.name, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"history", "histroy", 2}, {"same", "same", 0},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestUnknownFlag(t *testing.T) {
	known := pflag.NewFlagSet("check", pflag.ContinueOnError)
	for _, name := range []string{"database-url", "dev-url", "model", "sql", "help"} {
		known.String(name, "", "")
	}
	tests := []struct{ err, want string }{
		{"unknown flag: --databse-url", "unknown flag: --databse-url: did you mean --database-url?"},
		{"unknown flag: --modle", "unknown flag: --modle: did you mean --model?"},
		{"unknown flag: --databse-url=x", "unknown flag: --databse-url=x: did you mean --database-url?"},
		{"unknown flag: --frobnicate", "unknown flag: --frobnicate"},
		{"unknown shorthand flag: 'x' in -x", "unknown shorthand flag: 'x' in -x"},
		{"flag needs an argument: --model", "flag needs an argument: --model"},
	}
	for _, tt := range tests {
		if got := UnknownFlag(errors.New(tt.err), known).Error(); got != tt.want {
			t.Errorf("UnknownFlag(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if UnknownFlag(nil, known) != nil {
		t.Error("UnknownFlag(nil) is not nil")
	}
}
