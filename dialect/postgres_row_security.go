package dialect

import "github.com/migratego/migrate/model"

// RowSecuritySetter is implemented by dialects with row-level security
// (Capabilities.RowSecurity).
type RowSecuritySetter interface {
	// SetRowSecurity returns ALTER TABLE … ENABLE or DISABLE ROW LEVEL
	// SECURITY.
	SetRowSecurity(t *model.Table, enable bool) (string, error)
	// SetForceRowSecurity returns ALTER TABLE … [NO] FORCE ROW LEVEL
	// SECURITY.
	SetForceRowSecurity(t *model.Table, force bool) (string, error)
}

var _ RowSecuritySetter = (*postgresDialect)(nil)

// SetRowSecurity returns ALTER TABLE … ENABLE|DISABLE ROW LEVEL SECURITY.
func (d *postgresDialect) SetRowSecurity(t *model.Table, enable bool) (string, error) {
	clause := " DISABLE ROW LEVEL SECURITY"
	if enable {
		clause = " ENABLE ROW LEVEL SECURITY"
	}
	return d.wrap(d.alterTable(t).raw(clause).stmt())
}

// SetForceRowSecurity returns ALTER TABLE … [NO] FORCE ROW LEVEL SECURITY.
func (d *postgresDialect) SetForceRowSecurity(t *model.Table, force bool) (string, error) {
	clause := " NO FORCE ROW LEVEL SECURITY"
	if force {
		clause = " FORCE ROW LEVEL SECURITY"
	}
	return d.wrap(d.alterTable(t).raw(clause).stmt())
}
