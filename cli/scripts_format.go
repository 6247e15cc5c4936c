package cli

import (
	"github.com/migratego/migrate/versions"
)

// newRevFormatter returns the formatter of the scripts' revisions for
// heads, branches, show and history, which also tells each revision's
// file kind in --json output; labels are the effective branch labels of
// every revision (nil: ask the graph).
func newRevFormatter(s *scripts, labels map[string][]string) *versions.Formatter {
	return &versions.Formatter{Graph: s.graph, Labels: labels, Path: s.path, Kind: func(r *versions.Revision) string {
		if sc := s.dir.Script(r.ID); sc != nil {
			return sc.Kind
		}
		return ""
	}}
}
