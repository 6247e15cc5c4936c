package runner

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// Registry collects the compiled Go revisions of a program. Revision files
// register into one from their init funcs; NewSet joins it to the scripts
// read from the files (Bind).
//
// The registry convention of the module (DESIGN decision 5, shared with
// ops.Registry): the zero Registry is empty and ready to use, and safe for
// concurrent use; whatever needs compiled revisions takes a Registry
// explicitly (NewSet, migrate.Source.Registry, cli.WithRegistry), so that
// a program migrating several databases keeps one per migration set. The
// package-level Register and DefaultRegistry are a convenience for the
// single-set program; nothing in the module reads the default registry
// unless it is passed.
type Registry struct {
	mu   sync.Mutex
	revs []*Revision
	errs []error
}

// defaultRegistry is the registry of the package-level Register.
var defaultRegistry = NewRegistry()

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

// DefaultRegistry returns the registry that the package-level Register
// fills; pass it where a Registry is asked for.
func DefaultRegistry() *Registry { return defaultRegistry }

// Register adds rev to DefaultRegistry().
func Register(rev *Revision) { defaultRegistry.Register(rev) }

// Register adds a revision. It is called from init funcs, so it never
// panics: a nil revision, an invalid id or a duplicate id is recorded and
// reported by Revisions and Bind.
func (r *Registry) Register(rev *Revision) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case rev == nil:
		r.errs = append(r.errs, errors.New("Register called with a nil revision"))
		return
	case rev.ID == "":
		r.errs = append(r.errs, fmt.Errorf("registered revision %q has no ID", rev.Message))
		return
	}
	if err := versions.CheckRevisionID(rev.ID); err != nil {
		r.errs = append(r.errs, fmt.Errorf("registered revision: %w", err))
		return
	}
	for _, have := range r.revs {
		if have.ID == rev.ID {
			r.errs = append(r.errs, fmt.Errorf("revision %s is registered twice", rev.ID))
			return
		}
	}
	r.revs = append(r.revs, rev)
}

// Revisions returns the registered revisions in registration order (for
// one package, the order of its files' names), and every problem met by
// Register, joined.
func (r *Registry) Revisions() ([]*Revision, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.revs), errors.Join(r.errs...)
}

// Lookup returns the registered revision with the given id, or nil.
func (r *Registry) Lookup(id string) *Revision {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rev := range r.revs {
		if rev.ID == id {
			return rev
		}
	}
	return nil
}

// Bind joins the scripts read from the revision files with the compiled
// revisions: it returns, by ID, the registered revision of each Go script.
// It fails, naming the file, when a Go revision file is not compiled into
// the program or its header differs from the compiled revision (the file
// changed since the build: rebuild), and when a compiled revision has no
// file. SQL scripts are left out.
func (r *Registry) Bind(scripts []*scriptdir.Script) (map[string]*Revision, error) {
	regs, err := r.Revisions()
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Revision, len(regs))
	for _, reg := range regs {
		byID[reg.ID] = reg
	}
	var errs []error
	bound := map[string]*Revision{}
	for _, sc := range scripts {
		if sc.Kind != scriptdir.KindGo {
			continue
		}
		reg, ok := byID[sc.ID]
		if !ok {
			errs = append(errs, &scriptdir.FileError{Path: sc.Path, Err: fmt.Errorf("revision %s is not compiled into this program: rebuild it", sc.ID)})
			continue
		}
		bound[sc.ID] = reg
		if field := headerDifference(sc.Revision, reg); field != "" {
			errs = append(errs, &scriptdir.FileError{Path: sc.Path, Err: fmt.Errorf("revision %s: %s differs between the file and the compiled program: rebuild it", sc.ID, field)})
		}
	}
	for _, reg := range regs {
		if bound[reg.ID] == nil {
			errs = append(errs, fmt.Errorf("revision %s (%q) is compiled into this program but no Go revision file declares it: rebuild it", reg.ID, reg.Message))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return bound, nil
}

// headerDifference names the first metadata field that differs between a
// revision read from its file and the compiled one, or returns "".
func headerDifference(file *versions.Revision, compiled *Revision) string {
	switch {
	case !slices.Equal(file.Revises, compiled.Revises):
		return "Revises"
	case !slices.Equal(file.BranchLabels, compiled.BranchLabels):
		return "BranchLabels"
	case !slices.Equal(file.DependsOn, compiled.DependsOn):
		return "DependsOn"
	case !slices.Equal(file.Replaces, compiled.Replaces):
		return "Replaces"
	case file.NonTransactional != compiled.NonTransactional:
		return "NonTransactional"
	case file.Message != compiled.Message:
		return "Message"
	case file.CreateDate != compiled.CreateDate:
		return "CreateDate"
	}
	return ""
}
