package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// CreateSchema creates a schema (create_schema): PostgreSQL CREATE SCHEMA
// IF NOT EXISTS, with its comment. Databases without schemas of their own
// (MySQL, where a schema is a database, and SQLite) refuse it with an
// *dialect.UnsupportedError.
type CreateSchema struct {
	Schema *model.Schema
}

// Name returns "create_schema".
func (o CreateSchema) Name() string { return "create_schema" }

// Statements returns CREATE SCHEMA.
func (o CreateSchema) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Schema == nil || o.Schema.Name == "" {
		return nil, missing("schema definition with its name", "Schema")
	}
	so, err := schemaObjects(c, "schema "+quoteForMessage(o.Schema.Name), "CREATE SCHEMA")
	if err != nil {
		return nil, err
	}
	return statements(so.CreateSchema(o.Schema))
}

// Reverse returns a DropSchema carrying the definition.
func (o CreateSchema) Reverse() (Operation, error) {
	if o.Schema == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no schema definition"}
	}
	s := *o.Schema
	return DropSchema{Schema: s.Name, Existing: &s}, nil
}

// GoSource renders ops.CreateSchema{Schema: &model.Schema{…}}.
func (o CreateSchema) GoSource() (string, error) {
	return newGoLit("CreateSchema").expr("Schema", o.Schema.GoSource()).String(), nil
}

// DropSchema drops an empty schema (drop_schema): PostgreSQL DROP SCHEMA,
// without CASCADE, so the objects in it must be dropped before. Existing
// is its definition as it was (its comment), which Reverse restores.
type DropSchema struct {
	Schema   string
	Existing *model.Schema
}

// Name returns "drop_schema".
func (o DropSchema) Name() string { return "drop_schema" }

// Statements returns DROP SCHEMA.
func (o DropSchema) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Schema == "" {
		return nil, missing("schema name", "Schema")
	}
	so, err := schemaObjects(c, "schema "+quoteForMessage(o.Schema), "DROP SCHEMA")
	if err != nil {
		return nil, err
	}
	return statements(so.DropSchema(&model.Schema{Name: o.Schema}))
}

// Reverse returns a CreateSchema of the Existing definition, or of the
// bare schema when there is none (a schema holds nothing else).
func (o DropSchema) Reverse() (Operation, error) {
	if o.Schema == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it names no schema"}
	}
	s := model.Schema{Name: o.Schema}
	if o.Existing != nil {
		s.Comment = o.Existing.Comment
	}
	return CreateSchema{Schema: &s}, nil
}

// GoSource renders ops.DropSchema{…}.
func (o DropSchema) GoSource() (string, error) {
	return newGoLit("DropSchema").str("Schema", o.Schema).expr("Existing", o.Existing.GoSource()).String(), nil
}

// AlterSchema changes a schema from From to To (alter_schema): its
// comment, the one thing the model holds of a schema beyond its name.
type AlterSchema struct {
	From *model.Schema
	To   *model.Schema
}

// Name returns "alter_schema".
func (o AlterSchema) Name() string { return "alter_schema" }

// Statements returns COMMENT ON SCHEMA.
func (o AlterSchema) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.From == nil || o.From.Name == "" || o.To == nil {
		return nil, missing("existing and new schema definitions", "From and To")
	}
	so, err := schemaObjects(c, "schema "+quoteForMessage(o.From.Name), "ALTER SCHEMA")
	if err != nil {
		return nil, err
	}
	return statements(so.AlterSchema(o.From, o.To))
}

// Reverse returns the AlterSchema from To back to From.
func (o AlterSchema) Reverse() (Operation, error) {
	if o.From == nil || o.To == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it needs both the From and To definitions"}
	}
	from, to := *o.To, *o.From
	if from.Name == "" {
		from.Name = to.Name
	}
	return AlterSchema{From: &from, To: &to}, nil
}

// GoSource renders ops.AlterSchema{…}.
func (o AlterSchema) GoSource() (string, error) {
	return newGoLit("AlterSchema").expr("From", o.From.GoSource()).expr("To", o.To.GoSource()).String(), nil
}

// schemaName names a schema for findNamed.
func schemaName(s *model.Schema) string { return s.Name }

// Apply adds the schema to m.
func (o CreateSchema) Apply(m *model.MetaData) error {
	if o.Schema == nil || o.Schema.Name == "" {
		return missing("schema definition with its name", "Schema")
	}
	if namedExactly(m.Schemas, schemaName, o.Schema.Name) {
		return fmt.Errorf("schema %q already exists", o.Schema.Name)
	}
	s := *o.Schema
	m.Schemas = append(m.Schemas, &s)
	return nil
}

// Apply removes the schema from m, which must hold nothing in it any more
// (DROP SCHEMA without CASCADE).
func (o DropSchema) Apply(m *model.MetaData) error {
	if o.Schema == "" {
		return missing("schema name", "Schema")
	}
	i := findNamed(m.Schemas, schemaName, o.Schema)
	if i < 0 {
		return fmt.Errorf("schema %q does not exist", o.Schema)
	}
	if what := objectInSchema(m, o.Schema); what != "" {
		return fmt.Errorf("schema %q still holds %s: drop it first", o.Schema, what)
	}
	m.Schemas = slices.Delete(m.Schemas, i, i+1)
	return nil
}

// Apply sets the schema's comment.
func (o AlterSchema) Apply(m *model.MetaData) error {
	if o.From == nil || o.From.Name == "" || o.To == nil {
		return missing("existing and new schema definitions", "From and To")
	}
	i := findNamed(m.Schemas, schemaName, o.From.Name)
	if i < 0 {
		return fmt.Errorf("schema %q does not exist", o.From.Name)
	}
	s := *m.Schemas[i]
	s.Comment = o.To.Comment
	m.Schemas[i] = &s
	return nil
}

// objectInSchema names an object of m in schema, or returns "".
func objectInSchema(m *model.MetaData, schema string) string {
	for _, what := range []string{
		firstIn(m.Tables, schema, func(t *model.Table) (string, string) { return t.Schema, "table " + quoteForMessage(t.Name) }),
		firstIn(m.Views, schema, func(v *model.View) (string, string) { return v.Schema, "view " + quoteForMessage(v.Name) }),
		firstIn(m.Enums, schema, func(e *model.EnumType) (string, string) { return e.Schema, "enum type " + quoteForMessage(e.Name) }),
		firstIn(m.Sequences, schema, func(s *model.Sequence) (string, string) { return s.Schema, "sequence " + quoteForMessage(s.Name) }),
		firstIn(m.Domains, schema, func(d *model.Domain) (string, string) { return d.Schema, "domain " + quoteForMessage(d.Name) }),
		firstIn(m.Extensions, schema, func(e *model.Extension) (string, string) { return e.Schema, "extension " + quoteForMessage(e.Name) }),
		firstIn(m.Definitions, schema, func(d *model.Definition) (string, string) { return d.Schema, d.Identity() }),
	} {
		if what != "" {
			return what
		}
	}
	return ""
}

// firstIn describes the first element of list in schema, or returns "";
// of gives an element's schema and description.
func firstIn[T any](list []T, schema string, of func(T) (string, string)) string {
	for _, x := range list {
		if s, what := of(x); s == schema {
			return what
		}
	}
	return ""
}

// schemaObjects returns the dialect's schema objects (schemas, extensions,
// domains), or an *dialect.UnsupportedError naming the object and the
// feature.
func schemaObjects(c *Context, object, feature string) (dialect.SchemaObjects, error) {
	so, ok := c.Dialect.(dialect.SchemaObjects)
	if !ok {
		return nil, dialect.Unsupported(c.Dialect.Name(), object, feature, "")
	}
	return so, nil
}

// quoteForMessage quotes a name for a message.
func quoteForMessage(name string) string { return fmt.Sprintf("%q", name) }
