package scriptdir

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/migratego/migrate/versions"
)

// NewRevision is what Generate writes; it follows Alembic's
// ScriptDirectory.generate_revision.
type NewRevision struct {
	// Op is "revision" or "merge": the prefix of messages.
	Op      string
	Message string
	// Heads are the identifiers of the revisions to revise (e.g. "head",
	// or the arguments of merge); Splice allows revisions that are not
	// heads; Merge requires two or more.
	Heads  []string
	Splice bool
	Merge  bool
	// BranchLabels, DependsOn (ids, prefixes or labels) and ID (empty:
	// random) of the new revision.
	BranchLabels []string
	DependsOn    []string
	ID           string
	// VersionPath chooses the version location (one of Dir.Locations).
	VersionPath string
	// SQL writes a SQL revision file instead of Go.
	SQL bool
	// FileTemplate names the file (DefaultFileTemplate when empty); Now is
	// the creation time, in the time zone of the project.
	FileTemplate string
	Now          time.Time
	// UpgradeBody and DowngradeBody fill the revision (autogenerate): Go
	// statements with the Imports they need (see GoFile), or with SQL the
	// statements of the two sections, the file then restricted to Dialect
	// when it is set (see SQLFile). Empty bodies get the usual hints.
	UpgradeBody, DowngradeBody string
	Imports                    []string
	Dialect                    string
	// Fill, when set, is called once the checks passed and SQL is final,
	// to set the bodies above (autogenerate renders Go or SQL).
	Fill func(n *NewRevision) error
}

// Generated is the revision file Generate wrote.
type Generated struct {
	// Revision is its header (Path: the file as shown to users).
	Revision *versions.Revision
	// Path is the file's path as shown to users; Kind KindGo or KindSQL.
	Path, Kind string
}

// InputError is a new revision that cannot be written as asked: a bad
// id, label or head, a file that exists, an invalid graph. Its message
// says what to change.
type InputError struct{ Err error }

// Error implements the error interface.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// inputErrorf returns an *InputError with a formatted message.
func inputErrorf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// TemplateError is a file name template that cannot name the new file.
type TemplateError struct{ Err error }

// Error implements the error interface.
func (e *TemplateError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *TemplateError) Unwrap() error { return e.Err }

// MultipleHeadsForRevision is Alembic's message when a new revision
// would need one head and there are several.
const MultipleHeadsForRevision = "Multiple heads are present; please specify the head revision on which " +
	"the new revision should be based, or perform a merge."

// Generate writes a new revision file into the script directory. Every
// check runs before the file is written, so a refused revision leaves
// nothing behind. Problems of the request are *InputError (or
// *TemplateError for the file name template); others are I/O failures.
func (d *Dir) Generate(n NewRevision) (*Generated, error) {
	g := d.Graph
	id, err := d.newRevisionID(n.ID)
	if err != nil {
		return nil, err
	}
	heads, err := d.resolveHeads(n)
	if err != nil {
		return nil, err
	}
	dir, err := d.versionDir(n.VersionPath, heads)
	if err != nil {
		return nil, err
	}
	if !n.Splice {
		for _, h := range heads {
			if !g.IsHead(h.ID) {
				return nil, inputErrorf("Revision %s is not a head revision; please specify --splice to create a new branch from this revision", h.ID)
			}
		}
	}
	deps, err := d.resolveDependsOn(n.DependsOn)
	if err != nil {
		return nil, err
	}
	labels, err := checkBranchLabels(n.BranchLabels)
	if err != nil {
		return nil, err
	}
	message := n.Message
	if strings.TrimSpace(message) == "" {
		message = "empty message"
	}
	rev := &versions.Revision{
		ID:           id,
		Revises:      versions.IDs(heads),
		BranchLabels: labels,
		DependsOn:    deps,
		Message:      message,
		CreateDate:   n.Now.Format(CreateDateLayout),
	}
	kind, ext := KindGo, ".go"
	if n.SQL {
		kind, ext = KindSQL, ".sql"
	}
	name, err := FileName(n.FileTemplate, rev, ext, n.Now)
	if err != nil {
		return nil, &TemplateError{Err: err}
	}
	rev.Path = filepath.ToSlash(Display(d.WorkDir, filepath.Join(dir, name)))

	// The graph with the new revision must still be valid (labels unique,
	// no cycle through the dependencies, …).
	if _, err := versions.NewGraph(append(Headers(d.Scripts), rev)); err != nil {
		return nil, &InputError{Err: fmt.Errorf("%s: %w", n.Op, err)}
	}

	if n.Fill != nil {
		if err := n.Fill(&n); err != nil {
			return nil, fmt.Errorf("%s: %w", n.Op, err)
		}
	}
	var data []byte
	if n.SQL {
		data, err = RenderSQLFile(SQLFile{Revision: rev, Dialect: n.Dialect, Upgrade: n.UpgradeBody, Downgrade: n.DowngradeBody})
	} else {
		var pkg string
		if pkg, err = goPackageFor(dir); err == nil {
			data, err = RenderGoFile(GoFile{Revision: rev, Package: pkg, UpgradeBody: n.UpgradeBody, DowngradeBody: n.DowngradeBody, Imports: n.Imports})
		}
	}
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("%s: %w", n.Op, err)}
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
		return nil, inputErrorf("%s: %s already exists and is not overwritten; choose another id or message", n.Op, Display(d.WorkDir, filepath.Join(dir, name)))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: create version location: %w", n.Op, err)
	}
	path, err := WriteNewFile(dir, name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", n.Op, err)
	}
	return &Generated{Revision: rev, Path: Display(d.WorkDir, path), Kind: kind}, nil
}

// DisplayLocations returns the version locations as shown to users.
func (d *Dir) DisplayLocations() []string {
	out := make([]string, len(d.Locations))
	for i, l := range d.Locations {
		out[i] = Display(d.WorkDir, l)
	}
	return out
}

// newRevisionID checks a --rev-id, or makes a new random id.
func (d *Dir) newRevisionID(given string) (string, error) {
	if given == "" {
		for {
			id := versions.NewRevisionID()
			if d.Graph.Revision(id) == nil && d.Graph.LabelRevision(id) == nil {
				return id, nil
			}
		}
	}
	if err := versions.CheckRevisionID(given); err != nil {
		return "", &InputError{Err: fmt.Errorf("--rev-id: %w", err)}
	}
	if r := d.Graph.Revision(given); r != nil {
		return "", inputErrorf("--rev-id: revision %s already exists (%s); choose another id", given, filepath.FromSlash(r.Path))
	}
	if r := d.Graph.LabelRevision(given); r != nil {
		return "", inputErrorf("--rev-id: %s is a branch label of revision %s; labels and ids share one namespace, choose another id", given, r.ID)
	}
	return given, nil
}

// resolveHeads resolves the revisions the new revision revises.
func (d *Dir) resolveHeads(sp NewRevision) ([]*versions.Revision, error) {
	var heads []*versions.Revision
	for _, ident := range sp.Heads {
		if strings.TrimSpace(ident) == "current" {
			return nil, inputErrorf("%s: 'current' cannot be used here; name the revision(s) to revise (an id, a label, head or heads)", sp.Op)
		}
		revs, err := d.Graph.Resolve(ident, nil)
		if err != nil {
			var rerr *versions.ResolutionError
			if errors.As(err, &rerr) && rerr.Kind == versions.ErrMultipleHeads {
				return nil, inputErrorf("%s", MultipleHeadsForRevision)
			}
			return nil, &InputError{Err: err}
		}
		heads = append(heads, revs...)
	}
	seen := map[string]bool{}
	for _, h := range heads {
		if seen[h.ID] {
			return nil, inputErrorf("Duplicate head revisions specified")
		}
		seen[h.ID] = true
	}
	if sp.Merge && len(heads) < 2 {
		names := strings.Join(sp.Heads, " ")
		if len(heads) == 0 {
			return nil, inputErrorf("merge: %s names no revision; a merge revises two or more revisions", names)
		}
		return nil, inputErrorf("merge: %s names only revision %s; a merge revises two or more revisions (use `migrate revision` for a plain revision)", names, heads[0].ID)
	}
	return heads, nil
}

// versionDir chooses the version location of the new file (Alembic's
// rules): --version-path, which must be a configured location; else the
// only location; else the location of the first revised revision.
func (d *Dir) versionDir(versionPath string, heads []*versions.Revision) (string, error) {
	if versionPath != "" {
		want := filepath.Clean(Abs(d.WorkDir, versionPath))
		for _, l := range d.Locations {
			if filepath.Clean(l) == want {
				return l, nil
			}
		}
		return "", inputErrorf("Path %s is not represented in current version locations (%s)", versionPath, strings.Join(d.DisplayLocations(), ", "))
	}
	if len(d.Locations) == 1 {
		return d.Locations[0], nil
	}
	for _, h := range heads {
		if p := d.AbsPath(h); p != "" {
			return filepath.Dir(p), nil
		}
	}
	return "", inputErrorf("Multiple version locations present, please specify --version-path (one of %s)", strings.Join(d.DisplayLocations(), ", "))
}

// resolveDependsOn resolves --depends-on values as Alembic does: an id
// prefix becomes the full id, a branch label stays a label.
func (d *Dir) resolveDependsOn(deps []string) ([]string, error) {
	var out []string
	for _, dep := range deps {
		dep = strings.TrimSpace(dep)
		if dep == "" {
			continue
		}
		r, err := d.Graph.ResolveOne(dep, nil)
		if err != nil {
			return nil, &InputError{Err: fmt.Errorf("--depends-on %s: %w", dep, err)}
		}
		if r == nil {
			return nil, inputErrorf("--depends-on %s: names no revision; give a revision id or a branch label", dep)
		}
		id := r.ID
		if slices.Contains(d.Graph.BranchesOf(r.ID), dep) {
			id = dep
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// checkBranchLabels checks --branch-label values: a label must be usable
// in revision identifiers (<label>@head) and in file headers.
func checkBranchLabels(labels []string) ([]string, error) {
	var out []string
	for _, l := range labels {
		l = strings.TrimSpace(l)
		if l == "" {
			return nil, inputErrorf("--branch-label: the label is empty")
		}
		if strings.ContainsAny(l, "@:,") || strings.IndexFunc(l, isSpaceOrControl) >= 0 {
			return nil, inputErrorf("--branch-label %q: a label may not contain '@', ':', ',', spaces or control characters", l)
		}
		for _, w := range []string{"head", "heads", "base", "current"} {
			if strings.EqualFold(l, w) {
				return nil, inputErrorf("--branch-label %q: %s is a reserved word of the revision identifier grammar", l, w)
			}
		}
		if id, err := versions.ParseIdentifier(l); err != nil || id.Relative {
			return nil, inputErrorf("--branch-label %q: the label reads as a relative revision identifier (like head-1); choose another", l)
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}

func isSpaceOrControl(r rune) bool {
	return r <= ' ' || r == 0x7f || r == '\u00a0' || r == '\u2028' || r == '\u2029'
}

// DefaultSQL tells whether the project of the script directory
// scriptLocation writes SQL revisions by default: projects made with
// `migrate init --template sql` have no env.go in the script directory
// (the go template always writes one).
func DefaultSQL(scriptLocation string) bool {
	_, err := os.Stat(filepath.Join(scriptLocation, "env.go"))
	return errors.Is(err, fs.ErrNotExist)
}

// goPackageFor returns the package clause of a new Go revision in dir:
// that of the Go files already there, else one derived from the
// directory name.
func goPackageFor(dir string) (string, error) {
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		pkg, err := GoPackageName(DirLocation(dir))
		if err != nil {
			return "", err
		}
		if pkg != "" {
			return pkg, nil
		}
	}
	return PackageName(dir), nil
}

// PackageName derives a Go package name from a directory name (the
// script directory's env.go, a version location without Go files):
// lower case, '-', '.' and ' ' as '_', "migrations" when that is not an
// identifier.
func PackageName(dir string) string {
	name := strings.ToLower(filepath.Base(dir))
	name = strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == ' ' {
			return '_'
		}
		return r
	}, name)
	if !token.IsIdentifier(name) || name == "main" || name == "_" {
		return "migrations"
	}
	return name
}
