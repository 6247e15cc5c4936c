package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

func TestRegistry(t *testing.T) {
	r := NewRegistry()
	up := func(context.Context, *ops.Op) error { return nil }
	r.Register(&Revision{ID: "a", Upgrade: up})
	r.Register(&Revision{ID: "b", Revises: []string{"a"}})
	revs, err := r.Revisions()
	if err != nil || len(revs) != 2 || revs[0].ID != "a" || revs[1].ID != "b" {
		t.Fatalf("Revisions() = %v, %v", revs, err)
	}
	if r.Lookup("b") != revs[1] || r.Lookup("zz") != nil {
		t.Fatal("Lookup")
	}

	var zero Registry // the zero value is usable
	zero.Register(nil)
	zero.Register(&Revision{Message: "no id"})
	zero.Register(&Revision{ID: "x-1"})
	zero.Register(&Revision{ID: "ok"})
	zero.Register(&Revision{ID: "ok"})
	revs, err = zero.Revisions()
	if len(revs) != 1 || err == nil {
		t.Fatalf("Revisions() = %v, %v", revs, err)
	}
	for _, want := range []string{"nil revision", `"no id" has no ID`, `revision id "x-1"`, "ok is registered twice"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

func TestDefaultRegistry(t *testing.T) {
	Register(&Revision{ID: "default_registry_test"})
	if DefaultRegistry().Lookup("default_registry_test") == nil {
		t.Fatal("Register did not add to DefaultRegistry()")
	}
	if DefaultRegistry() != DefaultRegistry() {
		t.Fatal("DefaultRegistry() is not one registry")
	}
}

func TestRegistryBind(t *testing.T) {
	up := func(context.Context, *ops.Op) error { return nil }
	reg := NewRegistry()
	reg.Register(&Revision{ID: "a", Message: "m", Upgrade: up, Downgrade: up})
	script := func(id, msg, path, kind string) *scriptdir.Script {
		return &scriptdir.Script{Revision: &versions.Revision{ID: id, Message: msg, Path: path}, Kind: kind}
	}
	loaded := []*scriptdir.Script{
		script("a", "m", "v/a.go", scriptdir.KindGo),
		script("s", "", "v/s.sql", scriptdir.KindSQL),
	}
	got, err := reg.Bind(loaded)
	if err != nil || got["a"] == nil || got["a"].Upgrade == nil || got["a"].Downgrade == nil || got["s"] != nil {
		t.Fatalf("Bind = %v, %v", got, err)
	}

	stale := []*scriptdir.Script{
		script("a", "changed", "v/a.go", scriptdir.KindGo),
		script("new", "", "v/new.go", scriptdir.KindGo),
	}
	_, err = reg.Bind(stale)
	if err == nil {
		t.Fatal("stale binary accepted")
	}
	for _, want := range []string{"v/a.go: revision a: Message differs", "v/new.go: revision new is not compiled into this program"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	_, err = reg.Bind(nil)
	if err == nil || !strings.Contains(err.Error(), "revision a (\"m\") is compiled into this program but no Go revision file declares it") {
		t.Fatalf("Bind(nil) = %v", err)
	}
}
