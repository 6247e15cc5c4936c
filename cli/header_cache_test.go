package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// cacheProject is a project of SQL revision files run with the header
// cache in a temporary directory, recording which revision files each
// run reads.
type cacheProject struct {
	t          *testing.T
	dir, cache string
	// clock is the header cache's clock for the next runs (nil: the real
	// clock); future makes every file old enough to be cached.
	clock func() time.Time
}

func future() time.Time { return time.Now().Add(time.Hour) }

// cacheRev is the SQL file of revision id revising parent ("" for a base).
func cacheRev(id, parent, msg string) string {
	return "-- migrate:id " + id + "\n-- migrate:revises " + parent + "\n-- migrate:message " + msg +
		"\n\n-- migrate:upgrade\nCREATE TABLE t_" + id + " (id integer);\n\n-- migrate:downgrade\nDROP TABLE t_" + id + ";\n"
}

func newCacheProject(t *testing.T) *cacheProject {
	t.Helper()
	p := &cacheProject{t: t, dir: t.TempDir(), cache: t.TempDir(), clock: future}
	toml := "script_location = \"migrations\"\ndatabase_url = \"sqlite:" + filepath.ToSlash(filepath.Join(p.dir, "app.db")) + "\"\n"
	p.write("../../migrate.toml", toml)
	p.write("a1_one.sql", cacheRev("a1", "", "one"))
	p.write("a2_two.sql", cacheRev("a2", "a1", "two"))
	p.write("a3_three.sql", cacheRev("a3", "a2", "three"))
	return p
}

// path is the path of a file of the version location.
func (p *cacheProject) path(name string) string {
	return filepath.Join(p.dir, "migrations", "versions", filepath.FromSlash(name))
}

// write writes a file of the version location.
func (p *cacheProject) write(name, content string) {
	p.t.Helper()
	if err := os.MkdirAll(filepath.Dir(p.path(name)), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(p.path(name), []byte(content), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// cacheFiles lists the cache files.
func (p *cacheProject) cacheFiles() []string {
	p.t.Helper()
	m, err := filepath.Glob(filepath.Join(p.cache, "headers", "*.bin"))
	if err != nil {
		p.t.Fatal(err)
	}
	return m
}

// runIn runs migrate with the cache root cache; it returns the exit
// status, stdout, stderr and the names of the revision files read, sorted.
func (p *cacheProject) runIn(cache string, args ...string) (int, string, string, []string) {
	p.t.Helper()
	var (
		mu    sync.Mutex
		reads []string
	)
	hooks := func(a *App) {
		a.proj.Now = p.clock
		a.proj.OnRead = func(path string) {
			mu.Lock()
			defer mu.Unlock()
			reads = append(reads, filepath.Base(path))
		}
	}
	env := func(name string) (string, bool) {
		if name == EnvCacheDir {
			return cache, true
		}
		return "", false
	}
	var stdout, stderr bytes.Buffer
	code := Execute(context.Background(), args, &stdout, &stderr, WithWorkDir(p.dir), WithLookupEnv(env), hooks)
	slices.Sort(reads)
	return code, stdout.String(), stderr.String(), reads
}

// run runs migrate, which must succeed, and checks which files it read
// (nil: all three revision files; empty: none).
func (p *cacheProject) run(wantReads []string, args ...string) string {
	p.t.Helper()
	code, stdout, stderr, reads := p.runIn(p.cache, args...)
	if code != 0 {
		p.t.Fatalf("migrate %s: exit %d\nstderr: %s", strings.Join(args, " "), code, stderr)
	}
	if stderr != "" {
		p.t.Errorf("migrate %s: stderr %q, want none", strings.Join(args, " "), stderr)
	}
	if wantReads == nil {
		wantReads = []string{"a1_one.sql", "a2_two.sql", "a3_three.sql"}
	}
	if !slices.Equal(reads, wantReads) {
		p.t.Errorf("migrate %s read %q, want %q", strings.Join(args, " "), reads, wantReads)
	}
	return stdout
}

// uncached runs migrate with an empty cache of its own: the output to
// compare with.
func (p *cacheProject) uncached(args ...string) string {
	p.t.Helper()
	code, stdout, stderr, _ := p.runIn(p.t.TempDir(), args...)
	if code != 0 {
		p.t.Fatalf("migrate %s (uncached): exit %d\nstderr: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// bumpMtime moves a file's modification time forward by a second, as an
// edit within the same second would not.
func (p *cacheProject) bumpMtime(name string) {
	p.t.Helper()
	st, err := os.Stat(p.path(name))
	if err != nil {
		p.t.Fatal(err)
	}
	mt := st.ModTime().Add(time.Second)
	if err := os.Chtimes(p.path(name), mt, mt); err != nil {
		p.t.Fatal(err)
	}
}

func TestHeaderCache(t *testing.T) {
	none := []string{}
	tests := []struct {
		name string
		test func(t *testing.T, p *cacheProject)
	}{
		{"second run reads no file, same output", func(t *testing.T, p *cacheProject) {
			first := p.run(nil, "heads")
			if len(p.cacheFiles()) != 1 {
				t.Fatalf("cache files %q after the first run, want one", p.cacheFiles())
			}
			if got := p.run(none, "heads"); got != first || !strings.Contains(got, "a3 (head)") {
				t.Errorf("heads from the cache = %q, first run %q", got, first)
			}
			for _, args := range [][]string{
				{"heads", "-v"}, {"heads", "--json"}, {"branches"}, {"history"}, {"history", "-v"},
				{"history", "--json"}, {"history", "--graph"}, {"history", "--format", "dot"},
				{"history", "-r", "a1:a2"}, {"show", "a2"}, {"show", "head", "--json"},
			} {
				if got, want := p.run(none, args...), p.uncached(args...); got != want {
					t.Errorf("migrate %s from the cache:\n%s\nwant:\n%s", strings.Join(args, " "), got, want)
				}
			}
		}},
		{"edited file is read again", func(t *testing.T, p *cacheProject) {
			p.run(nil, "heads")
			p.write("a2_two.sql", cacheRev("a2", "a1", "TWO")) // same size
			p.bumpMtime("a2_two.sql")
			if got := p.run([]string{"a2_two.sql"}, "history"); !strings.Contains(got, "a1 -> a2, TWO") {
				t.Errorf("history after the edit:\n%s", got)
			}
			p.run(none, "history")
		}},
		{"file edited within the racy window is read every time", func(t *testing.T, p *cacheProject) {
			p.run(nil, "heads")
			p.write("a2_two.sql", cacheRev("a2", "a1", "TWO"))
			p.clock = nil // the real clock: the file was modified just now
			p.run([]string{"a2_two.sql"}, "heads")
			p.run([]string{"a2_two.sql"}, "heads")
			p.clock = future // two seconds later, it is cached
			p.run([]string{"a2_two.sql"}, "heads")
			p.run(none, "heads")
		}},
		{"files written just now are not cached", func(t *testing.T, p *cacheProject) {
			p.clock = nil
			p.run(nil, "heads")
			p.run(nil, "heads")
			if len(p.cacheFiles()) != 0 {
				t.Errorf("cache files %q, want none", p.cacheFiles())
			}
		}},
		{"deleted file disappears", func(t *testing.T, p *cacheProject) {
			p.run(nil, "heads")
			if err := os.Remove(p.path("a3_three.sql")); err != nil {
				t.Fatal(err)
			}
			if got := p.run(none, "heads"); got != "a2 (head)\n" {
				t.Errorf("heads = %q, want a2", got)
			}
			if got := p.run(none, "history"); strings.Contains(got, "a3") {
				t.Errorf("history shows the deleted a3:\n%s", got)
			}
		}},
		{"new file appears", func(t *testing.T, p *cacheProject) {
			p.run(nil, "heads")
			p.write("a4_four.sql", cacheRev("a4", "a3", "four"))
			if got := p.run([]string{"a4_four.sql"}, "heads"); got != "a4 (head)\n" {
				t.Errorf("heads = %q, want a4", got)
			}
			p.run(none, "heads")
		}},
		{"Go helper file is cached as holding no revision", func(t *testing.T, p *cacheProject) {
			p.write("helpers.go", "package versions\n\nconst unused = 1\n")
			all := []string{"a1_one.sql", "a2_two.sql", "a3_three.sql", "helpers.go"}
			p.run(all, "heads")
			if got := p.run(none, "heads"); got != "a3 (head)\n" {
				t.Errorf("heads = %q", got)
			}
		}},
		{"corrupted cache file is ignored", func(t *testing.T, p *cacheProject) {
			want := p.run(nil, "history")
			for _, damage := range []func([]byte) []byte{
				func(b []byte) []byte { b[len(b)/2] ^= 0x20; return b },
				func(b []byte) []byte { return b[:len(b)/3] },
				func([]byte) []byte { return []byte("garbage") },
				func([]byte) []byte { return nil },
			} {
				file := p.cacheFiles()[0]
				b, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, damage(b), 0o644); err != nil {
					t.Fatal(err)
				}
				if got := p.run(nil, "history"); got != want {
					t.Errorf("history with a damaged cache:\n%s\nwant:\n%s", got, want)
				}
				p.run(none, "history") // rewritten
			}
		}},
		{"cache directory that cannot be written is ignored", func(t *testing.T, p *cacheProject) {
			p.cache = filepath.Join(p.path("a1_one.sql"), "under-a-file")
			p.run(nil, "heads")
			p.run(nil, "heads")
		}},
		{"bad file is never cached", func(t *testing.T, p *cacheProject) {
			p.run(nil, "heads")
			p.write("a4_bad.sql", "-- migrate:id a4\n-- migrate:frobnicate y\n")
			p.bumpMtime("a4_bad.sql")
			for range 2 {
				code, _, stderr, reads := p.runIn(p.cache, "heads")
				if code != 2 || !strings.Contains(stderr, "migrations/versions/a4_bad.sql:2:") {
					t.Errorf("heads with a bad file: exit %d, stderr %q", code, stderr)
				}
				if !slices.Equal(reads, []string{"a4_bad.sql"}) {
					t.Errorf("heads with a bad file read %q", reads)
				}
			}
		}},
		{"upgrade and verify read every file", func(t *testing.T, p *cacheProject) {
			p.run(nil, "heads")
			p.run(none, "heads")
			p.run(nil, "-q", "upgrade", "head")
			p.run(nil, "-q", "verify")
			p.run(nil, "-q", "stamp", "a2")
			p.run(none, "history")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.test(t, newCacheProject(t))
		})
	}
}
