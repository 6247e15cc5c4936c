package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/model"
)

// CreateDomain creates a PostgreSQL domain (create_domain): CREATE DOMAIN
// with its base type, collation, default, NOT NULL, checks and comment.
// Other databases refuse it with an *dialect.UnsupportedError.
type CreateDomain struct {
	Domain *model.Domain
}

// Name returns "create_domain".
func (o CreateDomain) Name() string { return "create_domain" }

// Statements returns CREATE DOMAIN.
func (o CreateDomain) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := checkDomain(o.Domain, "Domain"); err != nil {
		return nil, err
	}
	so, err := schemaObjects(c, "domain "+quoteForMessage(domainName(o.Domain)), "a domain")
	if err != nil {
		return nil, err
	}
	return statements(so.CreateDomain(o.Domain))
}

// Reverse returns a DropDomain carrying the definition.
func (o CreateDomain) Reverse() (Operation, error) {
	if o.Domain == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no domain definition"}
	}
	return DropDomain{Schema: o.Domain.Schema, Domain: o.Domain.Name, Existing: o.Domain.Clone()}, nil
}

// GoSource renders ops.CreateDomain{Domain: &model.Domain{…}}.
func (o CreateDomain) GoSource() (string, error) {
	return newGoLit("CreateDomain").expr("Domain", o.Domain.GoSource()).String(), nil
}

// DropDomain drops a domain (drop_domain): DROP DOMAIN, without CASCADE,
// so the columns using it must be changed or dropped before. Existing is
// its definition as it was, which Reverse needs to create it again.
type DropDomain struct {
	Schema   string
	Domain   string
	Existing *model.Domain
}

// Name returns "drop_domain".
func (o DropDomain) Name() string { return "drop_domain" }

// Statements returns DROP DOMAIN.
func (o DropDomain) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if o.Domain == "" {
		return nil, missing("domain name", "Domain")
	}
	so, err := schemaObjects(c, "domain "+quoteForMessage(qualified(o.Schema, o.Domain)), "a domain")
	if err != nil {
		return nil, err
	}
	return statements(so.DropDomain(&model.Domain{Schema: o.Schema, Name: o.Domain}))
}

// Reverse returns a CreateDomain of the Existing definition.
func (o DropDomain) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("domain %q carries no definition (set Existing)", qualified(o.Schema, o.Domain))}
	}
	d := o.Existing.Clone()
	d.Schema, d.Name = o.Schema, o.Domain
	return CreateDomain{Domain: d}, nil
}

// GoSource renders ops.DropDomain{…}.
func (o DropDomain) GoSource() (string, error) {
	return newGoLit("DropDomain").str("Schema", o.Schema).str("Domain", o.Domain).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// AlterDomain changes a domain from From to To (alter_domain): its
// default, NOT NULL, named checks and comment, with ALTER DOMAIN. Its
// base type and collation cannot change (create a new domain, alter the
// columns to it, drop the old one). Reverse swaps the two.
type AlterDomain struct {
	From *model.Domain
	To   *model.Domain
}

// Name returns "alter_domain".
func (o AlterDomain) Name() string { return "alter_domain" }

// Statements returns ALTER DOMAIN and COMMENT ON DOMAIN.
func (o AlterDomain) Statements(_ context.Context, c *Context) ([]Statement, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	so, err := schemaObjects(c, "domain "+quoteForMessage(domainName(o.From)), "a domain")
	if err != nil {
		return nil, err
	}
	return statements(so.AlterDomain(o.From, o.To))
}

// check refuses an AlterDomain without both definitions, or one that
// renames the domain.
func (o AlterDomain) check() error {
	if o.From == nil || o.From.Name == "" || o.To == nil {
		return missing("existing and new domain definitions", "From and To")
	}
	if (o.To.Name != "" && o.To.Name != o.From.Name) || o.To.Schema != o.From.Schema {
		return fmt.Errorf("domain %q: To names domain %q; AlterDomain keeps the name", domainName(o.From), domainName(o.To))
	}
	return nil
}

// Reverse returns the AlterDomain from To back to From.
func (o AlterDomain) Reverse() (Operation, error) {
	if o.From == nil || o.To == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it needs both the From and To definitions"}
	}
	from, to := o.To.Clone(), o.From.Clone()
	from.Schema, from.Name = to.Schema, to.Name
	return AlterDomain{From: from, To: to}, nil
}

// GoSource renders ops.AlterDomain{…}.
func (o AlterDomain) GoSource() (string, error) {
	return newGoLit("AlterDomain").expr("From", o.From.GoSource()).expr("To", o.To.GoSource()).String(), nil
}

// checkDomain refuses a domain without a name or a type.
func checkDomain(d *model.Domain, field string) error {
	if d == nil {
		return missing("domain definition", field)
	}
	if d.Name == "" {
		return missing("domain name", field+".Name")
	}
	if d.Type.Kind == model.KindInvalid {
		return fmt.Errorf("domain %q has no base type (set %s.Type)", domainName(d), field)
	}
	return nil
}

// domainName names a domain for findNamed.
func domainName(d *model.Domain) string { return qualified(d.Schema, d.Name) }

// Apply adds the domain to m.
func (o CreateDomain) Apply(m *model.MetaData) error {
	if err := checkDomain(o.Domain, "Domain"); err != nil {
		return err
	}
	if namedExactly(m.Domains, domainName, domainName(o.Domain)) {
		return fmt.Errorf("domain %q already exists", domainName(o.Domain))
	}
	m.Domains = append(m.Domains, o.Domain.Clone())
	return nil
}

// Apply removes the domain from m.
func (o DropDomain) Apply(m *model.MetaData) error {
	if o.Domain == "" {
		return missing("domain name", "Domain")
	}
	i := findNamed(m.Domains, domainName, qualified(o.Schema, o.Domain))
	if i < 0 {
		return fmt.Errorf("domain %q does not exist", qualified(o.Schema, o.Domain))
	}
	m.Domains = slices.Delete(m.Domains, i, i+1)
	return nil
}

// Apply replaces the domain's definition by To (keeping its name).
func (o AlterDomain) Apply(m *model.MetaData) error {
	if err := o.check(); err != nil {
		return err
	}
	i := findNamed(m.Domains, domainName, domainName(o.From))
	if i < 0 {
		return fmt.Errorf("domain %q does not exist", domainName(o.From))
	}
	d := o.To.Clone()
	d.Schema, d.Name = m.Domains[i].Schema, m.Domains[i].Name
	m.Domains[i] = d
	return nil
}
