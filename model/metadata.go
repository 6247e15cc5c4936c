package model

import (
	"errors"
	"fmt"
)

// MetaData is a whole schema: the target model a user declares, or the
// live schema an inspector reads.
type MetaData struct {
	// Schemas are the schemas to create (PostgreSQL), other than the
	// default one.
	Schemas []*Schema `json:"schemas,omitempty"`
	// Extensions are PostgreSQL extensions.
	Extensions []*Extension `json:"extensions,omitempty"`
	Tables     []*Table     `json:"tables"`
	Enums      []*EnumType  `json:"enums,omitempty"`
	// Domains are PostgreSQL domains.
	Domains   []*Domain   `json:"domains,omitempty"`
	Sequences []*Sequence `json:"sequences,omitempty"`
	Views     []*View     `json:"views,omitempty"`
	// Definitions are the objects kept as SQL text: functions, procedures,
	// triggers, events, rules, virtual tables, …
	Definitions []*Definition `json:"definitions,omitempty"`
	// Naming gives unnamed constraints and indexes stable names. It is
	// applied by ApplyNaming (and by the dialect before creating objects).
	Naming NamingConvention `json:"naming,omitempty"`
	// CharsetDefaults are, for an inspected MySQL/MariaDB database, the
	// default character set and collation of each schema in scope, by the
	// model's schema name ("" for the database connected to). The
	// inspector leaves them out of routine parameters and results, and
	// Compare drops them from the model's routines likewise. Not part of
	// the model's text.
	CharsetDefaults map[string]CharsetDefault `json:"-"`
}

// CharsetDefault is a schema's default character set and collation.
type CharsetDefault struct {
	Charset, Collation string
	// CharsetCollation: Collation is the default collation of Charset
	// (so that CHARSET Charset alone gives it).
	CharsetCollation bool
}

// Table returns the table with the given schema and name, or nil.
func (m *MetaData) Table(schema, name string) *Table {
	for _, t := range m.Tables {
		if t.Schema == schema && t.Name == name {
			return t
		}
	}
	return nil
}

// Enum returns the enum type with the given schema and name, or nil.
func (m *MetaData) Enum(schema, name string) *EnumType {
	for _, e := range m.Enums {
		if e.Schema == schema && e.Name == name {
			return e
		}
	}
	return nil
}

// AddTable appends tables and returns m, for building models fluently.
func (m *MetaData) AddTable(ts ...*Table) *MetaData {
	m.Tables = append(m.Tables, ts...)
	return m
}

// Validate checks the model for mistakes that would otherwise surface as
// database errors: missing names and types, duplicate objects, references
// to unknown columns, bad referential actions. All problems are joined.
func (m *MetaData) Validate() error {
	var errs []error
	seen := map[string]bool{}
	for _, t := range m.Tables {
		if t.Name == "" {
			errs = append(errs, errors.New("model: a table has no name"))
			continue
		}
		key := t.QualifiedName()
		if seen[key] {
			errs = append(errs, fmt.Errorf("model: table %q is declared twice", key))
		}
		seen[key] = true
		errs = append(errs, t.Validate())
	}
	enums := map[string]bool{}
	for _, e := range m.Enums {
		key := qualified(e.Schema, e.Name)
		if e.Name == "" || len(e.Values) == 0 {
			errs = append(errs, fmt.Errorf("model: enum type %q needs a name and at least one value", key))
		}
		if enums[key] {
			errs = append(errs, fmt.Errorf("model: enum type %q is declared twice", key))
		}
		enums[key] = true
	}
	for _, s := range m.Sequences {
		if s.Name == "" {
			errs = append(errs, errors.New("model: a sequence has no name"))
		}
	}
	for _, v := range m.Views {
		if v.Name == "" || v.Definition == "" {
			errs = append(errs, fmt.Errorf("model: view %q needs a name and a definition", qualified(v.Schema, v.Name)))
		}
	}
	errs = append(errs, m.validateObjects(), m.validateIdentityDomains())
	return errors.Join(errs...)
}

// Validate checks one table; see MetaData.Validate.
func (t *Table) Validate() error {
	var errs []error
	where := "model: table " + quoteName(t.QualifiedName())
	// A partition takes its columns from its parent: names it uses are
	// checked by the server, not here. A table without columns is valid
	// on PostgreSQL; the dialects that refuse one say so (dialect
	// Capabilities.EmptyTables).
	inherits := t.PartitionOf != nil && len(t.Columns) == 0
	errs = append(errs, t.validatePartitioning(where))
	cols := map[string]bool{}
	for _, c := range t.Columns {
		switch {
		case c.Name == "":
			errs = append(errs, fmt.Errorf("%s: a column has no name", where))
		case cols[c.Name]:
			errs = append(errs, fmt.Errorf("%s: column %q is declared twice", where, c.Name))
		}
		cols[c.Name] = true
		if c.Type.Kind == KindInvalid {
			errs = append(errs, fmt.Errorf("%s: column %q has no type", where, c.Name))
		}
		if c.Type.Kind == KindRaw && c.Type.Raw == "" {
			errs = append(errs, fmt.Errorf("%s: column %q has a raw type with no spelling", where, c.Name))
		}
		if c.Type.Kind == KindEnum && len(c.Type.Values) == 0 {
			errs = append(errs, fmt.Errorf("%s: enum column %q has no values", where, c.Name))
		}
		if c.Generated != nil && c.Default != nil {
			errs = append(errs, fmt.Errorf("%s: column %q is generated and cannot have a default", where, c.Name))
		}
	}
	known := func(what string, names []string) {
		if len(names) == 0 {
			errs = append(errs, fmt.Errorf("%s: %s has no columns", where, what))
		}
		for _, n := range names {
			if !cols[n] && !inherits {
				errs = append(errs, fmt.Errorf("%s: %s names unknown column %q", where, what, n))
			}
		}
	}
	if t.PrimaryKey != nil {
		known("primary key", t.PrimaryKey.Columns)
	}
	for _, fk := range t.ForeignKeys {
		what := "foreign key " + quoteName(fk.Name)
		known(what, fk.Columns)
		if fk.RefTable == "" {
			errs = append(errs, fmt.Errorf("%s: %s has no referenced table", where, what))
		}
		if len(fk.RefColumns) != len(fk.Columns) {
			errs = append(errs, fmt.Errorf("%s: %s has %d columns but references %d", where, what, len(fk.Columns), len(fk.RefColumns)))
		}
		if !fk.OnDelete.Valid() || !fk.OnUpdate.Valid() {
			errs = append(errs, fmt.Errorf("%s: %s has an unknown referential action (use NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT)", where, what))
		}
		if fk.InitiallyDeferred && !fk.Deferrable {
			errs = append(errs, fmt.Errorf("%s: %s is initially deferred but not deferrable", where, what))
		}
	}
	for _, u := range t.Uniques {
		known("unique constraint "+quoteName(u.Name), u.Columns)
	}
	for _, c := range t.Checks {
		if c.Expr == "" {
			errs = append(errs, fmt.Errorf("%s: check constraint %s has no expression", where, quoteName(c.Name)))
		}
	}
	keyPart := func(what string, p IndexPart) {
		switch {
		case p.Column == "" && p.Expr == "":
			errs = append(errs, fmt.Errorf("%s: %s has a key with neither column nor expression", where, what))
		case p.Column != "" && p.Expr != "":
			errs = append(errs, fmt.Errorf("%s: %s has a key with both a column and an expression", where, what))
		case p.Column != "" && !cols[p.Column] && !inherits:
			errs = append(errs, fmt.Errorf("%s: %s names unknown column %q", where, what, p.Column))
		}
		if p.Nulls != "" && p.Nulls != NullsFirst && p.Nulls != NullsLast {
			errs = append(errs, fmt.Errorf("%s: %s has an unknown NULLS order %q (use first or last)", where, what, p.Nulls))
		}
		if p.OpclassParams != "" && p.Opclass == "" {
			errs = append(errs, fmt.Errorf("%s: %s has operator class parameters but no operator class", where, what))
		}
	}
	included := func(what string, names []string) {
		for _, n := range names {
			if !cols[n] && !inherits {
				errs = append(errs, fmt.Errorf("%s: %s includes unknown column %q", where, what, n))
			}
		}
	}
	for _, ix := range t.Indexes {
		what := "index " + quoteName(ix.Name)
		if len(ix.Parts) == 0 {
			errs = append(errs, fmt.Errorf("%s: %s has no columns", where, what))
		}
		for _, p := range ix.Parts {
			keyPart(what, p)
		}
		included(what, ix.Include)
	}
	for _, ex := range t.Exclusions {
		what := "exclusion constraint " + quoteName(ex.Name)
		if len(ex.Elements) == 0 {
			errs = append(errs, fmt.Errorf("%s: %s has no elements", where, what))
		}
		for _, el := range ex.Elements {
			keyPart(what, el.IndexPart)
			if el.Operator == "" {
				errs = append(errs, fmt.Errorf("%s: %s has an element without an operator", where, what))
			}
		}
		included(what, ex.Include)
		if ex.InitiallyDeferred && !ex.Deferrable {
			errs = append(errs, fmt.Errorf("%s: %s is initially deferred but not deferrable", where, what))
		}
	}
	return errors.Join(errs...)
}

func quoteName(s string) string {
	if s == "" {
		return "(unnamed)"
	}
	return fmt.Sprintf("%q", s)
}
