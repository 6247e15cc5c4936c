package ops

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// BatchMode says when a table is rebuilt by move-and-copy (Alembic's
// batch_alter_table recreate option).
type BatchMode int

// Batch modes.
const (
	// RecreateAuto rebuilds only when the database's ALTER cannot make the
	// change (SQLite: type, nullability, constraints).
	RecreateAuto BatchMode = iota
	// RecreateAlways rebuilds for every change.
	RecreateAlways
	// RecreateNever refuses a change the ALTER cannot make.
	RecreateNever
)

// String returns "auto", "always" or "never".
func (m BatchMode) String() string {
	switch m {
	case RecreateAuto:
		return "auto"
	case RecreateAlways:
		return "always"
	case RecreateNever:
		return "never"
	}
	return fmt.Sprintf("BatchMode(%d)", int(m))
}

// goSource returns the mode as a Go expression.
func (m BatchMode) goSource() (string, error) {
	switch m {
	case RecreateAuto:
		return "ops.RecreateAuto", nil
	case RecreateAlways:
		return "ops.RecreateAlways", nil
	case RecreateNever:
		return "ops.RecreateNever", nil
	}
	return "", fmt.Errorf("ops: unknown batch mode %d", int(m))
}

// sameTableName reports whether t is (schema, name); an empty name or
// schema in t matches, and names compare without regard to case, as
// SQLite's do.
func sameTableName(t *model.Table, schema, name string) bool {
	return (t.Name == "" || strings.EqualFold(t.Name, name)) && (t.Schema == "" || strings.EqualFold(t.Schema, schema))
}
