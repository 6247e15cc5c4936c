package versions

import (
	"strings"
	"testing"
)

func TestCheckAppliedRules(t *testing.T) {
	a, b := &Revision{ID: "a1"}, &Revision{ID: "b2"}
	rb := &Rebase{Moved: []*Revision{a, b}}
	sq := &Squash{Range: []*Revision{a, b}}
	for _, tt := range []struct {
		name          string
		rule          func([]*Revision, bool) (string, error)
		applied       []*Revision
		force         bool
		warning, fail string
	}{
		{"rebase, nothing applied", rb.CheckApplied, nil, false, "", ""},
		{"rebase, applied", rb.CheckApplied, []*Revision{a, b}, false, "", "rebase: the database has applied a1, b2; "},
		{"rebase, applied, force", rb.CheckApplied, []*Revision{a}, true, "rebase: the database has applied a1 (--force)", ""},
		{"squash, applied", sq.CheckApplied, []*Revision{b}, false, "", ""},
		{"squash, not applied", sq.CheckApplied, nil, false, "", "squash: the database has not applied b2: "},
		{"squash, not applied, force", sq.CheckApplied, nil, true, "squash: the database has not applied b2 (--force)", ""},
	} {
		warning, err := tt.rule(tt.applied, tt.force)
		if (tt.warning == "") != (warning == "") || !strings.HasPrefix(warning, tt.warning) {
			t.Errorf("%s: warning %q, want %q…", tt.name, warning, tt.warning)
		}
		if (tt.fail == "") != (err == nil) || (err != nil && !strings.HasPrefix(err.Error(), tt.fail)) {
			t.Errorf("%s: error %v, want %q…", tt.name, err, tt.fail)
		}
	}
}

func TestDescribeRows(t *testing.T) {
	if got := DescribeRows(nil); got != "base" {
		t.Errorf("DescribeRows(nil) = %q", got)
	}
	if got := DescribeRows([]string{"a1", "b2"}); got != "a1, b2" {
		t.Errorf("DescribeRows(a1, b2) = %q", got)
	}
}
