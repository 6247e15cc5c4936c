package runner

import (
	"fmt"

	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// Set is a migration set ready to run: the revision graph, and what runs
// each revision: its script (the SQL sections, the checksum) and, for a
// Go revision, its compiled code.
type Set struct {
	graph    *versions.Graph
	scripts  map[string]*scriptdir.Script
	compiled map[string]*Revision
}

// NewSet joins the scripts read from the revision files with the compiled
// Go revisions of reg (nil: none): each Go script gets the code of the
// registered revision with the same ID (see Registry.Bind for the errors:
// a Go file not compiled in, a compiled revision without a file, a header
// that differs). A Go script without code fails when it is run
// (NotCompiledError).
func NewSet(scripts []*scriptdir.Script, reg *Registry) (*Set, error) {
	s := newSet(scripts)
	if reg != nil {
		bound, err := reg.Bind(scripts)
		if err != nil {
			return nil, err
		}
		s.compiled = bound
	}
	return s.build(scriptdir.Headers(scripts))
}

// NewCompiledSet returns the set of the scripts (which must hold no Go
// revision) and every compiled revision of reg as it is: for a program
// that carries its Go revisions without their files.
func NewCompiledSet(scripts []*scriptdir.Script, reg *Registry) (*Set, error) {
	s := newSet(scripts)
	headers := scriptdir.Headers(scripts)
	for _, sc := range scripts {
		if sc.Kind == scriptdir.KindGo {
			return nil, &scriptdir.FileError{Path: sc.Path, Err: fmt.Errorf("revision %s is a Go revision file: bind it to its compiled revision (NewSet)", sc.ID)}
		}
	}
	regs, err := reg.Revisions()
	if err != nil {
		return nil, err
	}
	for _, r := range regs {
		s.compiled[r.ID] = r
		headers = append(headers, r.Header())
	}
	return s.build(headers)
}

// newSet indexes the scripts.
func newSet(scripts []*scriptdir.Script) *Set {
	s := &Set{scripts: make(map[string]*scriptdir.Script, len(scripts)), compiled: map[string]*Revision{}}
	for _, sc := range scripts {
		s.scripts[sc.ID] = sc
	}
	return s
}

// build validates the graph of the headers.
func (s *Set) build(headers []*versions.Revision) (*Set, error) {
	g, err := versions.NewGraph(headers)
	if err != nil {
		return nil, err
	}
	s.graph = g
	return s, nil
}

// Graph returns the set's revision graph.
func (s *Set) Graph() *versions.Graph { return s.graph }

// Script returns the script of the revision id, or nil for a compiled
// revision without a file.
func (s *Set) Script(id string) *scriptdir.Script { return s.scripts[id] }

// Compiled returns the compiled code of the revision id, or nil.
func (s *Set) Compiled(id string) *Revision { return s.compiled[id] }
