package model

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// validateObjects checks schemas, extensions, domains and definitions:
// names, types, SQL text, duplicates. See MetaData.Validate.
func (m *MetaData) validateObjects() error {
	var errs []error
	dup := func(what string) func(key string) {
		seen := map[string]bool{}
		return func(key string) {
			if seen[key] {
				errs = append(errs, fmt.Errorf("model: %s %q is declared twice", what, key))
			}
			seen[key] = true
		}
	}
	schema := dup("schema")
	for _, s := range m.Schemas {
		if s.Name == "" {
			errs = append(errs, errors.New("model: a schema has no name"))
			continue
		}
		schema(s.Name)
	}
	ext := dup("extension")
	for _, e := range m.Extensions {
		if e.Name == "" {
			errs = append(errs, errors.New("model: an extension has no name"))
			continue
		}
		ext(e.Name)
	}
	domain := dup("domain")
	for _, d := range m.Domains {
		key := qualified(d.Schema, d.Name)
		switch {
		case d.Name == "":
			errs = append(errs, errors.New("model: a domain has no name"))
			continue
		case d.Type.Kind == KindInvalid || d.Type.Kind == KindNone || (d.Type.Kind == KindRaw && d.Type.Raw == ""):
			errs = append(errs, fmt.Errorf("model: domain %q has no base type", key))
		}
		for _, c := range d.Checks {
			if c.Expr == "" {
				errs = append(errs, fmt.Errorf("model: domain %q: check constraint %s has no expression", key, quoteName(c.Name)))
			}
		}
		domain(key)
	}
	def := dup("definition")
	for _, d := range m.Definitions {
		key := d.Identity()
		switch {
		case !d.Kind.Valid():
			errs = append(errs, fmt.Errorf("model: %s has an unknown kind (use one of %s)", key, kindList()))
		case d.Name == "":
			errs = append(errs, fmt.Errorf("model: a %s definition has no name", d.Kind))
		case d.SQL == "":
			errs = append(errs, fmt.Errorf("model: %s has no SQL", key))
		case d.Kind.OnTable() && d.Table == "":
			errs = append(errs, fmt.Errorf("model: %s names no table", key))
		case (d.Kind == DefOperatorFamily || d.Kind == DefOperatorClass) && d.Signature == "":
			errs = append(errs, fmt.Errorf(`model: %s has no Signature: give its access method ("btree", "gist", …)`, key))
		case d.Kind == DefOperator && d.Signature == "":
			errs = append(errs, fmt.Errorf(`model: %s has no Signature: give its left and right argument types ("text, text"; NONE on the left of a prefix operator)`, key))
		case !d.Firing.Valid():
			errs = append(errs, fmt.Errorf("model: %s: unknown firing %q (use disabled, replica or always, or leave it empty)", key, d.Firing))
		case d.Firing != "" && d.Kind != DefTrigger && d.Kind != DefEventTrigger:
			errs = append(errs, fmt.Errorf("model: %s: only triggers and event triggers have a firing state", key))
		case !sqlModePattern.MatchString(d.SQLMode):
			errs = append(errs, fmt.Errorf("model: %s: sql_mode %q is not a comma-separated list of mode names", key, d.SQLMode))
		}
		def(key)
	}
	return errors.Join(errs...)
}

// sqlModePattern matches a MySQL sql_mode: mode names separated by
// commas, or nothing.
var sqlModePattern = regexp.MustCompile(`^([A-Za-z_0-9]+(,[A-Za-z_0-9]+)*)?$`)

func kindList() string {
	names := make([]string, len(definitionKinds))
	for i, k := range definitionKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// validatePartitioning checks a table's PartitionBy and PartitionOf.
func (t *Table) validatePartitioning(where string) error {
	var errs []error
	if p := t.PartitionBy; p != nil {
		if !slices.Contains(partitionStrategies, p.Strategy) {
			errs = append(errs, fmt.Errorf("%s: unknown partitioning strategy %q (use %s)", where, p.Strategy, strings.Join(partitionStrategies, ", ")))
		}
		if p.Key == "" && p.Strategy != "key" && p.Strategy != "linear key" {
			errs = append(errs, fmt.Errorf("%s: partitioning has no key", where))
		}
	}
	if p := t.PartitionOf; p != nil && (p.Table == "" || p.Bound == "") {
		errs = append(errs, fmt.Errorf("%s: a partition needs its parent table and its bound", where))
	}
	return errors.Join(errs...)
}

// validateIdentityDomains refuses an identity or autoincrement column
// whose type is a domain of the model: PostgreSQL refuses identity on a
// domain, whatever its base type. Such a column numbers its rows the
// serial way, with a nextval default and a sequence it owns.
func (m *MetaData) validateIdentityDomains() error {
	var errs []error
	for _, t := range m.Tables {
		for _, c := range t.Columns {
			if (c.Identity == nil && !c.AutoIncrement) || c.Type.Kind != KindRaw {
				continue
			}
			if d := m.domainNamed(t.Schema, c.Type.Raw); d != nil {
				errs = append(errs, fmt.Errorf("model: table %q: column %q has domain type %q and cannot be an identity or autoincrement column; "+
					"give it a nextval default and a sequence owned by the column (what serial does)",
					t.QualifiedName(), c.Name, qualified(d.Schema, d.Name)))
			}
		}
	}
	return errors.Join(errs...)
}

// domainNamed finds the domain a raw type spells, "name" (in schema) or
// "schema.name".
func (m *MetaData) domainNamed(schema, raw string) *Domain {
	s, n, ok := strings.Cut(raw, ".")
	if !ok {
		s, n = schema, raw
	}
	for _, d := range m.Domains {
		if d.Schema == s && d.Name == n {
			return d
		}
	}
	return nil
}
