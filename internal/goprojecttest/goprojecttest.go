// Package goprojecttest gives tests a private copy of the sample Go
// project (testdata/goproject) built against a snapshot of this module.
package goprojecttest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Copy copies testdata/goproject of the module at moduleRoot (relative
// to the test's directory) into a temporary directory, pointing its
// replace directive at a snapshot of the module's sources (so that edits
// to the checkout during the test do not change the compiled runner's
// cache key), and returns it.
func Copy(t testing.TB, moduleRoot string) string {
	t.Helper()
	root, err := filepath.Abs(moduleRoot)
	if err != nil {
		t.Fatal(err)
	}
	snapshot := moduleSnapshot(t, root)
	dst := filepath.Join(t.TempDir(), "goproject")
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(root, "testdata", "goproject"))); err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(dst, "go.mod")
	data, err := os.ReadFile(mod)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("=> ../.."), []byte("=> "+snapshot), 1)
	if err := os.WriteFile(mod, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// moduleSnapshot copies the files of the module at root that a build
// reads (go.mod, go.sum and the non-test .go files, outside testdata,
// bench, hidden directories and nested modules) into a temporary
// directory, and returns it.
func moduleSnapshot(t testing.TB, root string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "migrate-src")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := d.Name()
		if d.IsDir() {
			if rel != "." && (name == "testdata" || name == "bench" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !(rel == "go.mod" || rel == "go.sum" || isSourceFile(name)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("snapshot of %s: %v", root, err)
	}
	return dst
}

// isSourceFile reports whether name is a Go file that a build compiles
// (not a test, not hidden).
func isSourceFile(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") &&
		!strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}
