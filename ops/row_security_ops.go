package ops

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// SetRowSecurity switches a table's row-level security (PostgreSQL ALTER
// TABLE … ENABLE|DISABLE ROW LEVEL SECURITY and [NO] FORCE ROW LEVEL
// SECURITY) to Enable and Force. Was and WasForced are the settings
// before, which Reverse restores.
type SetRowSecurity struct {
	Schema    string
	Table     string
	Enable    bool
	Force     bool
	Was       bool
	WasForced bool
}

var _ SchemaChanger = SetRowSecurity{}

// Name returns "set_row_security".
func (o SetRowSecurity) Name() string { return "set_row_security" }

// Statements returns the ALTER TABLE statements for the settings that
// change; a database without row-level security refuses the operation.
func (o SetRowSecurity) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	rs, ok := c.Dialect.(dialect.RowSecuritySetter)
	if !ok || !c.Dialect.Capabilities().RowSecurity {
		return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("table %q", qualified(o.Schema, o.Table)),
			"row-level security", "filter rows in the application or in views")
	}
	t := &model.Table{Schema: o.Schema, Name: o.Table}
	var sqls []string
	if o.Enable != o.Was {
		s, err := rs.SetRowSecurity(t, o.Enable)
		if err != nil {
			return nil, err
		}
		sqls = append(sqls, s)
	}
	if o.Force != o.WasForced {
		s, err := rs.SetForceRowSecurity(t, o.Force)
		if err != nil {
			return nil, err
		}
		sqls = append(sqls, s)
	}
	return statements(sqls, nil)
}

// Apply sets the table's row-level security.
func (o SetRowSecurity) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	t.RowSecurity, t.ForceRowSecurity = o.Enable, o.Force
	return nil
}

// Reverse restores the settings before.
func (o SetRowSecurity) Reverse() (Operation, error) {
	return SetRowSecurity{Schema: o.Schema, Table: o.Table, Enable: o.Was, Force: o.WasForced, Was: o.Enable, WasForced: o.Force}, nil
}

// GoSource renders ops.SetRowSecurity{…}.
func (o SetRowSecurity) GoSource() (string, error) {
	return newGoLit("SetRowSecurity").str("Schema", o.Schema).str("Table", o.Table).
		flag("Enable", o.Enable).flag("Force", o.Force).flag("Was", o.Was).flag("WasForced", o.WasForced).String(), nil
}

// withPrior takes the settings before from m.
func (o SetRowSecurity) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); t != nil {
		o.Was, o.WasForced = t.RowSecurity, t.ForceRowSecurity
	}
	return o
}
