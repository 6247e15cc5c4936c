package migratetest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

func TestNewReport(t *testing.T) {
	a1 := &versions.Revision{ID: "a1"}
	b2 := &versions.Revision{ID: "b2", Path: "migrations/versions/b2.sql"}
	ok := NewReport(&Result{Revisions: []*versions.Revision{a1, b2}, ModelChecked: true}, nil)
	if got, _ := json.Marshal(ok); string(got) != `{"revisions":["a1","b2"],"model_checked":true}` {
		t.Errorf("passed: %s", got)
	}
	fail := &Failure{Revision: b2, Phase: PhaseDowngrade, Diff: "-x\n+y\n"}
	bad := NewReport(&Result{Revisions: []*versions.Revision{a1}}, fail)
	if bad.Failed == nil || bad.Failed.Revision != "b2" || bad.Failed.Path != b2.Path || bad.Failed.Phase != "downgrade" ||
		bad.Failed.Message != fail.Headline() || bad.Failed.Diff != fail.Diff || len(bad.Revisions) != 1 {
		t.Errorf("failed: %+v %+v", bad, bad.Failed)
	}
	for _, tt := range []struct {
		r    *Report
		want string
	}{{ok, ""}, {bad, "-x\n+y\n"}} {
		var b strings.Builder
		if err := tt.r.Write(&b); err != nil || b.String() != tt.want {
			t.Errorf("Write() = %q, %v; want %q", b.String(), err, tt.want)
		}
	}
	// A failure at head (the model) names no revision.
	model := NewReport(&Result{}, &Failure{Phase: PhaseModel})
	if model.Failed.Revision != "" || model.Failed.Phase != "model" {
		t.Errorf("model: %+v", model.Failed)
	}
}
