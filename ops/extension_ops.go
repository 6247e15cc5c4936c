package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/model"
)

// CreateExtension installs a PostgreSQL extension (create_extension):
// CREATE EXTENSION IF NOT EXISTS name [WITH SCHEMA s] [VERSION 'v'].
// Other databases refuse it with an *dialect.UnsupportedError.
type CreateExtension struct {
	Extension *model.Extension
}

// Name returns "create_extension".
func (o CreateExtension) Name() string { return "create_extension" }

// Statements returns CREATE EXTENSION.
func (o CreateExtension) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Extension == nil || o.Extension.Name == "" {
		return nil, missing("extension definition with its name", "Extension")
	}
	so, err := schemaObjects(c, "extension "+quoteForMessage(o.Extension.Name), "an extension")
	if err != nil {
		return nil, err
	}
	return statements(so.CreateExtension(o.Extension))
}

// Reverse returns a DropExtension carrying the definition.
func (o CreateExtension) Reverse() (Operation, error) {
	if o.Extension == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no extension definition"}
	}
	e := *o.Extension
	return DropExtension{Extension: e.Name, Existing: &e}, nil
}

// GoSource renders ops.CreateExtension{Extension: &model.Extension{…}}.
func (o CreateExtension) GoSource() (string, error) {
	return newGoLit("CreateExtension").expr("Extension", o.Extension.GoSource()).String(), nil
}

// DropExtension removes an extension (drop_extension): DROP EXTENSION,
// without CASCADE, so what uses its types and functions must be dropped
// before. Existing is its definition as it was (schema and version),
// which Reverse needs to install the same again; without it the inverse
// installs the default version in the default schema.
type DropExtension struct {
	Extension string
	Existing  *model.Extension
}

// Name returns "drop_extension".
func (o DropExtension) Name() string { return "drop_extension" }

// Statements returns DROP EXTENSION.
func (o DropExtension) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Extension == "" {
		return nil, missing("extension name", "Extension")
	}
	so, err := schemaObjects(c, "extension "+quoteForMessage(o.Extension), "an extension")
	if err != nil {
		return nil, err
	}
	return statements(so.DropExtension(&model.Extension{Name: o.Extension}))
}

// Reverse returns a CreateExtension of the Existing definition.
func (o DropExtension) Reverse() (Operation, error) {
	if o.Extension == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it names no extension"}
	}
	e := model.Extension{Name: o.Extension}
	if o.Existing != nil {
		e.Schema, e.Version = o.Existing.Schema, o.Existing.Version
	}
	return CreateExtension{Extension: &e}, nil
}

// GoSource renders ops.DropExtension{…}.
func (o DropExtension) GoSource() (string, error) {
	return newGoLit("DropExtension").str("Extension", o.Extension).expr("Existing", o.Existing.GoSource()).String(), nil
}

// AlterExtension updates an extension from From to To (alter_extension):
// ALTER EXTENSION … UPDATE TO its version, and SET SCHEMA. An empty
// To.Version updates to the default version. PostgreSQL can only update
// along the paths the extension ships; downgrades usually have none.
type AlterExtension struct {
	From *model.Extension
	To   *model.Extension
}

// Name returns "alter_extension".
func (o AlterExtension) Name() string { return "alter_extension" }

// Statements returns ALTER EXTENSION.
func (o AlterExtension) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.From == nil || o.From.Name == "" || o.To == nil {
		return nil, missing("existing and new extension definitions", "From and To")
	}
	so, err := schemaObjects(c, "extension "+quoteForMessage(o.From.Name), "an extension")
	if err != nil {
		return nil, err
	}
	return statements(so.AlterExtension(o.From, o.To))
}

// Reverse returns the AlterExtension from To back to From.
func (o AlterExtension) Reverse() (Operation, error) {
	if o.From == nil || o.To == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it needs both the From and To definitions"}
	}
	from, to := *o.To, *o.From
	from.Name = to.Name
	return AlterExtension{From: &from, To: &to}, nil
}

// GoSource renders ops.AlterExtension{…}.
func (o AlterExtension) GoSource() (string, error) {
	return newGoLit("AlterExtension").expr("From", o.From.GoSource()).expr("To", o.To.GoSource()).String(), nil
}

// extensionName names an extension for findNamed.
func extensionName(e *model.Extension) string { return e.Name }

// Apply adds the extension to m.
func (o CreateExtension) Apply(m *model.MetaData) error {
	if o.Extension == nil || o.Extension.Name == "" {
		return missing("extension definition with its name", "Extension")
	}
	if findNamed(m.Extensions, extensionName, o.Extension.Name) >= 0 {
		return fmt.Errorf("extension %q already exists", o.Extension.Name)
	}
	e := *o.Extension
	m.Extensions = append(m.Extensions, &e)
	return nil
}

// Apply removes the extension from m.
func (o DropExtension) Apply(m *model.MetaData) error {
	if o.Extension == "" {
		return missing("extension name", "Extension")
	}
	i := findNamed(m.Extensions, extensionName, o.Extension)
	if i < 0 {
		return fmt.Errorf("extension %q does not exist", o.Extension)
	}
	m.Extensions = slices.Delete(m.Extensions, i, i+1)
	return nil
}

// Apply sets the extension's version and schema. An empty To.Version
// means the default version, which the model cannot know: the version
// becomes empty.
func (o AlterExtension) Apply(m *model.MetaData) error {
	if o.From == nil || o.From.Name == "" || o.To == nil {
		return missing("existing and new extension definitions", "From and To")
	}
	i := findNamed(m.Extensions, extensionName, o.From.Name)
	if i < 0 {
		return fmt.Errorf("extension %q does not exist", o.From.Name)
	}
	e := *m.Extensions[i]
	e.Version, e.Schema = o.To.Version, o.To.Schema
	m.Extensions[i] = &e
	return nil
}
