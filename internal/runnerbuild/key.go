package runnerbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"hash"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// runnerKeyVersion changes when the layout of the key or of the generated
// runner changes, so that old cache entries are not reused.
const runnerKeyVersion = "migrate compiled runner, key v1"

// runnerKey returns the cache key of a compiled runner, the hex SHA-256
// of everything the binary is built from:
//
//   - the version of this migrate and the generated main.go (which names
//     the packages it imports);
//   - the build environment: GOOS, GOARCH, CGO_ENABLED, GOFLAGS,
//     GOEXPERIMENT, GOWORK;
//   - the project's go.mod and go.sum, and go.work and go.work.sum when a
//     workspace is in use: they pin every module version;
//   - the source of every local package the runner imports, transitively:
//     the non-test .go files of the project's packages (revisions, env.go
//     and the packages of its module they import), and of the packages of
//     modules that go.mod replaces with a local directory (with their
//     go.mod), such as a checkout of migrate itself.
//
// Not covered: files read through //go:embed, cgo sources, and the
// sources of other modules of a go.work workspace (edit go.work, or
// remove the cache, after changing them). Modules fetched by version are
// covered by go.sum.
func runnerKey(toolVersion string, p *Project, mainSrc []byte, env []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\ntool %q\n", runnerKeyVersion, toolVersion)
	for _, name := range []string{"GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT", "GOWORK"} {
		fmt.Fprintf(h, "env %s=%q\n", name, lastEnv(env, name))
	}
	hashBytes(h, "main.go", mainSrc)

	mf, err := readGoMod(p.module.Dir)
	if err != nil {
		return "", fmt.Errorf("compiled runner: %w", err)
	}
	locals := []goModule{*p.module}
	locals = append(locals, mf.replaces...)
	// The longest module path wins, as in the go command.
	slices.SortStableFunc(locals, func(a, b goModule) int { return len(b.Path) - len(a.Path) })
	for _, m := range locals {
		if err := hashFile(h, m.Path+"@go.mod", filepath.Join(m.Dir, "go.mod")); err != nil {
			return "", err
		}
	}
	if err := hashFile(h, "go.sum", filepath.Join(p.module.Dir, "go.sum")); err != nil {
		return "", err
	}
	if work := goWorkFile(p.module.Dir, lastEnv(env, "GOWORK")); work != "" {
		for _, f := range []string{work, work + ".sum"} {
			if err := hashFile(h, "workspace "+filepath.Base(f), f); err != nil {
				return "", err
			}
		}
	}

	w := &pkgWalker{h: h, locals: locals, seen: map[string]bool{}}
	if err := w.imports(mainSrc, "main.go"); err != nil {
		return "", err
	}
	for len(w.queue) > 0 {
		ip := w.queue[0]
		w.queue = w.queue[1:]
		if err := w.hashPackage(ip); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// pkgWalker hashes the local packages reachable from the runner.
type pkgWalker struct {
	h      hash.Hash
	locals []goModule
	seen   map[string]bool
	queue  []string
	fset   token.FileSet
}

// imports queues the local packages imported by a Go file.
func (w *pkgWalker) imports(src []byte, name string) error {
	f, err := parser.ParseFile(&w.fset, name, src, parser.ImportsOnly)
	if err != nil {
		// The compiler reports it; the file's bytes are in the key.
		return nil
	}
	for _, spec := range f.Imports {
		ip, err := strconv.Unquote(spec.Path.Value)
		if err != nil || w.seen[ip] {
			continue
		}
		if _, ok := w.localDir(ip); ok {
			w.seen[ip] = true
			w.queue = append(w.queue, ip)
		}
	}
	return nil
}

// localDir returns the directory of a package of a local module.
func (w *pkgWalker) localDir(importPath string) (string, bool) {
	for _, m := range w.locals {
		if importPath == m.Path {
			return m.Dir, true
		}
		if rest, ok := strings.CutPrefix(importPath, m.Path+"/"); ok {
			return filepath.Join(m.Dir, filepath.FromSlash(rest)), true
		}
	}
	return "", false
}

// hashPackage adds the non-test .go files of a package to the key and
// queues its local imports.
func (w *pkgWalker) hashPackage(importPath string) error {
	dir, _ := w.localDir(importPath)
	entries, err := os.ReadDir(dir)
	if err != nil {
		// A missing package: go build reports it.
		fmt.Fprintf(w.h, "package %s missing\n", importPath)
		return nil
	}
	fmt.Fprintf(w.h, "package %s\n", importPath)
	for _, e := range entries {
		if e.IsDir() || !GoSourceFile(e.Name()) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return fmt.Errorf("compiled runner: %w", err)
		}
		hashBytes(w.h, e.Name(), src)
		if err := w.imports(src, e.Name()); err != nil {
			return err
		}
	}
	return nil
}

// hashBytes adds a named blob to h, length-prefixed.
func hashBytes(h hash.Hash, name string, data []byte) {
	fmt.Fprintf(h, "file %q %d\n", name, len(data))
	h.Write(data)
}

// hashFile adds a file to h; a missing file is recorded as missing.
func hashFile(h hash.Hash, name, file string) error {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		fmt.Fprintf(h, "file %q missing\n", name)
		return nil
	}
	if err != nil {
		return fmt.Errorf("compiled runner: %w", err)
	}
	hashBytes(h, name, data)
	return nil
}

// lastEnv returns the value of name in env (the last one wins, as in
// os/exec).
func lastEnv(env []string, name string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], name+"="); ok {
			return v
		}
	}
	return ""
}

// goWorkFile returns the go.work file in use for a module directory, or
// "" when none: GOWORK=off disables workspaces, a GOWORK path names the
// file, else the go command looks upwards from the module.
func goWorkFile(moduleDir, gowork string) string {
	switch gowork {
	case "off":
		return ""
	case "":
	default:
		return gowork
	}
	for d := moduleDir; ; d = filepath.Dir(d) {
		f := filepath.Join(d, "go.work")
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() {
			return f
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
