package scriptdir

import (
	"fmt"
	"io"
)

// GeneratedJSON is a revision file that Generate wrote, in the --json
// output of revision and merge.
type GeneratedJSON struct {
	ID           string   `json:"id"`
	Path         string   `json:"path"`
	Kind         string   `json:"kind"`
	Revises      []string `json:"revises"`
	BranchLabels []string `json:"branch_labels,omitempty"`
	DependsOn    []string `json:"depends_on,omitempty"`
	Message      string   `json:"message"`
}

// JSON describes g for --json output (Revises never null).
func (g *Generated) JSON() GeneratedJSON {
	r := g.Revision
	return GeneratedJSON{ID: r.ID, Path: g.Path, Kind: g.Kind, Revises: append([]string{}, r.Revises...),
		BranchLabels: r.BranchLabels, DependsOn: r.DependsOn, Message: r.Message}
}

// Write prints "  Generating <path> ...  done", as Alembic does.
func (g GeneratedJSON) Write(w io.Writer) error {
	_, err := fmt.Fprintf(w, "  Generating %s ...  done\n", g.Path)
	return err
}
