// Package runner executes the plans of package versions on a database:
// the version and history tables, the migration lock, transactions,
// statement progress and resume, the offline (--sql) output, and the
// registry of compiled Go revisions.
package runner

import (
	"context"

	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/versions"
)

// Revision is a compiled Go revision: its header, as written in its file,
// and its code. Go revision files register one from their init funcs
// (Register, or Registry.Register); the header parser of package scriptdir
// reads the same literal without compiling it.
type Revision struct {
	// ID, Revises, BranchLabels, DependsOn, Replaces, Message, CreateDate
	// and NonTransactional are the header (see versions.Revision).
	ID               string
	Revises          []string
	BranchLabels     []string
	DependsOn        []string
	Replaces         []string
	Message          string
	CreateDate       string
	NonTransactional bool

	// Upgrade and Downgrade run the revision's operations.
	Upgrade   func(ctx context.Context, op *ops.Op) error
	Downgrade func(ctx context.Context, op *ops.Op) error
}

// Header returns the revision's header, as the graph takes it.
func (r *Revision) Header() *versions.Revision {
	return &versions.Revision{
		ID:               r.ID,
		Revises:          r.Revises,
		BranchLabels:     r.BranchLabels,
		DependsOn:        r.DependsOn,
		Replaces:         r.Replaces,
		Message:          r.Message,
		CreateDate:       r.CreateDate,
		NonTransactional: r.NonTransactional,
	}
}
