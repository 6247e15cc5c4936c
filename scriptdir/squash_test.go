package scriptdir

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/versions"
)

// goRev is a Go revision file as `migrate revision` writes it, with the
// given bodies.
func goRev(t *testing.T, id, parent, up, down string) []byte {
	t.Helper()
	rev := &versions.Revision{ID: id, Message: "rev " + id}
	if parent != "" {
		rev.Revises = []string{parent}
	}
	b, err := RenderGoFile(GoFile{Revision: rev, UpgradeBody: up, DowngradeBody: down})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func openDir(t *testing.T, dir string) *Dir {
	t.Helper()
	d, err := Open(Options{Locations: []string{dir}, WorkDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestWriteSquashGo: two Go revisions become one whose upgrade calls their
// upgrades in order and whose downgrade calls their downgrades in reverse
// order; the file is gofmt'd, reads back with its header, and replaces the
// range's files.
func TestWriteSquashGo(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"r0_r0.go": goRev(t, "r0", "", `return op.Execute(ctx, "CREATE TABLE t0 (id integer)")`, `return op.Execute(ctx, "DROP TABLE t0")`),
		"a1_a1.go": goRev(t, "a1", "r0", `return op.Execute(ctx, "CREATE TABLE t1 (id integer)")`, `return op.Execute(ctx, "DROP TABLE t1")`),
		"a2_a2.go": goRev(t, "a2", "a1", "if err := op.Execute(ctx, \"ALTER TABLE t1 ADD x int\"); err != nil {\nreturn err\n}", `return op.Execute(ctx, "ALTER TABLE t1 DROP x")`),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := openDir(t, dir)
	plan, err := d.Graph.PlanSquash("a1", "a2")
	if err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(t.TempDir(), "squashed")
	res, err := d.WriteSquash(SquashRequest{Plan: plan, Message: "both", Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), KeepDir: keep})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "a2_both.go"))
	if err != nil {
		t.Fatal(err)
	}
	if f, err := format.Source(src); err != nil || !bytes.Equal(f, src) {
		t.Errorf("the squashed file is not gofmt'd (%v):\n%s", err, src)
	}
	s, err := ParseGoRevision("a2_both.go", src)
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "a2" || strings.Join(s.Revises, " ") != "r0" || strings.Join(s.Replaces, " ") != "a1 a2" || s.Message != "both" {
		t.Errorf("header %+v", s.Revision)
	}
	up := strings.Index(string(src), "CREATE TABLE t1")
	add := strings.Index(string(src), "ALTER TABLE t1 ADD x")
	dropX := strings.Index(string(src), "ALTER TABLE t1 DROP x")
	dropT := strings.Index(string(src), "DROP TABLE t1")
	if up < 0 || !(up < add && add < dropX && dropX < dropT) {
		t.Errorf("bodies out of order:\n%s", src)
	}
	if len(res.Kept) != 2 || len(res.Removed) != 2 {
		t.Errorf("result %+v", res)
	}
	for _, name := range []string{"a1_a1.go", "a2_a2.go"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s is still in the version location", name)
		}
		if b, err := os.ReadFile(filepath.Join(keep, name)); err != nil || !bytes.Equal(b, files[name]) {
			t.Errorf("%s was not kept as it was: %v", name, err)
		}
	}
	if d2 := openDir(t, dir); d2.Graph.ReplacedBy("a1") == nil || len(d2.Graph.Revisions()) != 2 {
		t.Errorf("the graph after the squash: %v", versions.IDs(d2.Graph.Revisions()))
	}
}

// TestSquashPartsRefusals: what a squash cannot join is refused, naming
// the file and the reason.
func TestSquashPartsRefusals(t *testing.T) {
	good := string(goRev(t, "a1", "", "return nil", "return nil"))
	tests := []struct {
		name, src, want string
	}{
		{"named import", strings.Replace(good, `"github.com/migratego/migrate/ops"`, `o "github.com/migratego/migrate/ops"`, 1), "the import of github.com/migratego/migrate/ops is named o"},
		{"helper", good + "\nfunc helper() {}\n", "declares something besides its init func"},
		{"init does more", strings.Replace(good, "func init() {\n", "func init() {\n\tx := 1\n\t_ = x\n", 1), "its init func does more than register the revision"},
		{"named upgrade", strings.Replace(good, "Upgrade: func(ctx context.Context, op *ops.Op) error {", "Upgrade: up, Nothing: func(ctx context.Context, op *ops.Op) error {", 1), "Upgrade is not a function literal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := squashParts("a1.go", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "a1.go") {
				t.Errorf("err %v, want %q", err, tt.want)
			}
		})
	}
}
