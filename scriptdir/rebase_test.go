package scriptdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRebase(t *testing.T) {
	dir := t.TempDir()
	for name, b := range map[string][]byte{
		"r0_r0.go": goRev(t, "r0", "", "return nil", "return nil"),
		"a1_a1.go": goRev(t, "a1", "r0", "return nil", "return nil"),
		"b1_b1.go": goRev(t, "b1", "r0", "return nil", "return nil"),
		"b2_b2.go": goRev(t, "b2", "b1", "return nil", "return nil"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := openDir(t, dir)
	plan, err := d.Graph.PlanRebase("b1", "a1")
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Rebase(plan)
	if err != nil {
		t.Fatal(err)
	}
	if res.Revision != "b1" || strings.Join(res.Before, ",") != "r0" || strings.Join(res.Revises, ",") != "a1" || strings.Join(res.Moved, ",") != "b1,b2" {
		t.Errorf("Rebase() = %+v", res)
	}
	var out strings.Builder
	if err := res.Write(&out); err != nil || out.String() != res.Path+" now revises a1 (was r0)\n" {
		t.Errorf("Write() = %q, %v", out.String(), err)
	}
	if r := openDir(t, dir).Graph.Revision("b1"); r == nil || strings.Join(r.Revises, ",") != "a1" {
		t.Errorf("b1 after the rebase: %+v", r)
	}
}
