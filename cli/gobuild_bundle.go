package cli

import (
	"fmt"

	"github.com/migratego/migrate/versions"
)

// loadBundledScripts loads the revisions of the bundle of a deploy binary
// (WithBundle) into a validated graph, as loadScripts does for the script
// directory.
func (a *App) loadBundledScripts() (*scripts, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	s := &scripts{cfg: cfg, wd: a.WorkDir()}
	for _, loc := range a.bundle.Locations {
		s.locations = append(s.locations, loc.Path)
	}
	revs, err := versions.Load(a.bundle.Locations)
	if err != nil {
		return nil, Usage(fmt.Errorf("load the revisions built into this program: %w", err))
	}
	g, err := versions.NewGraph(revs)
	if err != nil {
		return nil, Usage(err)
	}
	s.revs, s.graph = revs, g
	return s, nil
}
