package cli

import "github.com/migratego/migrate/internal/buildinfo"

// Version is the default version of the tool, set at build time with
//
//	go build -ldflags "-X github.com/migratego/migrate/cli.Version=v1.2.3" ./cmd/migrate
//
// WithVersion overrides it. When it is left at "dev" and the binary was
// built by `go install …@version`, the module version is used instead.
var Version = "dev"

// resolvedVersion is the version of the tool (see buildinfo.Version).
func resolvedVersion() string { return buildinfo.Version(Version) }
