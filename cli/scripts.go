package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/versions"
)

// scripts is a project's revision files loaded into a validated graph:
// what revision, merge, heads, branches, show, edit and history work on.
type scripts struct {
	cfg *config.Config
	// locations are the configured version locations (absolute), in load
	// order.
	locations []string
	// revs are the loaded revisions in load order; graph is their graph.
	revs  []*versions.Revision
	graph *versions.Graph
	// wd is the working directory; Source.Path values are relative to it
	// when the file lies inside it.
	wd string
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
// (scripts_cache.go), without reading the files, so revisions may lack
// Source.Checksum and SQL sections. Never use it to run or verify
// revisions.
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
	s := &scripts{cfg: cfg, locations: slices.Clone(cfg.VersionLocations), wd: wd}
	if len(s.locations) == 0 {
		s.locations = []string{filepath.Join(cfg.ScriptLocation, "versions")}
	}
	if err := checkScriptDir(cfg, wd); err != nil {
		return nil, err
	}
	var (
		locs   []versions.Location
		caches []*headerCache
	)
	for _, dir := range s.locations {
		st, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist) && missingOK:
			continue
		case errors.Is(err, fs.ErrNotExist):
			return nil, Usagef("version location %s does not exist; create it, or fix version_locations in %s", display(wd, dir), configName(cfg))
		case err != nil:
			return nil, Usagef("version location %s: %w", display(wd, dir), err)
		case !st.IsDir():
			return nil, Usagef("version location %s is not a directory; fix version_locations in %s", display(wd, dir), configName(cfg))
		}
		var cache *headerCache
		if cached {
			cache = a.openHeaderCache(abs(wd, dir))
		}
		fsys, err := newPrefetchFS(dir, cache, a.onRead)
		if err != nil {
			return nil, Usagef("version location %s: %w", display(wd, dir), err)
		}
		loc := versions.Location{FS: fsys, Path: filepath.ToSlash(display(wd, dir))}
		if cache != nil {
			loc.Cache = cache
			caches = append(caches, cache)
		}
		locs = append(locs, loc)
	}
	revs, err := versions.Load(locs)
	for _, c := range caches {
		// Whatever the graph makes of them: the cache is per file.
		if wrote, err := c.save(); err != nil {
			a.Debugf("revision header cache %s not written: %v", c.file, err)
		} else if wrote {
			a.Debugf("revision header cache %s written", c.file)
		}
	}
	if err != nil {
		return nil, Usage(fmt.Errorf("load revisions: %w", err))
	}
	g, err := versions.NewGraph(revs)
	if err != nil {
		return nil, Usage(err)
	}
	s.revs, s.graph = revs, g
	return s, nil
}

// checkScriptDir refuses to work without a script directory, with the
// hint Alembic gives ("use the 'init' command").
func checkScriptDir(cfg *config.Config, wd string) error {
	st, err := os.Stat(cfg.ScriptLocation)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !cfg.Found():
		return Usagef("no migrate.toml found here or in a parent directory, and no script directory %s; run `migrate init` to start a project, or use -c", display(wd, cfg.ScriptLocation))
	case errors.Is(err, fs.ErrNotExist):
		return Usagef("script directory %s does not exist; run `migrate init` to create it, or fix script_location in %s", display(wd, cfg.ScriptLocation), cfg.File)
	case err != nil:
		return Usagef("script directory %s: %w", display(wd, cfg.ScriptLocation), err)
	case !st.IsDir():
		return Usagef("script directory %s is not a directory; fix script_location in %s", display(wd, cfg.ScriptLocation), configName(cfg))
	}
	return nil
}

// configName names the configuration file in messages.
func configName(cfg *config.Config) string {
	if cfg.Found() {
		return cfg.File
	}
	return config.FileName
}

// absPath returns the absolute path of a revision's file (Source.Path is
// relative to the working directory when the file lies inside it).
func (s *scripts) absPath(r *versions.Revision) string {
	if r.Source == nil || r.Source.Path == "" {
		return ""
	}
	return abs(s.wd, filepath.FromSlash(r.Source.Path))
}

// path returns the path of a revision's file as shown to users.
func (s *scripts) path(r *versions.Revision) string {
	if r.Source == nil {
		return ""
	}
	return filepath.FromSlash(r.Source.Path)
}
