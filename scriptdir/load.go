package scriptdir

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// Location is one version directory: the files of FS's root directory,
// shown to users as Path. Use DirLocation for a directory on disk, or an
// embed.FS (narrowed with fs.Sub) to ship the files inside a program.
type Location struct {
	// FS holds the revision files at its root; subdirectories are ignored.
	FS fs.FS
	// Path is the location as the user configured it, prefixed to file
	// names in the scripts' paths and in errors; it may be empty.
	Path string
	// Cache, when set, holds the revision headers of files known not to
	// have changed since they were last read; Load then does not read
	// those files (see HeaderCache). Leave it nil to read every file.
	Cache HeaderCache
}

// HeaderCache keeps what Load found in a location's files from one run to
// the next, so that a file known not to have changed is not read again.
// Deciding that a file has not changed is the cache's business (e.g. by
// comparing its size, times and inode with those recorded).
//
// A script from a cache holds the header (ID, Revises, BranchLabels,
// DependsOn, Message, CreateDate, NonTransactional) and Kind (with
// SQL.Dialect for SQL revisions) but, as the cache chooses, may lack
// Checksum and the SQL sections: use a cache only where nothing but the
// revision graph is needed, never to run or verify revisions.
type HeaderCache interface {
	// Lookup returns the revision last read from the file name of the
	// location, or a nil revision for a file known to hold none (a Go
	// file that is not a revision); ok is false when the file must be
	// read. The loader sets the script's Path.
	Lookup(name string) (s *Script, ok bool)
	// Parsed tells the cache what reading the file name gave: its
	// revision, or nil for a file that holds none. Files that could not
	// be read or parsed are not reported, so that their errors show
	// again on the next run.
	Parsed(name string, s *Script)
}

// DirLocation returns the Location of a directory on disk.
func DirLocation(dir string) Location { return Location{FS: os.DirFS(dir), Path: dir} }

// Load reads the revision files of the locations, in order: the locations
// in the order given, and the files of each location sorted by name. That
// order is the load order the revision graph uses to break ties.
//
// A location's .go and .sql files are read; ignored are hidden files and
// files starting with '_' (the go tool ignores them too), _test.go files,
// subdirectories, other extensions, and .go files that are not revisions
// (they do not import package runner or hold no Revision literal nor
// Register call, e.g. helpers shared by revisions). Each script is filled
// in: the header with its Path (Location.Path joined with the file name),
// Kind, Checksum and the SQL sections (except for scripts that a
// location's HeaderCache supplies).
//
// Every bad file is reported, each as a *FileError, joined with
// errors.Join; the revisions of the good files are returned with the
// error. Load does not validate the graph (see the graph's constructor).
func Load(locations []Location) ([]*Script, error) {
	var (
		revs []*Script
		errs []error
	)
	for _, loc := range locations {
		r, err := loadLocation(loc)
		revs = append(revs, r...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return revs, errors.Join(errs...)
}

// loadLocation reads one location.
func loadLocation(loc Location) ([]*Script, error) {
	display := loc.Path
	if display == "" {
		display = "."
	}
	if loc.FS == nil {
		return nil, fmt.Errorf("load revisions: location %s has no file system", display)
	}
	entries, err := fs.ReadDir(loc.FS, ".")
	if err != nil {
		return nil, fmt.Errorf("load revisions from %s: %w", display, err)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	var (
		revs []*Script
		errs []error
	)
	for _, e := range entries {
		name := e.Name()
		if !isRevisionFileName(name) || e.IsDir() {
			continue
		}
		p := name
		if loc.Path != "" {
			p = path.Join(loc.Path, name)
		}
		if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 {
			continue // device, pipe, …
		}
		if loc.Cache != nil {
			if rev, ok := loc.Cache.Lookup(name); ok {
				if rev != nil {
					rev.Path = p
					revs = append(revs, rev)
				}
				continue
			}
		}
		src, err := fs.ReadFile(loc.FS, name)
		if err != nil {
			errs = append(errs, &FileError{Path: p, Err: fmt.Errorf("read: %w", err)})
			continue
		}
		rev, err := ParseRevisionFile(p, src)
		switch {
		case errors.Is(err, errNotRevision):
			if loc.Cache != nil {
				loc.Cache.Parsed(name, nil)
			}
			continue
		case err != nil:
			errs = append(errs, err)
		default:
			if loc.Cache != nil {
				loc.Cache.Parsed(name, rev)
			}
			revs = append(revs, rev)
		}
	}
	return revs, errors.Join(errs...)
}

// isRevisionFileName reports whether a file name may hold a revision.
func isRevisionFileName(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
		return false
	}
	ext := path.Ext(name)
	if ext == ".go" {
		return !strings.HasSuffix(name, "_test.go")
	}
	return strings.EqualFold(ext, ".sql")
}

// GoPackageName returns the package name of the Go files of a location
// (read from the package clause of its first .go file in name order), or
// "" when it has none, so that a new Go revision joins the existing
// package (GoFile.Package).
func GoPackageName(loc Location) (string, error) {
	if loc.FS == nil {
		return "", fmt.Errorf("package name: location %s has no file system", loc.Path)
	}
	entries, err := fs.ReadDir(loc.FS, ".")
	if err != nil {
		return "", fmt.Errorf("package name of %s: %w", loc.Path, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isRevisionFileName(name) || path.Ext(name) != ".go" {
			continue
		}
		src, err := fs.ReadFile(loc.FS, name)
		if err != nil {
			return "", fmt.Errorf("package name of %s: %w", loc.Path, err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.PackageClauseOnly)
		if err != nil {
			return "", &FileError{Path: path.Join(loc.Path, name), Err: fmt.Errorf("package clause: %w", err)}
		}
		return f.Name.Name, nil
	}
	return "", nil
}
