package cli

import (
	"fmt"

	"github.com/migratego/migrate/scriptdir"
)

// loadBundledScripts loads the revisions of the bundle of a deploy binary
// (WithBundle) into a validated graph, as loadScripts does for the script
// directory.
func (a *App) loadBundledScripts() (*scripts, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	loaded, err := scriptdir.Load(a.bundle.Locations)
	if err != nil {
		return nil, Usage(fmt.Errorf("load the revisions built into this program: %w", err))
	}
	d, err := scriptdir.NewDir(loaded, a.WorkDir())
	if err != nil {
		return nil, Usage(err)
	}
	for _, loc := range a.bundle.Locations {
		d.Locations = append(d.Locations, loc.Path)
	}
	return newScripts(cfg, d), nil
}
