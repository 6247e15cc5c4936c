package dialect

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/migratego/migrate/model"
)

// AlterSchema returns COMMENT ON SCHEMA … IS '…' (or IS NULL) when the
// comment changes; a schema has nothing else the model holds but its name.
func (d *postgresDialect) AlterSchema(from, to *model.Schema) ([]string, error) {
	if from == nil || to == nil || from.Name == "" {
		return nil, fmt.Errorf("postgres: alter schema: the existing and the new definition are needed")
	}
	if to.Name != "" && to.Name != from.Name {
		return nil, fmt.Errorf("postgres: alter schema %q: renaming a schema is not supported (set To.Name to %q)", from.Name, from.Name)
	}
	if from.Comment == to.Comment {
		return nil, nil
	}
	b := newBuilder(d)
	b.raw("COMMENT ON SCHEMA ").ident(from.Name).raw(" IS ").literal(nullIfEmpty(to.Comment))
	return one(d.wrap(b.stmt()))
}

// AlterExtension returns ALTER EXTENSION … UPDATE [TO 'version'] when the
// version changes (an empty To.Version updates to the default version),
// and ALTER EXTENSION … SET SCHEMA when the schema does (an empty schema is
// the default one, which the dialect cannot name: it is refused).
func (d *postgresDialect) AlterExtension(from, to *model.Extension) ([]string, error) {
	if from == nil || to == nil || from.Name == "" {
		return nil, fmt.Errorf("postgres: alter extension: the existing and the new definition are needed")
	}
	var out []string
	if to.Version != from.Version {
		b := newBuilder(d)
		b.raw("ALTER EXTENSION ").ident(from.Name).raw(" UPDATE")
		if to.Version != "" {
			b.raw(" TO ").literal(to.Version)
		}
		if err := d.appendStmt(&out, b); err != nil {
			return nil, err
		}
	}
	if to.Schema != from.Schema {
		if to.Schema == "" {
			return nil, Unsupported(d.Name(), fmt.Sprintf("extension %q", from.Name), "moving an extension back to the default schema",
				"name the schema in To.Schema")
		}
		b := newBuilder(d)
		b.raw("ALTER EXTENSION ").ident(from.Name).raw(" SET SCHEMA ").ident(to.Schema)
		if err := d.appendStmt(&out, b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AlterDomain returns ALTER DOMAIN statements for what changes between
// from and to: SET/DROP DEFAULT, SET/DROP NOT NULL, DROP CONSTRAINT for
// checks that go or change, ADD CONSTRAINT for checks that come or
// change, and COMMENT ON DOMAIN. A change of the base type or collation
// is unsupported. Checks are matched by name; an unnamed check in from
// cannot be dropped and is refused.
func (d *postgresDialect) AlterDomain(from, to *model.Domain) ([]string, error) {
	if from == nil || to == nil || from.Name == "" {
		return nil, fmt.Errorf("postgres: alter domain: the existing and the new definition are needed")
	}
	what := "domain " + quoteName(from.Schema, from.Name)
	if !reflect.DeepEqual(from.Type, to.Type) || from.Collation != to.Collation || from.CollationSchema != to.CollationSchema {
		return nil, Unsupported(d.Name(), what, "changing the base type or collation of a domain",
			"create a new domain, alter the columns to it and drop the old one")
	}
	var out []string
	add := func(b *builder) error { return d.appendStmt(&out, b) }
	alter := func() *builder {
		b := newBuilder(d)
		b.raw("ALTER DOMAIN ").qualified(from.Schema, from.Name)
		return b
	}
	if !reflect.DeepEqual(from.Default, to.Default) {
		b := alter()
		if to.Default == nil {
			b.raw(" DROP DEFAULT")
		} else {
			b.raw(" SET DEFAULT ")
			d.defaultValue(b, to.Type, to.Default)
		}
		if err := add(b); err != nil {
			return nil, err
		}
	}
	if from.NotNull != to.NotNull {
		b := alter()
		if to.NotNull {
			b.raw(" SET NOT NULL")
		} else {
			b.raw(" DROP NOT NULL")
		}
		if err := add(b); err != nil {
			return nil, err
		}
	}
	same := func(c *model.Check, list []*model.Check) bool {
		return slices.ContainsFunc(list, func(x *model.Check) bool { return *x == *c })
	}
	for _, c := range from.Checks {
		if same(c, to.Checks) {
			continue
		}
		if c.Name == "" {
			return nil, Unsupported(d.Name(), what, "dropping an unnamed check of a domain", "name the check in the model")
		}
		if err := add(alter().raw(" DROP CONSTRAINT ").ident(c.Name)); err != nil {
			return nil, err
		}
	}
	for _, c := range to.Checks {
		if same(c, from.Checks) {
			continue
		}
		b := alter().raw(" ADD")
		if c.Name != "" {
			b.raw(" CONSTRAINT ").ident(c.Name)
		}
		b.raw(" CHECK (", c.Expr, ")")
		if err := add(b); err != nil {
			return nil, err
		}
	}
	if from.Comment != to.Comment {
		b := newBuilder(d)
		b.raw("COMMENT ON DOMAIN ").qualified(from.Schema, from.Name).raw(" IS ").literal(nullIfEmpty(to.Comment))
		if err := add(b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendStmt appends b's statement to *out, or returns its error.
func (d *postgresDialect) appendStmt(out *[]string, b *builder) error {
	s, err := d.wrap(b.stmt())
	if err == nil {
		*out = append(*out, s)
	}
	return err
}

// nullIfEmpty returns nil (SQL NULL) for an empty comment, which removes
// it, and the comment otherwise.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
