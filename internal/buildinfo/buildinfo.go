// Package buildinfo is what a migrate binary knows about its own build:
// its version (set with -ldflags, by `go install …@version`, or the
// migrate module a project's compiled runner was built with), and the Go
// version and VCS commit that `migrate version -v` prints.
package buildinfo

import (
	"fmt"
	"io"
	"runtime/debug"
)

// ModulePath is the module path of migrate.
const ModulePath = "github.com/migratego/migrate"

// Version returns v, the version set at build time, unless it is "dev":
// then the main module's version when the binary was built by
// `go install …@version`, else "dev".
func Version(v string) string {
	if v != "dev" {
		return v
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return v
}

// DependencyVersion returns the version of the migrate module that a
// program built with a project (its main module) depends on, or "" when
// Version(v) is set, or migrate is the main module, replaced by a
// directory, or not versioned.
func DependencyVersion(v string) string {
	if Version(v) != "dev" {
		return ""
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == ModulePath && d.Replace == nil && d.Version != "" && d.Version != "(devel)" {
			return d.Version
		}
	}
	return ""
}

// Info describes the binary for `migrate version`.
type Info struct {
	Version   string `json:"version"`
	GoVersion string `json:"go_version,omitempty"`
	Commit    string `json:"commit,omitempty"`
	Modified  bool   `json:"modified,omitempty"`
}

// Read returns the Info of this binary, with version as its version.
func Read(version string) Info {
	info := Info{Version: version}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// Write prints the version as `migrate version` does; verbose adds the
// Go version and the commit ("(modified)" when the tree was).
func (i Info) Write(w io.Writer, verbose bool) error {
	fmt.Fprintf(w, "migrate %s\n", i.Version)
	if verbose {
		fmt.Fprintf(w, "go:     %s\n", i.GoVersion)
		if i.Commit != "" {
			dirty := ""
			if i.Modified {
				dirty = " (modified)"
			}
			fmt.Fprintf(w, "commit: %s%s\n", i.Commit, dirty)
		}
	}
	return nil
}
