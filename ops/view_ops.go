package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// CreateView creates a view with an opaque definition (create_view): the
// SELECT text is passed to the database as written, so it must be in the
// database's own SQL.
type CreateView struct {
	View *model.View
}

// Name returns "create_view".
func (o CreateView) Name() string { return "create_view" }

// Statements returns CREATE VIEW … AS definition.
func (o CreateView) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := checkView(o.View, "View"); err != nil {
		return nil, err
	}
	return statements(c.Dialect.CreateView(o.View))
}

// Reverse returns a DropView carrying the definition.
func (o CreateView) Reverse() (Operation, error) {
	if o.View == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no view definition"}
	}
	v := *o.View
	return DropView{Schema: v.Schema, View: v.Name, Existing: &v}, nil
}

// GoSource renders ops.CreateView{View: &model.View{…}}.
func (o CreateView) GoSource() (string, error) {
	return newGoLit("CreateView").expr("View", o.View.GoSource()).String(), nil
}

// DropView drops a view (drop_view). Existing is its definition as it
// was, which Reverse needs to create it again.
type DropView struct {
	Schema   string
	View     string
	Existing *model.View
}

// Name returns "drop_view".
func (o DropView) Name() string { return "drop_view" }

// Statements returns DROP VIEW.
func (o DropView) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.View == "" {
		return nil, missing("view name", "View")
	}
	return statements(c.Dialect.DropView(&model.View{Schema: o.Schema, Name: o.View}))
}

// Reverse returns a CreateView of the Existing definition.
func (o DropView) Reverse() (Operation, error) {
	if o.Existing == nil || o.Existing.Definition == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("view %q carries no definition (set Existing)", qualified(o.Schema, o.View))}
	}
	v := *o.Existing
	v.Schema, v.Name = o.Schema, o.View
	return CreateView{View: &v}, nil
}

// GoSource renders ops.DropView{…}.
func (o DropView) GoSource() (string, error) {
	return newGoLit("DropView").str("Schema", o.Schema).str("View", o.View).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// ReplaceView changes the definition of a view from From to To
// (replace_view), keeping its name: CREATE OR REPLACE VIEW where the
// database has it (PostgreSQL, MySQL, MariaDB), else DROP VIEW and CREATE
// VIEW (SQLite). PostgreSQL's CREATE OR REPLACE only accepts a definition
// that keeps the existing output columns (new ones may follow); for any
// other change use DropView and CreateView. Reverse swaps the two.
type ReplaceView struct {
	From *model.View
	To   *model.View
}

// Name returns "replace_view".
func (o ReplaceView) Name() string { return "replace_view" }

// Statements returns CREATE OR REPLACE VIEW, or DROP VIEW then CREATE VIEW.
func (o ReplaceView) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := checkView(o.To, "To"); err != nil {
		return nil, err
	}
	if o.From != nil && (o.From.Name != o.To.Name || o.From.Schema != o.To.Schema) {
		return nil, fmt.Errorf("view %q: From names view %q; ReplaceView keeps the name (drop and create the view to rename it)",
			qualified(o.To.Schema, o.To.Name), qualified(o.From.Schema, o.From.Name))
	}
	if r, ok := c.Dialect.(dialect.ViewReplacer); ok {
		return statements(r.ReplaceView(o.To))
	}
	drop, err := c.Dialect.DropView(o.To)
	if err != nil {
		return nil, err
	}
	create, err := c.Dialect.CreateView(o.To)
	if err != nil {
		return nil, err
	}
	return statements(append(drop, create...), nil)
}

// Reverse returns the ReplaceView from To back to From.
func (o ReplaceView) Reverse() (Operation, error) {
	if o.From == nil || o.From.Definition == "" || o.To == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it needs the view's previous definition (set From)"}
	}
	from, to := *o.To, *o.From
	return ReplaceView{From: &from, To: &to}, nil
}

// GoSource renders ops.ReplaceView{…}.
func (o ReplaceView) GoSource() (string, error) {
	return newGoLit("ReplaceView").expr("From", o.From.GoSource()).expr("To", o.To.GoSource()).String(), nil
}

// checkView refuses a view without a name or a definition.
func checkView(v *model.View, field string) error {
	if v == nil {
		return missing("view definition", field)
	}
	if v.Name == "" {
		return missing("view name", field+".Name")
	}
	if v.Definition == "" {
		return fmt.Errorf("view %q has no definition (set %s.Definition to its SELECT)", qualified(v.Schema, v.Name), field)
	}
	return nil
}

// viewName names a view for findNamed.
func viewName(v *model.View) string { return qualified(v.Schema, v.Name) }

// Apply adds the view to m.
func (o CreateView) Apply(m *model.MetaData) error {
	if err := checkView(o.View, "View"); err != nil {
		return err
	}
	if namedExactly(m.Views, viewName, viewName(o.View)) {
		return fmt.Errorf("view %q already exists", viewName(o.View))
	}
	v := *o.View
	m.Views = append(m.Views, &v)
	return nil
}

// Apply removes the view from m.
func (o DropView) Apply(m *model.MetaData) error {
	if o.View == "" {
		return missing("view name", "View")
	}
	i := findNamed(m.Views, viewName, qualified(o.Schema, o.View))
	if i < 0 {
		return fmt.Errorf("view %q does not exist", qualified(o.Schema, o.View))
	}
	m.Views = slices.Delete(m.Views, i, i+1)
	return nil
}

// Apply replaces the view's definition by To's.
func (o ReplaceView) Apply(m *model.MetaData) error {
	if err := checkView(o.To, "To"); err != nil {
		return err
	}
	i := findNamed(m.Views, viewName, viewName(o.To))
	if i < 0 {
		return fmt.Errorf("view %q does not exist", viewName(o.To))
	}
	v := *o.To
	m.Views[i] = &v
	return nil
}
