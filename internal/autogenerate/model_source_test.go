package autogenerate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

func TestResolveFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"schema.sql", "schema/b.sql", "schema/a.sql", "schema/notes.txt", "more/c.sql", "docs/notes.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	cases := []struct {
		name          string
		flags, config []string
		want          string // file names, comma-separated
		err           string
	}{
		{name: "config file and glob", config: []string{abs("schema.sql"), abs("schema/*.sql")}, want: "schema.sql,schema/a.sql,schema/b.sql"},
		{name: "flags replace config", flags: []string{"more"}, config: []string{abs("schema.sql")}, want: "more/c.sql"},
		{name: "directory", flags: []string{"schema"}, want: "schema/a.sql,schema/b.sql"},
		{name: "duplicates once", flags: []string{"schema/a.sql", "schema"}, want: "schema/a.sql,schema/b.sql"},
		{name: "none", want: ""},
		{name: "missing file", flags: []string{"nope.sql"}, err: "model: nope.sql (--model): no such file or directory"},
		{name: "empty glob", config: []string{abs("x/*.sql")}, err: "model: x/*.sql ([model] sql in migrate.toml): matches no file"},
		{name: "directory without sql", flags: []string{"docs"}, err: "the directory holds no .sql file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files, err := ResolveFiles(c.flags, c.config, dir)
			if c.err != "" {
				var ie *InputError
				if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want an InputError containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range files {
				names = append(names, filepath.ToSlash(f.Name))
				if !filepath.IsAbs(f.Path) {
					t.Errorf("path %s is not absolute", f.Path)
				}
			}
			if got := strings.Join(names, ","); got != c.want {
				t.Errorf("files = %s, want %s", got, c.want)
			}
		})
	}
}

func TestLoadGoModel(t *testing.T) {
	cases := []struct {
		name   string
		target func() *model.MetaData
		errs   []string
	}{
		{"nil model", func() *model.MetaData { return nil }, []string{"Target() returned nil"}},
		// A panic names the line that panicked, below the runtime's frames.
		{"panic", func() *model.MetaData { panic("bad tag on User.Email") },
			[]string{"env.go: Target() panicked at ", "model_source_test.go:77: bad tag on User.Email"}},
		{"nil map", func() *model.MetaData {
			var m map[string]int
			m["x"] = 1
			return nil
		}, []string{"env.go: Target() panicked at ", "model_source_test.go:81: assignment to entry in nil map"}},
		{"invalid", func() *model.MetaData {
			return (&model.MetaData{}).AddTable(&model.Table{Name: "t"}, &model.Table{Name: "t"})
		}, []string{"env.go: Target():"}},
		{"no model", nil, []string{"no model to compare the database with"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ModelSource{Go: c.target}.Load(context.Background(), "sqlite::memory:", inspect.Options{})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Load = %v, want an InputError", err)
			}
			for _, want := range c.errs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Load = %v, want it to contain %q", err, want)
				}
			}
		})
	}
}
