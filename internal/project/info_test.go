package project

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInfo(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "app.db")
	p := newProject(t, "database_url = \"sqlite:"+file+"\"\n", nil, map[string]string{"a1_create_t.sql": rev1})
	write := func(i *Info, verbose bool) string {
		var b strings.Builder
		if err := i.Write(&b, verbose); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}

	i, err := p.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if i.Connected || !strings.HasPrefix(i.Status, "no database file yet") || i.DatabaseURLOrig != i.Config+":1" {
		t.Errorf("Info() without the database file: %+v", i)
	}
	if _, err := os.Stat(file); err == nil {
		t.Fatal("Info() created the database file")
	}
	if out := write(i, false); strings.Contains(out, "current:") || !strings.Contains(out, "dialect:   sqlite\n") {
		t.Errorf("Write() without the database file:\n%s", out)
	}

	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if i, err = p.Info(ctx); err != nil {
		t.Fatal(err)
	}
	if !i.Connected || i.ServerVersion == "" || len(i.Current) != 0 || i.CurrentError != "" {
		t.Errorf("Info() of an empty database: %+v", i)
	}
	out := write(i, true)
	for _, want := range []string{"status:    connected\n", "current:   (base)\n", "versions:  " + filepath.Join(filepath.Dir(i.Config), "migrations", "versions") + "\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("Write(verbose) lacks %q:\n%s", want, out)
		}
	}

	// A server that cannot be reached: the error, with the description of
	// what was tried.
	p = newProject(t, "database_url = \"postgres://u@127.0.0.1:1/db?sslmode=disable\"\n", nil, nil)
	i, err = p.Info(ctx)
	if err == nil || i == nil || i.Connected || i.Status != "not connected (the error follows)" || i.DatabaseURLOrig != i.Config+":1" {
		t.Fatalf("Info() of an unreachable server: %+v, %v", i, err)
	}
	if out := write(i, false); !strings.Contains(out, "database:  postgres://u@127.0.0.1:1/db?sslmode=disable\n") || strings.Contains(out, "current:") {
		t.Errorf("Write() of an unreachable server:\n%s", out)
	}
}
