package runnerbuild

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// goModule is a Go module whose sources are on disk: the project's own
// module, or a module that its go.mod replaces with a local directory.
type goModule struct {
	// Path is the module path; Dir the directory holding its go.mod.
	Path, Dir string
}

// goModFile is what the compiled runner needs from a go.mod: the module
// path and the replacements by local directories, whose sources are part
// of the runner's cache key.
type goModFile struct {
	module   string
	replaces []goModule
}

// errNoGoModule is returned by findGoModule when no go.mod encloses a
// directory.
var errNoGoModule = errors.New("no go.mod")

// findGoModule returns the directory of the go.mod enclosing dir.
func findGoModule(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !st.IsDir() {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errNoGoModule
		}
	}
}

// readGoMod reads the module path and the local replacements of the
// go.mod in dir. It understands the subset of the go.mod grammar it needs
// (module, and replace lines and blocks); `go build` checks the rest.
func readGoMod(dir string) (*goModFile, error) {
	file := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	mf := &goModFile{}
	inReplace := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch {
		case inReplace && fields[0] == ")":
			inReplace = false
		case inReplace:
			mf.addReplace(fields, dir)
		case fields[0] == "module" && len(fields) >= 2:
			mf.module = unquoteGoMod(fields[1])
		case fields[0] == "replace" && len(fields) >= 2 && fields[1] == "(":
			inReplace = true
		case fields[0] == "replace":
			mf.addReplace(fields[1:], dir)
		}
	}
	if mf.module == "" {
		return nil, fmt.Errorf("%s has no module line", file)
	}
	return mf, nil
}

// addReplace records "old [v] => new [v]" when new is a local directory.
func (mf *goModFile) addReplace(fields []string, dir string) {
	arrow := -1
	for i, f := range fields {
		if f == "=>" {
			arrow = i
		}
	}
	if arrow < 1 || arrow+1 >= len(fields) {
		return
	}
	target := unquoteGoMod(fields[arrow+1])
	if !strings.HasPrefix(target, "./") && !strings.HasPrefix(target, "../") && !filepath.IsAbs(target) {
		return // a module version, covered by go.sum
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	mf.replaces = append(mf.replaces, goModule{Path: unquoteGoMod(fields[0]), Dir: filepath.Clean(target)})
}

// unquoteGoMod removes the quotes of a quoted go.mod token.
func unquoteGoMod(s string) string {
	if strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "`") {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}
