package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// This file holds the exclusion constraint operations (PostgreSQL's
// EXCLUDE USING …). Databases without exclusion constraints refuse them.

// CreateExclusion adds an exclusion constraint to an existing table
// (ALTER TABLE … ADD CONSTRAINT name EXCLUDE USING …).
type CreateExclusion struct {
	Schema    string
	Table     string
	Exclusion *model.Exclusion
}

var _ SchemaChanger = CreateExclusion{}

// Name returns "create_exclusion_constraint".
func (o CreateExclusion) Name() string { return "create_exclusion_constraint" }

// Statements returns ALTER TABLE … ADD CONSTRAINT … EXCLUDE …; a database
// without exclusion constraints refuses the operation.
func (o CreateExclusion) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.Exclusion == nil || len(o.Exclusion.Elements) == 0 {
		return nil, missing("exclusion constraint with its elements", "Exclusion")
	}
	ea, err := exclusionAlterer(c, o.Schema, o.Table, o.Exclusion.Name)
	if err != nil {
		return nil, err
	}
	return statements(ea.AddExclusion(&model.Table{Schema: o.Schema, Name: o.Table}, o.Exclusion))
}

// Apply adds the exclusion constraint to the table.
func (o CreateExclusion) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.Exclusion == nil || len(o.Exclusion.Elements) == 0 {
		return missing("exclusion constraint with its elements", "Exclusion")
	}
	return addNamed(t, &t.Exclusions, exclusionName, "an exclusion constraint", cloneExclusion(o.Exclusion))
}

// Reverse returns a DropExclusion carrying the constraint.
func (o CreateExclusion) Reverse() (Operation, error) {
	if o.Exclusion == nil || o.Exclusion.Name == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "an unnamed exclusion constraint cannot be dropped by name"}
	}
	return DropExclusion{Schema: o.Schema, Table: o.Table, Constraint: o.Exclusion.Name, Existing: cloneExclusion(o.Exclusion)}, nil
}

// GoSource renders ops.CreateExclusion{…}.
func (o CreateExclusion) GoSource() (string, error) {
	return newGoLit("CreateExclusion").str("Schema", o.Schema).str("Table", o.Table).
		expr("Exclusion", o.Exclusion.GoSource()).String(), nil
}

// DropExclusion drops an exclusion constraint by name (ALTER TABLE … DROP
// CONSTRAINT name). Existing is its definition, for Reverse.
type DropExclusion struct {
	Schema     string
	Table      string
	Constraint string
	Existing   *model.Exclusion
}

var (
	_ SchemaChanger = DropExclusion{}
	_ priorFiller   = DropExclusion{}
)

// Name returns "drop_exclusion_constraint".
func (o DropExclusion) Name() string { return "drop_exclusion_constraint" }

// exclusion returns the constraint to drop, named.
func (o DropExclusion) exclusion() *model.Exclusion {
	ex := &model.Exclusion{}
	if o.Existing != nil {
		ex = cloneExclusion(o.Existing)
	}
	ex.Name = constraintName(o.Constraint, ex.Name)
	return ex
}

// Statements returns ALTER TABLE … DROP CONSTRAINT name; a database
// without exclusion constraints refuses the operation.
func (o DropExclusion) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	ex := o.exclusion()
	if ex.Name == "" {
		return nil, missing("constraint name", "Constraint")
	}
	ea, err := exclusionAlterer(c, o.Schema, o.Table, ex.Name)
	if err != nil {
		return nil, err
	}
	return statements(ea.DropExclusion(&model.Table{Schema: o.Schema, Name: o.Table}, ex))
}

// Apply removes the exclusion constraint from the table.
func (o DropExclusion) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	ex := o.exclusion()
	if ex.Name == "" {
		return missing("constraint name", "Constraint")
	}
	return removeNamed(t, &t.Exclusions, exclusionName, "exclusion constraint", ex.Name)
}

// Reverse returns a CreateExclusion of the Existing constraint.
func (o DropExclusion) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, irreversibleDrop(o.Name(), "exclusion constraint", o.Constraint, o.Schema, o.Table)
	}
	return CreateExclusion{Schema: o.Schema, Table: o.Table, Exclusion: o.exclusion()}, nil
}

// GoSource renders ops.DropExclusion{…}.
func (o DropExclusion) GoSource() (string, error) {
	return newGoLit("DropExclusion").str("Schema", o.Schema).str("Table", o.Table).str("Constraint", o.Constraint).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// withPrior takes the constraint's definition from m.
func (o DropExclusion) withPrior(m *model.MetaData) Operation {
	if t := priorTable(m, o.Schema, o.Table); o.Existing == nil && t != nil {
		if i := findNamed(t.Exclusions, exclusionName, o.exclusion().Name); i >= 0 {
			o.Existing = cloneExclusion(t.Exclusions[i])
		}
	}
	return o
}

// exclusionName names an exclusion constraint for findNamed.
func exclusionName(ex *model.Exclusion) string { return ex.Name }

// cloneExclusion returns a deep copy of ex.
func cloneExclusion(ex *model.Exclusion) *model.Exclusion {
	x := *ex
	x.Elements = slices.Clone(ex.Elements)
	x.Include = slices.Clone(ex.Include)
	return &x
}

// exclusionAlterer returns the dialect's exclusion constraint statements,
// or the refusal of a database that has none.
func exclusionAlterer(c *Context, schema, table, name string) (dialect.ExclusionAlterer, error) {
	ea, ok := c.Dialect.(dialect.ExclusionAlterer)
	if !ok || !c.Dialect.Capabilities().ExclusionConstraints {
		return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("exclusion constraint %q on table %q", name, qualified(schema, table)),
			"an exclusion constraint", "use a unique index or a trigger")
	}
	return ea, nil
}
