package runnerbuild

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/migratego/migrate/cli/config"
	"github.com/migratego/migrate/scriptdir"
)

// DeployTarget says what a deploy binary is built for and how.
type DeployTarget struct {
	// GOOS and GOARCH cross-compile (--goos, --goarch); empty means the
	// environment's GOOS/GOARCH, else this machine's.
	GOOS, GOARCH string
	// Debug keeps the symbol table, DWARF and build paths; by default the
	// binary is built with -trimpath -ldflags="-s -w".
	Debug bool
}

// goNameRE matches GOOS and GOARCH names (linux, arm64, mips64le, …).
var goNameRE = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

// Check refuses a GOOS or GOARCH that is not such a name (--goos,
// --goarch), before anything is built; it is a *UserError.
func (t DeployTarget) Check() error {
	for _, f := range []struct{ flag, v string }{{"--goos", t.GOOS}, {"--goarch", t.GOARCH}} {
		if f.v != "" && !goNameRE.MatchString(f.v) {
			return userErrorf("build: %s %q is not a GOOS/GOARCH name (see go tool dist list)", f.flag, f.v)
		}
	}
	return nil
}

// env is the go build environment for t: BuildEnv, with GOOS and GOARCH
// set when t names them (appended last, they win over the environment).
func (t DeployTarget) env() []string {
	env := BuildEnv(false)
	if t.GOOS != "" {
		env = append(env, "GOOS="+t.GOOS)
	}
	if t.GOARCH != "" {
		env = append(env, "GOARCH="+t.GOARCH)
	}
	return env
}

// flags are the go build flags for t.
func (t DeployTarget) flags() []string {
	if t.Debug {
		return nil
	}
	return []string{"-trimpath", "-ldflags=-s -w"}
}

// DeployLocation is a version location whose revision files a deploy
// binary embeds: its directory, and the location as shown to users.
type DeployLocation struct {
	Dir, Shown string
}

// Deploy writes the deploy binary out (`migrate build -o`): the project's
// compiled runner with the revision files of locs embedded and cfg as its
// defaults, built for target. p must have its module resolved
// (ResolveModule); shownOut names out in messages.
func (b *Builder) Deploy(ctx context.Context, p *Project, locs []DeployLocation, cfg BundleConfig, target DeployTarget, out, shownOut string) error {
	tmp, err := os.MkdirTemp("", "migrate-build-")
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	defer os.RemoveAll(tmp)
	spec := &bundleSpec{config: cfg}
	for i, loc := range locs {
		rel := fmt.Sprintf("bundle/%d", i)
		if err := copyRevisionFiles(loc.Dir, filepath.Join(tmp, filepath.FromSlash(rel)), loc.Shown); err != nil {
			return err
		}
		spec.dirs, spec.paths = append(spec.dirs, rel), append(spec.paths, loc.Shown)
	}
	src, err := renderRunnerMain(p, spec)
	if err != nil {
		return err
	}
	mainFile := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(mainFile, src, 0o644); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	b.infof("Building %s (go build in %s) ...", shownOut, p.module.Dir)
	return b.GoBuild(ctx, p.module.Dir, target.env(), out, mainFile, target.flags()...)
}

// DeployRequest is a deploy binary to build for a project
// (`migrate build -o`).
type DeployRequest struct {
	// Config is the project's configuration; its settings that decide
	// where revisions are recorded and locked are built in as defaults.
	Config *config.Config
	// Locations are the project's version locations (absolute), loaded
	// without error; Revisions counts their revisions.
	Locations []string
	Revisions int
	// WorkDir is the working directory, against which paths are shown.
	WorkDir string
	// Output is the binary to write (absolute); Target what it is for.
	Output string
	Target DeployTarget
	// LookupEnv reads GOOS and GOARCH, the defaults of Target.
	LookupEnv func(string) (string, bool)
}

// DeployResult describes a deploy binary that DeployProject wrote.
type DeployResult struct {
	Output      string `json:"output"`
	Module      string `json:"module"`
	GOOS        string `json:"goos"`
	GOARCH      string `json:"goarch"`
	Bytes       int64  `json:"bytes"`
	GoRevisions int    `json:"go_revisions"`
	Revisions   int    `json:"revisions"`
	Model       bool   `json:"model"`
	// shown is Output as shown to users.
	shown string
}

// DeployProject builds the deploy binary of r: the project's Go module
// with its revisions and model compiled in and its revision files
// embedded. A project whose revisions are all SQL and that is no Go
// module needs no build: that is a *UserError saying so.
func (b *Builder) DeployProject(ctx context.Context, r DeployRequest) (*DeployResult, error) {
	cfg := r.Config
	p, err := FindProject(cfg.ScriptLocation, cfg.VersionLocations)
	if err != nil {
		return nil, err
	}
	if err := p.ResolveModule(cfg.ScriptLocation); err != nil {
		if p.GoRevisions == 0 && !p.EnvTarget {
			return nil, userErrorf("build: the revisions of this project are all SQL, so it needs no build: the migrate command runs them as they are "+
				"(deploy it with %s). For one binary with the SQL files inside, make the project a Go module that requires migrate "+
				"(see the README), then run build again", scriptdir.Display(r.WorkDir, cfg.ScriptLocation))
		}
		return nil, err
	}
	var locs []DeployLocation
	for _, dir := range r.Locations {
		locs = append(locs, DeployLocation{Dir: dir, Shown: filepath.ToSlash(scriptdir.Display(r.WorkDir, dir))})
	}
	shown := scriptdir.Display(r.WorkDir, r.Output)
	if err := b.Deploy(ctx, p, locs, NewBundleConfig(cfg), r.Target, r.Output, shown); err != nil {
		return nil, err
	}
	module, _ := p.Module()
	env := func(name string) string { v, _ := r.LookupEnv(name); return v }
	res := &DeployResult{Output: r.Output, Module: module, GoRevisions: p.GoRevisions, Revisions: r.Revisions, Model: p.EnvTarget,
		GOOS: cmp.Or(r.Target.GOOS, env("GOOS"), runtime.GOOS), GOARCH: cmp.Or(r.Target.GOARCH, env("GOARCH"), runtime.GOARCH), shown: shown}
	if st, err := os.Stat(r.Output); err == nil {
		res.Bytes = st.Size()
	}
	return res, nil
}

// WriteText prints the line of `migrate build` about the binary.
func (r *DeployResult) WriteText(w io.Writer) error {
	model := ""
	if r.Model {
		model = " and the target model"
	}
	_, err := fmt.Fprintf(w, "Built %s (%s/%s, %.1f MB): %d revision(s), %d of them Go%s, compiled in\n",
		r.shown, r.GOOS, r.GOARCH, float64(r.Bytes)/(1<<20), r.Revisions, r.GoRevisions, model)
	return err
}

// copyRevisionFiles copies the files of a version location that the
// loader reads (.go and .sql, not hidden, not tests) into dst, with a
// LOCATION file naming it, so that the directory is never empty (go:embed
// refuses empty directories; the loader ignores that file).
func copyRevisionFiles(src, dst, shown string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dst, "LOCATION"), []byte(shown+"\n"), 0o644); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return userErrorf("build: version location %s: %w", shown, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(GoSourceFile(name) || (strings.EqualFold(filepath.Ext(name), ".sql") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_"))) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return userErrorf("build: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	return nil
}
