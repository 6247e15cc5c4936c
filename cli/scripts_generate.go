package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/migratego/migrate/versions"
)

// revisionSpec is what revision and merge ask generateRevision for; it
// follows Alembic's ScriptDirectory.generate_revision.
type revisionSpec struct {
	cmd     string // "revision" or "merge", the prefix of error messages
	message string
	// heads are the identifiers of the revisions to revise: --head of
	// revision (default "head"), or the arguments of merge.
	heads       []string
	splice      bool
	labels      []string
	versionPath string
	revID       string
	dependsOn   []string
	// sqlFile writes a SQL revision; sqlSet tells that --sql-file was
	// given (else the project decides, see defaultSQL).
	sqlFile, sqlSet bool
	// merge requires two or more revisions to revise.
	merge bool
}

// revisionResult is the --json output of revision and merge.
type revisionResult struct {
	ID           string   `json:"id"`
	Path         string   `json:"path"`
	Kind         string   `json:"kind"`
	Revises      []string `json:"revises"`
	BranchLabels []string `json:"branch_labels,omitempty"`
	DependsOn    []string `json:"depends_on,omitempty"`
	Message      string   `json:"message"`
}

// multipleHeadsForRevision is Alembic's message when a new revision
// would need one head and there are several.
const multipleHeadsForRevision = "Multiple heads are present; please specify the head revision on which " +
	"the new revision should be based, or perform a merge."

// generateRevision writes a new revision file and prints
// "  Generating <path> ...  done" as Alembic does. Every check runs before
// the file is written, so a refused revision leaves nothing behind.
func generateRevision(app *App, sp revisionSpec) error {
	s, err := app.loadScripts(true)
	if err != nil {
		return err
	}
	g := s.graph

	id, err := s.newRevisionID(sp.revID)
	if err != nil {
		return err
	}
	heads, err := s.resolveHeads(sp)
	if err != nil {
		return err
	}
	dir, err := s.versionDir(sp.versionPath, heads)
	if err != nil {
		return err
	}
	if !sp.splice {
		for _, h := range heads {
			if !g.IsHead(h.ID) {
				return Usagef("Revision %s is not a head revision; please specify --splice to create a new branch from this revision", h.ID)
			}
		}
	}
	deps, err := s.resolveDependsOn(splitFlagList(sp.dependsOn))
	if err != nil {
		return err
	}
	labels, err := checkBranchLabels(splitFlagList(sp.labels))
	if err != nil {
		return err
	}

	loc := s.cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	now := time.Now().In(loc)
	message := sp.message
	if strings.TrimSpace(message) == "" {
		message = "empty message"
	}
	rev := &versions.Revision{
		ID:           id,
		Revises:      idsOf(heads),
		BranchLabels: labels,
		DependsOn:    deps,
		Message:      message,
		CreateDate:   now.Format(versions.CreateDateLayout),
	}
	sqlFile := sp.sqlFile
	if !sp.sqlSet {
		sqlFile = defaultSQL(s)
	}
	kind, ext := versions.KindGo, ".go"
	if sqlFile {
		kind, ext = versions.KindSQL, ".sql"
	}
	name, err := versions.FileName(s.cfg.FileTemplate, rev, ext, now)
	if err != nil {
		return Usage(fmt.Errorf("%s: %w (fix file_template in %s)", sp.cmd, err, configName(s.cfg)))
	}
	rev.Source = &versions.Source{Path: filepath.ToSlash(display(s.wd, filepath.Join(dir, name))), Kind: kind}

	// The graph with the new revision must still be valid (labels unique,
	// no cycle through the dependencies, …).
	if _, err := versions.NewGraph(append(slices.Clip(s.revs), rev)); err != nil {
		return Usage(fmt.Errorf("%s: %w", sp.cmd, err))
	}

	var data []byte
	if sqlFile {
		data, err = versions.RenderSQLFile(versions.SQLFile{Revision: rev})
	} else {
		var pkg string
		if pkg, err = goPackageFor(dir); err == nil {
			data, err = versions.RenderGoFile(versions.GoFile{Revision: rev, Package: pkg})
		}
	}
	if err != nil {
		return Usage(fmt.Errorf("%s: %w", sp.cmd, err))
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
		return Usagef("%s: %s already exists and is not overwritten; choose another id or message", sp.cmd, display(s.wd, filepath.Join(dir, name)))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Failure(fmt.Errorf("%s: create version location: %w", sp.cmd, err))
	}
	path, err := versions.WriteNewFile(dir, name, data)
	if err != nil {
		return Failure(fmt.Errorf("%s: %w", sp.cmd, err))
	}
	res := revisionResult{
		ID: id, Path: display(s.wd, path), Kind: kind, Revises: rev.Revises,
		BranchLabels: labels, DependsOn: deps, Message: message,
	}
	if res.Revises == nil {
		res.Revises = []string{}
	}
	return app.Result(res, func(w io.Writer) error {
		_, err := fmt.Fprintf(w, "  Generating %s ...  done\n", res.Path)
		return err
	})
}

// newRevisionID checks a --rev-id, or makes a new random id.
func (s *scripts) newRevisionID(given string) (string, error) {
	if given == "" {
		for {
			id := versions.NewRevisionID()
			if s.graph.Revision(id) == nil && s.graph.LabelRevision(id) == nil {
				return id, nil
			}
		}
	}
	if err := versions.CheckRevisionID(given); err != nil {
		return "", Usage(fmt.Errorf("--rev-id: %w", err))
	}
	if r := s.graph.Revision(given); r != nil {
		return "", Usagef("--rev-id: revision %s already exists (%s); choose another id", given, s.path(r))
	}
	if r := s.graph.LabelRevision(given); r != nil {
		return "", Usagef("--rev-id: %s is a branch label of revision %s; labels and ids share one namespace, choose another id", given, r.ID)
	}
	return given, nil
}

// resolveHeads resolves the revisions the new revision revises.
func (s *scripts) resolveHeads(sp revisionSpec) ([]*versions.Revision, error) {
	var heads []*versions.Revision
	for _, ident := range sp.heads {
		if strings.TrimSpace(ident) == "current" {
			return nil, Usagef("%s: 'current' cannot be used here; name the revision(s) to revise (an id, a label, head or heads)", sp.cmd)
		}
		revs, err := s.graph.Resolve(ident, nil)
		if err != nil {
			var rerr *versions.ResolutionError
			if errors.As(err, &rerr) && rerr.Kind == versions.ErrMultipleHeads {
				return nil, Usagef("%s", multipleHeadsForRevision)
			}
			return nil, Usage(err)
		}
		heads = append(heads, revs...)
	}
	seen := map[string]bool{}
	for _, h := range heads {
		if seen[h.ID] {
			return nil, Usagef("Duplicate head revisions specified")
		}
		seen[h.ID] = true
	}
	if sp.merge && len(heads) < 2 {
		names := strings.Join(sp.heads, " ")
		if len(heads) == 0 {
			return nil, Usagef("merge: %s names no revision; a merge revises two or more revisions", names)
		}
		return nil, Usagef("merge: %s names only revision %s; a merge revises two or more revisions (use `migrate revision` for a plain revision)", names, heads[0].ID)
	}
	return heads, nil
}

// versionDir chooses the version location of the new file (Alembic's
// rules): --version-path, which must be a configured location; else the
// only location; else the location of the first revised revision.
func (s *scripts) versionDir(versionPath string, heads []*versions.Revision) (string, error) {
	if versionPath != "" {
		want := filepath.Clean(abs(s.wd, versionPath))
		for _, l := range s.locations {
			if filepath.Clean(l) == want {
				return l, nil
			}
		}
		return "", Usagef("Path %s is not represented in current version locations (%s)", versionPath, strings.Join(s.displayLocations(), ", "))
	}
	if len(s.locations) == 1 {
		return s.locations[0], nil
	}
	for _, h := range heads {
		if p := s.absPath(h); p != "" {
			return filepath.Dir(p), nil
		}
	}
	return "", Usagef("Multiple version locations present, please specify --version-path (one of %s)", strings.Join(s.displayLocations(), ", "))
}

// resolveDependsOn resolves --depends-on values as Alembic does: an id
// prefix becomes the full id, a branch label stays a label.
func (s *scripts) resolveDependsOn(deps []string) ([]string, error) {
	var out []string
	for _, d := range deps {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		r, err := s.graph.ResolveOne(d, nil)
		if err != nil {
			return nil, Usage(fmt.Errorf("--depends-on %s: %w", d, err))
		}
		if r == nil {
			return nil, Usagef("--depends-on %s: names no revision; give a revision id or a branch label", d)
		}
		dep := r.ID
		if slices.Contains(s.graph.BranchesOf(r.ID), d) {
			dep = d
		}
		if !slices.Contains(out, dep) {
			out = append(out, dep)
		}
	}
	return out, nil
}

// splitFlagList splits the values of a repeatable flag at commas. The
// flags are string arrays, not cobra's CSV-parsed slices, which keep only
// the first line of a value with a newline ("a\nb" became "a").
func splitFlagList(vals []string) []string {
	var out []string
	for _, v := range vals {
		out = append(out, strings.Split(v, ",")...)
	}
	return out
}

// checkBranchLabels checks --branch-label values: a label must be usable
// in revision identifiers (<label>@head) and in file headers.
func checkBranchLabels(labels []string) ([]string, error) {
	var out []string
	for _, l := range labels {
		l = strings.TrimSpace(l)
		if l == "" {
			return nil, Usagef("--branch-label: the label is empty")
		}
		if strings.ContainsAny(l, "@:,") || strings.IndexFunc(l, isSpaceOrControl) >= 0 {
			return nil, Usagef("--branch-label %q: a label may not contain '@', ':', ',', spaces or control characters", l)
		}
		for _, w := range []string{"head", "heads", "base", "current"} {
			if strings.EqualFold(l, w) {
				return nil, Usagef("--branch-label %q: %s is a reserved word of the revision identifier grammar", l, w)
			}
		}
		if id, err := versions.ParseIdentifier(l); err != nil || id.Relative {
			return nil, Usagef("--branch-label %q: the label reads as a relative revision identifier (like head-1); choose another", l)
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

// defaultSQL tells whether the project writes SQL revisions by default:
// projects made with `migrate init --template sql` have no env.go in the
// script directory (the go template always writes one).
func defaultSQL(s *scripts) bool {
	_, err := os.Stat(filepath.Join(s.cfg.ScriptLocation, "env.go"))
	return errors.Is(err, fs.ErrNotExist)
}

// goPackageFor returns the package clause of a new Go revision in dir:
// that of the Go files already there, else one derived from the
// directory name.
func goPackageFor(dir string) (string, error) {
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		pkg, err := versions.GoPackageName(versions.DirLocation(dir))
		if err != nil {
			return "", err
		}
		if pkg != "" {
			return pkg, nil
		}
	}
	return packageName(dir), nil
}
