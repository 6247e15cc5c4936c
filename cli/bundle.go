package cli

// loadBundledScripts loads the revisions of the bundle of a deploy binary
// (WithBundle) into a validated graph, as loadScripts does for the script
// directory.
func (a *App) loadBundledScripts() (*scripts, error) {
	cfg, err := a.Config()
	if err != nil {
		return nil, err
	}
	d, err := a.bundle.Open(a.WorkDir())
	if err != nil {
		return nil, Usage(err)
	}
	return newScripts(cfg, d), nil
}
