package dialect

import (
	"fmt"

	"github.com/migratego/migrate/model"
)

// ExclusionAlterer is implemented by dialects that add and drop exclusion
// constraints on existing tables (Capabilities.ExclusionConstraints:
// PostgreSQL). Operations find it by type assertion.
type ExclusionAlterer interface {
	// AddExclusion returns ALTER TABLE … ADD CONSTRAINT name EXCLUDE
	// USING …, and the constraint's comment.
	AddExclusion(t *model.Table, ex *model.Exclusion) ([]string, error)
	// DropExclusion returns ALTER TABLE … DROP CONSTRAINT name.
	DropExclusion(t *model.Table, ex *model.Exclusion) ([]string, error)
}

var _ ExclusionAlterer = (*postgresDialect)(nil)

// AddExclusion returns ALTER TABLE … ADD [CONSTRAINT name] EXCLUDE [USING
// method] (key WITH op, …) ….
func (d *postgresDialect) AddExclusion(t *model.Table, ex *model.Exclusion) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if ex == nil || len(ex.Elements) == 0 {
		return nil, fmt.Errorf("postgres: table %q: an exclusion constraint needs elements", t.QualifiedName())
	}
	if err := checkExclusion(d, t, ex); err != nil {
		return nil, err
	}
	return d.addConstraint(t, "exclusion constraint", ex.Name, ex.Comment, func(b *builder) { exclusionClause(b, ex) })
}

// DropExclusion returns ALTER TABLE … DROP CONSTRAINT name.
func (d *postgresDialect) DropExclusion(t *model.Table, ex *model.Exclusion) ([]string, error) {
	if ex == nil {
		ex = &model.Exclusion{}
	}
	return d.dropConstraint(t, "exclusion constraint", ex.Name)
}
