package cli

import (
	"path/filepath"
	"slices"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// scripts is a project's revision files loaded into a validated graph:
// what revision, merge, heads, branches, show, edit and history work on.
type scripts struct {
	cfg *config.Config
	dir *scriptdir.Dir
	// graph is dir.Graph.
	graph *versions.Graph
	// set is the migration set to run (loadRunnable only).
	set *runner.Set
}

// newScripts wraps a loaded script directory.
func newScripts(cfg *config.Config, d *scriptdir.Dir) *scripts {
	return &scripts{cfg: cfg, dir: d, graph: d.Graph}
}

// loadScripts reads the configured version locations into a validated
// graph. Problems are usage errors (exit 2) that name the files at fault:
// a missing script directory or version location, malformed revision
// files, and graph errors (duplicate ids, unknown parents, cycles, …).
// With missingOK, a version location that does not exist yet is loaded as
// empty (revision and merge create it when they write to it).
func (a *App) loadScripts(missingOK bool) (*scripts, error) {
	return a.loadScriptsFrom(missingOK, false)
}

// loadGraph loads the scripts for the commands that need nothing but the
// revision graph (heads, branches, history, show): the headers of files
// that have not changed since the last run come from the header cache
// (scriptdir/cache.go), without reading the files, so scripts may lack
// Checksum and SQL sections. Never use it to run or verify revisions.
func (a *App) loadGraph() (*scripts, error) {
	return a.loadScriptsFrom(false, true)
}

// loadScriptsFrom is loadScripts, using the header cache when cached is
// set.
func (a *App) loadScriptsFrom(missingOK, cached bool) (*scripts, error) {
	if a.bundle != nil {
		// A deploy binary (migrate build) carries its revisions.
		return a.loadBundledScripts()
	}
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	wd := a.WorkDir()
	o := scriptdir.Options{Locations: slices.Clone(cfg.VersionLocations), WorkDir: wd, MissingOK: missingOK,
		ScriptLocation: cfg.ScriptLocation, ConfigFile: cfg.File, ToolVersion: a.Version, Now: a.now, OnRead: a.onRead, Debugf: a.Debugf}
	if len(o.Locations) == 0 {
		o.Locations = []string{filepath.Join(cfg.ScriptLocation, "versions")}
	}
	if cached && scriptdir.CacheSupported {
		root, err := runnerbuild.CacheRoot(a.LookupEnv)
		if err != nil {
			a.Debugf("revision header cache not used: %v", err)
		} else {
			o.CacheRoot = root
		}
	}
	d, err := scriptdir.Open(o)
	if err != nil {
		return nil, Usage(err)
	}
	return newScripts(cfg, d), nil
}

// configName names the configuration file in messages.
func configName(cfg *config.Config) string {
	if cfg.Found() {
		return cfg.File
	}
	return config.FileName
}
