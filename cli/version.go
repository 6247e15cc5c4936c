package cli

import "runtime/debug"

// Version is the default version of the tool, set at build time with
//
//	go build -ldflags "-X github.com/migratego/migrate/cli.Version=v1.2.3" ./cmd/migrate
//
// WithVersion overrides it. When it is left at "dev" and the binary was
// built by `go install …@version`, the module version is used instead.
var Version = "dev"

func resolvedVersion() string {
	if Version != "dev" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return Version
}

// buildInfo describes the binary for `migrate version`.
type buildInfo struct {
	Version   string `json:"version"`
	GoVersion string `json:"go_version,omitempty"`
	Commit    string `json:"commit,omitempty"`
	Modified  bool   `json:"modified,omitempty"`
}

func readBuildInfo(version string) buildInfo {
	info := buildInfo{Version: version}
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
