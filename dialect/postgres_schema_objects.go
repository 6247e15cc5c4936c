package dialect

import "github.com/migratego/migrate/model"

// SchemaObjects is implemented by dialects that create schemas,
// extensions and domains (PostgreSQL). CreateAll and DropAll refuse a model
// holding those on another dialect, and so do the operations of package ops.
type SchemaObjects interface {
	CreateSchema(s *model.Schema) ([]string, error)
	DropSchema(s *model.Schema) ([]string, error)
	// AlterSchema changes what the model holds of a schema beyond its
	// name: its comment.
	AlterSchema(from, to *model.Schema) ([]string, error)
	CreateExtension(e *model.Extension) ([]string, error)
	DropExtension(e *model.Extension) ([]string, error)
	// AlterExtension updates an extension to another version and moves it
	// to another schema.
	AlterExtension(from, to *model.Extension) ([]string, error)
	CreateDomain(dom *model.Domain) ([]string, error)
	DropDomain(dom *model.Domain) ([]string, error)
	// AlterDomain changes a domain's default, NOT NULL, checks and comment;
	// a change of its base type or collation is unsupported (create a new
	// domain, alter the columns to it and drop the old one).
	AlterDomain(from, to *model.Domain) ([]string, error)
}

var _ SchemaObjects = (*postgresDialect)(nil)

// CreateSchema returns CREATE SCHEMA IF NOT EXISTS (the public schema of
// a new database exists already) and COMMENT ON SCHEMA.
func (d *postgresDialect) CreateSchema(s *model.Schema) ([]string, error) {
	b := newBuilder(d)
	b.raw("CREATE SCHEMA IF NOT EXISTS ").ident(s.Name)
	out, err := one(d.wrap(b.stmt()))
	if err != nil || s.Comment == "" {
		return out, err
	}
	c := newBuilder(d)
	c.raw("COMMENT ON SCHEMA ").ident(s.Name).raw(" IS ").literal(s.Comment)
	stmt, err := d.wrap(c.stmt())
	return append(out, stmt), err
}

// DropSchema returns DROP SCHEMA (without CASCADE: its objects are dropped
// one by one before it).
func (d *postgresDialect) DropSchema(s *model.Schema) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP SCHEMA ").ident(s.Name)
	return one(d.wrap(b.stmt()))
}

// CreateExtension returns CREATE EXTENSION IF NOT EXISTS name [WITH SCHEMA
// s] [VERSION 'v'].
func (d *postgresDialect) CreateExtension(e *model.Extension) ([]string, error) {
	b := newBuilder(d)
	b.raw("CREATE EXTENSION IF NOT EXISTS ").ident(e.Name)
	if e.Schema != "" {
		b.raw(" WITH SCHEMA ").ident(e.Schema)
	}
	if e.Version != "" {
		b.raw(" VERSION ").literal(e.Version)
	}
	return one(d.wrap(b.stmt()))
}

// DropExtension returns DROP EXTENSION.
func (d *postgresDialect) DropExtension(e *model.Extension) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP EXTENSION ").ident(e.Name)
	return one(d.wrap(b.stmt()))
}

// CreateDomain returns CREATE DOMAIN name AS type [COLLATE c] [DEFAULT …]
// [NOT NULL] [CONSTRAINT n CHECK (…)]…, and COMMENT ON DOMAIN.
func (d *postgresDialect) CreateDomain(dom *model.Domain) ([]string, error) {
	b := newBuilder(d)
	b.raw("CREATE DOMAIN ").qualified(dom.Schema, dom.Name).raw(" AS ").typ(dom.Type)
	if dom.Collation != "" {
		b.raw(" COLLATE ").qualified(dom.CollationSchema, dom.Collation)
	}
	if dom.Default != nil {
		b.raw(" DEFAULT ")
		d.defaultValue(b, dom.Type, dom.Default)
	}
	if dom.NotNull {
		b.raw(" NOT NULL")
	}
	for _, c := range dom.Checks {
		if c.Name != "" {
			b.raw(" CONSTRAINT ").ident(c.Name)
		}
		b.raw(" CHECK (", c.Expr, ")")
	}
	out, err := one(d.wrap(b.stmt()))
	if err != nil || dom.Comment == "" {
		return out, err
	}
	stmt, err := d.commentOn("DOMAIN", dom.Schema, dom.Name, "", dom.Comment)
	return append(out, stmt), err
}

// DropDomain returns DROP DOMAIN.
func (d *postgresDialect) DropDomain(dom *model.Domain) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP DOMAIN ").qualified(dom.Schema, dom.Name)
	return one(d.wrap(b.stmt()))
}
