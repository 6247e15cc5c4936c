package scriptdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/migratego/migrate/versions"
)

// Options says where a script directory's revision files are and how to
// read them (Open).
type Options struct {
	// Locations are the version locations, in load order; relative paths
	// are relative to WorkDir.
	Locations []string
	// WorkDir is the working directory: Script paths are shown relative
	// to it when the file lies inside it.
	WorkDir string
	// MissingOK loads a location that does not exist yet as empty (the
	// revision commands create it when they write to it).
	MissingOK bool
	// ScriptLocation, when set, is the script directory the locations
	// belong to: Open refuses to work without it (*ScriptDirError), with
	// the hint Alembic gives ("use the 'init' command").
	ScriptLocation string
	// ConfigFile is the configuration file that names the script
	// directory and the locations, for the hints of errors; empty when
	// there is none (the project runs on defaults).
	ConfigFile string
	// CacheRoot, when set, makes Open take the headers of the files that
	// have not changed since the last run from the header cache kept under
	// it (cache.go), without reading the files: the scripts then lack
	// Checksum and SQL sections. Use it for the commands that need nothing
	// but the revision graph, never to run or verify revisions.
	CacheRoot string
	// ToolVersion identifies this program in cache files.
	ToolVersion string
	// Now is the header cache's clock (nil: time.Now).
	Now func() time.Time
	// OnRead, when set, is called with the path of every file read.
	OnRead func(path string)
	// Debugf, when set, receives messages about the header cache.
	Debugf func(format string, args ...any)
}

// debugf calls Debugf when it is set.
func (o *Options) debugf(format string, args ...any) {
	if o.Debugf != nil {
		o.Debugf(format, args...)
	}
}

// Dir is a script directory's revision files loaded into a validated
// graph.
type Dir struct {
	// Locations are the version locations (as configured), in load order.
	Locations []string
	// Scripts are the loaded revision files in load order; Graph is their
	// revision graph.
	Scripts []*Script
	Graph   *versions.Graph
	// WorkDir is Options.WorkDir.
	WorkDir string

	byID map[string]*Script
}

// LocationError is a version location that cannot be loaded: it does not
// exist (errors.Is(err, fs.ErrNotExist)), is not a directory
// (ErrNotDir), or cannot be read.
type LocationError struct {
	// Dir is the location as shown to users.
	Dir string
	Err error
	// ConfigFile is Options.ConfigFile, named in the hint.
	ConfigFile string
}

// ErrNotDir says that a version location is not a directory.
var ErrNotDir = errors.New("not a directory")

// Error implements the error interface: what is wrong, and what to do.
func (e *LocationError) Error() string {
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		return fmt.Sprintf("version location %s does not exist; create it, or fix version_locations in %s", e.Dir, configName(e.ConfigFile))
	case errors.Is(e.Err, ErrNotDir):
		return fmt.Sprintf("version location %s is not a directory; fix version_locations in %s", e.Dir, configName(e.ConfigFile))
	}
	return fmt.Sprintf("version location %s: %v", e.Dir, e.Err)
}

// ScriptDirError is a script directory that does not exist or cannot be
// used (Options.ScriptLocation); Err is the problem (fs.ErrNotExist,
// ErrNotDir, …).
type ScriptDirError struct {
	// Dir is the script directory as shown to users.
	Dir string
	Err error
	// ConfigFile is Options.ConfigFile, named in the hint.
	ConfigFile string
}

// Error implements the error interface: what is wrong, and what to do.
func (e *ScriptDirError) Error() string {
	switch {
	case errors.Is(e.Err, fs.ErrNotExist) && e.ConfigFile == "":
		return fmt.Sprintf("no %s found here or in a parent directory, and no script directory %s; run `migrate init` to start a project, or use -c", ConfigFileName, e.Dir)
	case errors.Is(e.Err, fs.ErrNotExist):
		return fmt.Sprintf("script directory %s does not exist; run `migrate init` to create it, or fix script_location in %s", e.Dir, e.ConfigFile)
	case errors.Is(e.Err, ErrNotDir):
		return fmt.Sprintf("script directory %s is not a directory; fix script_location in %s", e.Dir, configName(e.ConfigFile))
	}
	return fmt.Sprintf("script directory %s: %v", e.Dir, e.Err)
}

// Unwrap returns the underlying problem.
func (e *ScriptDirError) Unwrap() error { return e.Err }

// ConfigFileName is the name of the project's configuration file.
const ConfigFileName = "migrate.toml"

// configName names the configuration file in hints.
func configName(file string) string {
	if file != "" {
		return file
	}
	return ConfigFileName
}

// checkScriptDir returns the *ScriptDirError of a script directory that
// does not exist or is no directory.
func checkScriptDir(o *Options) error {
	st, err := os.Stat(o.ScriptLocation)
	if err == nil && !st.IsDir() {
		err = ErrNotDir
	}
	if err != nil {
		return &ScriptDirError{Dir: Display(o.WorkDir, o.ScriptLocation), Err: err, ConfigFile: o.ConfigFile}
	}
	return nil
}

// Unwrap returns the underlying problem.
func (e *LocationError) Unwrap() error { return e.Err }

// LoadError wraps the problems of the revision files (*FileError values,
// joined) or of the graph (*versions.GraphError).
type LoadError struct{ Err error }

// Error implements the error interface.
func (e *LoadError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying problem.
func (e *LoadError) Unwrap() error { return e.Err }

// Open reads the version locations into a validated graph. Errors are a
// *ScriptDirError for a missing script directory (when
// Options.ScriptLocation is set), a *LocationError for a location that
// cannot be used, and a *LoadError for
// malformed revision files and graph errors (duplicate ids, unknown
// parents, cycles, …), naming the files at fault.
func Open(o Options) (*Dir, error) {
	if o.ScriptLocation != "" {
		if err := checkScriptDir(&o); err != nil {
			return nil, err
		}
	}
	d := &Dir{Locations: o.Locations, WorkDir: o.WorkDir}
	var (
		locs   []Location
		caches []*headerCache
	)
	for _, dir := range o.Locations {
		shown := Display(o.WorkDir, dir)
		st, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist) && o.MissingOK:
			continue
		case err != nil:
			return nil, &LocationError{Dir: shown, Err: err, ConfigFile: o.ConfigFile}
		case !st.IsDir():
			return nil, &LocationError{Dir: shown, Err: ErrNotDir, ConfigFile: o.ConfigFile}
		}
		var cache *headerCache
		if o.CacheRoot != "" {
			cache = openHeaderCache(&o, Abs(o.WorkDir, dir))
		}
		fsys, err := newPrefetchFS(dir, cache, o.OnRead)
		if err != nil {
			return nil, &LocationError{Dir: shown, Err: err, ConfigFile: o.ConfigFile}
		}
		loc := Location{FS: fsys, Path: filepath.ToSlash(shown)}
		if cache != nil {
			loc.Cache = cache
			caches = append(caches, cache)
		}
		locs = append(locs, loc)
	}
	scripts, err := Load(locs)
	for _, c := range caches {
		// Whatever the graph makes of them: the cache is per file.
		if wrote, err := c.save(); err != nil {
			o.debugf("revision header cache %s not written: %v", c.file, err)
		} else if wrote {
			o.debugf("revision header cache %s written", c.file)
		}
	}
	if err != nil {
		return nil, &LoadError{Err: fmt.Errorf("load revisions: %w", err)}
	}
	g, err := versions.NewGraph(Headers(scripts))
	if err != nil {
		return nil, &LoadError{Err: err}
	}
	d.Scripts, d.Graph = scripts, g
	d.index()
	return d, nil
}

// NewDir returns the Dir of scripts loaded elsewhere (e.g. carried by a
// deploy binary), validating their graph.
func NewDir(scripts []*Script, workDir string) (*Dir, error) {
	g, err := versions.NewGraph(Headers(scripts))
	if err != nil {
		return nil, &LoadError{Err: err}
	}
	d := &Dir{Scripts: scripts, Graph: g, WorkDir: workDir}
	d.index()
	return d, nil
}

// index fills byID.
func (d *Dir) index() {
	d.byID = make(map[string]*Script, len(d.Scripts))
	for _, s := range d.Scripts {
		d.byID[s.ID] = s
	}
}

// Script returns the script of the revision id, or nil.
func (d *Dir) Script(id string) *Script { return d.byID[id] }

// AbsPath returns the absolute path of a revision's file ("" for none).
func (d *Dir) AbsPath(r *versions.Revision) string {
	if r.Path == "" {
		return ""
	}
	return Abs(d.WorkDir, filepath.FromSlash(r.Path))
}

// Abs returns path made absolute against the working directory wd.
func Abs(wd, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(wd, path)
}

// Display returns path relative to the working directory wd when it lies
// inside it (keeping a trailing separator), else the path as given: how
// paths are shown to users.
func Display(wd, path string) string {
	trail := strings.HasSuffix(path, string(filepath.Separator))
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		if trail {
			rel += string(filepath.Separator)
		}
		return rel
	}
	return path
}

// ShownPath returns the path of a revision's file as shown to users (its
// Path, relative to the working directory when the file lies inside it).
func ShownPath(r *versions.Revision) string { return filepath.FromSlash(r.Path) }

// Formatter returns the formatter of d's revisions for heads, branches,
// show, current and history, which also tells each revision's file kind
// in --json output; labels are the effective branch labels of every
// revision (nil: ask the graph).
func (d *Dir) Formatter(labels map[string][]string) *versions.Formatter {
	return &versions.Formatter{Graph: d.Graph, Labels: labels, Path: ShownPath, Kind: func(r *versions.Revision) string {
		if sc := d.Script(r.ID); sc != nil {
			return sc.Kind
		}
		return ""
	}}
}
