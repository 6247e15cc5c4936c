package project

import (
	"cmp"
	"path/filepath"
	"slices"
	"time"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/internal/runnerbuild"
	"github.com/migratego/migrate/runner"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// Scripts are a project's revision files loaded into a validated graph.
type Scripts struct {
	Config *config.Config
	Dir    *scriptdir.Dir
	// Graph is Dir.Graph.
	Graph *versions.Graph
	// Set is the migration set to run (LoadRunnable only).
	Set *runner.Set
}

// LoadScripts reads the configured version locations (or the bundle)
// into a validated graph. Problems are input errors that name the files
// at fault: a missing script directory or version location, malformed
// revision files, and graph errors (duplicate ids, unknown parents,
// cycles, …). With missingOK, a version location that does not exist yet
// is loaded as empty (revision and merge create it when they write to
// it).
func (p *Project) LoadScripts(missingOK bool) (*Scripts, error) {
	return p.load(missingOK, false)
}

// LoadGraph loads the scripts for the commands that need nothing but the
// revision graph (heads, branches, history, show): the headers of files
// that have not changed since the last run come from the header cache
// (scriptdir/cache.go), without reading the files, so scripts may lack
// Checksum and SQL sections. Never use it to run or verify revisions.
func (p *Project) LoadGraph() (*Scripts, error) {
	return p.load(false, true)
}

// LoadRunnable loads the scripts for running them: the graph, with the
// Go revisions compiled into this program bound to their files.
func (p *Project) LoadRunnable() (*Scripts, error) {
	s, err := p.LoadScripts(false)
	if err != nil {
		return nil, err
	}
	if s.Set, err = runner.NewSet(s.Dir.Scripts, p.Compiled); err != nil {
		return nil, input(err)
	}
	return s, nil
}

// load is LoadScripts, using the header cache when cached is set.
func (p *Project) load(missingOK, cached bool) (*Scripts, error) {
	cfg, err := p.Config()
	if err != nil {
		return nil, err
	}
	var d *scriptdir.Dir
	if p.Bundle != nil {
		// A deploy binary (migrate build) carries its revisions.
		d, err = p.Bundle.Open(p.WorkDir)
	} else {
		o := scriptdir.Options{Locations: slices.Clone(cfg.VersionLocations), WorkDir: p.WorkDir, MissingOK: missingOK,
			ScriptLocation: cfg.ScriptLocation, ConfigFile: cfg.File, ToolVersion: p.ToolVersion, Now: p.Now, OnRead: p.OnRead, Debugf: p.Debugf}
		if len(o.Locations) == 0 {
			o.Locations = []string{filepath.Join(cfg.ScriptLocation, "versions")}
		}
		if cached && scriptdir.CacheSupported {
			if o.CacheRoot, err = runnerbuild.CacheRoot(p.LookupEnv); err != nil {
				p.debugf("revision header cache not used: %v", err)
			}
		}
		d, err = scriptdir.Open(o)
	}
	if err != nil {
		return nil, input(err)
	}
	return &Scripts{Config: cfg, Dir: d, Graph: d.Graph}, nil
}

// Now is the time of a new revision: now, in the configured time zone.
func (s *Scripts) Now() time.Time { return time.Now().In(cmp.Or(s.Config.Location, time.UTC)) }

// Generate writes a new revision file (scriptdir.Dir.Generate) with the
// configured file name template, time zone and, unless sqlSet (the
// request says whether it is SQL), the project's kind of revision
// (scriptdir.DefaultSQL).
func (s *Scripts) Generate(n scriptdir.NewRevision, sqlSet bool) (*scriptdir.Generated, error) {
	n.Now, n.FileTemplate = s.Now(), s.Config.FileTemplate
	if !sqlSet {
		n.SQL = scriptdir.DefaultSQL(s.Config.ScriptLocation)
	}
	return s.Dir.Generate(n)
}
