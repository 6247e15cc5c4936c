package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// CreateDefinition creates an object the model keeps as SQL text
// (create_definition): a function, procedure, aggregate, type, trigger,
// event trigger, event, rule or virtual table (see model.Definition). Its
// SQL runs as written, so it must be in the database's own SQL; on
// PostgreSQL a comment follows with COMMENT ON. A kind the database does
// not have is refused with an *dialect.UnsupportedError.
type CreateDefinition struct {
	Definition *model.Definition
}

// Name returns "create_definition".
func (o CreateDefinition) Name() string { return "create_definition" }

// Statements returns the definition's SQL (and its comment).
func (o CreateDefinition) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := checkDefinition(o.Definition, "Definition"); err != nil {
		return nil, err
	}
	return statements(c.Dialect.CreateDefinition(o.Definition))
}

// Reverse returns a DropDefinition carrying the definition.
func (o CreateDefinition) Reverse() (Operation, error) {
	if o.Definition == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no definition"}
	}
	return dropOf(o.Definition), nil
}

// GoSource renders ops.CreateDefinition{Definition: &model.Definition{…}}.
func (o CreateDefinition) GoSource() (string, error) {
	return newGoLit("CreateDefinition").expr("Definition", o.Definition.GoSource()).String(), nil
}

// DropDefinition drops an object kept as SQL text (drop_definition): DROP
// FUNCTION name(signature), DROP TRIGGER name ON table, DROP EVENT, DROP
// TABLE for a SQLite virtual table, …. Definition identifies it by Kind,
// Schema, Name and, for the kinds that need them, Table (triggers, rules)
// or Signature (functions, procedures, aggregates); its SQL, when set, is
// the definition as it was, which Reverse needs to create it again.
type DropDefinition struct {
	Definition *model.Definition
}

// Name returns "drop_definition".
func (o DropDefinition) Name() string { return "drop_definition" }

// Statements returns DROP for the definition's kind.
func (o DropDefinition) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := checkIdentity(o.Definition, "Definition"); err != nil {
		return nil, err
	}
	return statements(c.Dialect.DropDefinition(o.Definition))
}

// Reverse returns a CreateDefinition of the definition as it was.
func (o DropDefinition) Reverse() (Operation, error) {
	if o.Definition == nil || o.Definition.SQL == "" {
		what := "the definition"
		if o.Definition != nil {
			what = o.Definition.Identity()
		}
		return nil, &IrreversibleError{Op: o.Name(), Reason: what + " carries no SQL (set Definition.SQL to the statement that creates it)"}
	}
	return CreateDefinition{Definition: o.Definition.Clone()}, nil
}

// GoSource renders ops.DropDefinition{Definition: &model.Definition{…}}.
func (o DropDefinition) GoSource() (string, error) {
	return newGoLit("DropDefinition").expr("Definition", o.Definition.GoSource()).String(), nil
}

// ReplaceDefinition changes an object kept as SQL text from From to To,
// two definitions of the same object (replace_definition). Where the
// database replaces it in place (see dialect.DefinitionReplacer:
// PostgreSQL functions and procedures whose argument list and result type
// stay, MariaDB functions and procedures) that keeps what depends on it;
// otherwise the object is dropped and created again, which
// fails while other objects depend on it, and for a SQLite virtual table
// loses its rows. Reverse swaps the two.
type ReplaceDefinition struct {
	From *model.Definition
	To   *model.Definition
}

// Name returns "replace_definition".
func (o ReplaceDefinition) Name() string { return "replace_definition" }

// Statements returns CREATE OR REPLACE, or DROP then CREATE.
func (o ReplaceDefinition) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if r, ok := c.Dialect.(dialect.DefinitionReplacer); ok {
		stmts, inPlace, err := r.ReplaceDefinition(o.From, o.To)
		if err != nil || inPlace {
			return statements(stmts, err)
		}
	}
	drop, err := c.Dialect.DropDefinition(o.From)
	if err != nil {
		return nil, err
	}
	create, err := c.Dialect.CreateDefinition(o.To)
	if err != nil {
		return nil, err
	}
	return statements(append(drop, create...), nil)
}

// check refuses a ReplaceDefinition without both definitions, or one
// whose two definitions name different objects.
func (o ReplaceDefinition) check() error {
	if err := checkIdentity(o.From, "From"); err != nil {
		return err
	}
	if err := checkDefinition(o.To, "To"); err != nil {
		return err
	}
	if o.From.Identity() != o.To.Identity() {
		return fmt.Errorf("%s: To is %s; ReplaceDefinition keeps the object (drop it and create the other one instead)",
			o.From.Identity(), o.To.Identity())
	}
	return nil
}

// Reverse returns the ReplaceDefinition from To back to From.
func (o ReplaceDefinition) Reverse() (Operation, error) {
	if o.From == nil || o.From.SQL == "" || o.To == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it needs the previous definition (set From with its SQL)"}
	}
	return ReplaceDefinition{From: o.To.Clone(), To: o.From.Clone()}, nil
}

// GoSource renders ops.ReplaceDefinition{…}.
func (o ReplaceDefinition) GoSource() (string, error) {
	return newGoLit("ReplaceDefinition").expr("From", o.From.GoSource()).expr("To", o.To.GoSource()).String(), nil
}

// dropOf returns the DropDefinition of d, carrying d.
func dropOf(d *model.Definition) DropDefinition { return DropDefinition{Definition: d.Clone()} }

// checkIdentity refuses a definition that does not say which object it
// is: a known kind, a name, and the table of a trigger or rule.
func checkIdentity(d *model.Definition, field string) error {
	if d == nil {
		return missing("definition", field)
	}
	if !d.Kind.Valid() {
		return fmt.Errorf("definition %q has the unknown kind %q (set %s.Kind to one of the model.Def… kinds)", d.Name, d.Kind, field)
	}
	if d.Name == "" {
		return missing(string(d.Kind)+" name", field+".Name")
	}
	if d.Kind.OnTable() && d.Table == "" {
		return fmt.Errorf("%s names no table (set %s.Table)", d.Identity(), field)
	}
	return nil
}

// checkDefinition is checkIdentity, and refuses a definition without SQL.
func checkDefinition(d *model.Definition, field string) error {
	if err := checkIdentity(d, field); err != nil {
		return err
	}
	if d.SQL == "" {
		return fmt.Errorf("%s has no SQL (set %s.SQL to the statement that creates it)", d.Identity(), field)
	}
	return nil
}

// definitionIndex returns the position of the definition d identifies in
// m, or -1.
func definitionIndex(m *model.MetaData, d *model.Definition) int {
	return findNamed(m.Definitions, (*model.Definition).Identity, d.Identity())
}

// Apply adds the definition to m. A trigger, rule, policy or index needs
// its relation: a table, a view or a relation kept as a definition (a
// materialized view).
func (o CreateDefinition) Apply(m *model.MetaData) error {
	if err := checkDefinition(o.Definition, "Definition"); err != nil {
		return err
	}
	if namedExactly(m.Definitions, (*model.Definition).Identity, o.Definition.Identity()) {
		return fmt.Errorf("%s already exists", o.Definition.Identity())
	}
	if d := o.Definition; d.Kind.OnTable() && tableIndex(m, d.Schema, d.Table) < 0 &&
		findNamed(m.Views, viewName, qualified(d.Schema, d.Table)) < 0 &&
		!slices.ContainsFunc(m.Definitions, func(x *model.Definition) bool { return x.Schema == d.Schema && x.Name == d.Table }) {
		return fmt.Errorf("%s: table %q does not exist", o.Definition.Identity(), qualified(o.Definition.Schema, o.Definition.Table))
	}
	m.Definitions = append(m.Definitions, o.Definition.Clone())
	return nil
}

// Apply removes the definition from m.
func (o DropDefinition) Apply(m *model.MetaData) error {
	if err := checkIdentity(o.Definition, "Definition"); err != nil {
		return err
	}
	i := definitionIndex(m, o.Definition)
	if i < 0 {
		return fmt.Errorf("%s does not exist", o.Definition.Identity())
	}
	m.Definitions = slices.Delete(m.Definitions, i, i+1)
	return nil
}

// Apply replaces the definition by To.
func (o ReplaceDefinition) Apply(m *model.MetaData) error {
	if err := o.check(); err != nil {
		return err
	}
	i := definitionIndex(m, o.From)
	if i < 0 {
		return fmt.Errorf("%s does not exist", o.From.Identity())
	}
	m.Definitions[i] = o.To.Clone()
	return nil
}
