package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		urls []string
		in   string
		want string
	}{
		{name: "known password anywhere", urls: []string{"postgres://u:hunter2@h/db"},
			in: "auth failed for hunter2", want: "auth failed for xxxxx"},
		{name: "escaped password", urls: []string{"postgres://u:p%40ss%2Fword@h/db"},
			in: "p@ss/word and p%40ss%2Fword", want: "xxxxx and xxxxx"},
		{name: "DSN password", urls: []string{"root:t0p@tcp(h:3306)/db"},
			in: "t0p here", want: "xxxxx here"},
		{name: "unknown URL by pattern", in: "connect mysql://a:zz9@h/db failed", want: "connect mysql://a:xxxxx@h/db failed"},
		{name: "unknown DSN by pattern", in: "dsn a:zz9@tcp(h)/db", want: "dsn a:xxxxx@tcp(h)/db"},
		{name: "documentation placeholder kept", in: "use postgres://user:pass@host/db", want: "use postgres://user:pass@host/db"},
		{name: "no password", urls: []string{"postgres://u@h/db", "sqlite:app.db"}, in: "postgres://u@h/db", want: "postgres://u@h/db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &masker{}
			for _, u := range tt.urls {
				m.addURL(u)
			}
			if got := m.mask(tt.in); got != tt.want {
				t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	_, urlErr := dialect.ParseURL("nope://x")
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{CheckFailed("differs"), 1},
		{fmt.Errorf("check: %w", CheckFailed("differs")), 1},
		{Usagef("bad"), 2},
		{&config.Error{Msg: "bad key"}, 2},
		{fmt.Errorf("open: %w", urlErr), 2},
		{Failure(errors.New("boom")), 3},
		{Failure(Usagef("outer decides")), 3},
		{errors.New("unclassified"), 3},
		{context.Canceled, 3},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	in := "failed to connect:\n  a: refused\n  a: refused\n\nb\n"
	if got, want := oneLine(in), "failed to connect: a: refused; b"; got != want {
		t.Errorf("oneLine = %q, want %q", got, want)
	}
	if strings.Contains(oneLine("x\r\ny"), "\n") {
		t.Error("newline left")
	}
}
