package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/dialect"
)

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
