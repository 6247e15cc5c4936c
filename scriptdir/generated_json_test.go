package scriptdir

import (
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

func TestGeneratedJSONWrite(t *testing.T) {
	g := &Generated{Revision: &versions.Revision{ID: "a1", Message: "m"}, Path: "migrations/versions/a1_m.sql", Kind: KindSQL}
	j := g.JSON()
	if j.Revises == nil || j.ID != "a1" || j.Kind != KindSQL {
		t.Errorf("JSON() = %+v", j)
	}
	var b strings.Builder
	if err := j.Write(&b); err != nil || b.String() != "  Generating migrations/versions/a1_m.sql ...  done\n" {
		t.Errorf("Write() = %q, %v", b.String(), err)
	}
}
