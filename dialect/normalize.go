package dialect

import (
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// normalizer is implemented by dialects with database-specific canonical
// forms (MySQL's primary keys are all called PRIMARY, PostgreSQL's
// autoincrement is an identity, …). It runs after the generic rules.
type normalizer interface {
	normalizeTable(t *model.Table)
}

// Normalize returns a copy of md in the canonical form for d: the form an
// inspector reports after md has been created on the database. Comparing
// Normalize(d, declared) with Normalize(d, inspected) is exact: synonyms,
// implied defaults and spelling differences never show as changes.
//
// Generic rules: the naming convention is applied; comments are dropped
// where the database keeps none; each type becomes
// ParseType(RenderType(type)); primary-key columns are NOT NULL; the
// default referential action (NO ACTION) is the empty action; a foreign key
// to the table's own schema has an empty RefSchema; identity and sequence
// parameters equal to their defaults are zero; expressions (checks, index
// keys and predicates, generated columns, expression defaults) are put in
// canonical text by CanonicalExpr; the kinds beyond tables follow
// normalizeObjects. The dialect then applies its own rules.
func Normalize(d Dialect, md *model.MetaData) *model.MetaData {
	md = md.Clone()
	md.ApplyNaming()
	n, _ := d.(normalizer)
	types := typeCache{}
	comments := d.Capabilities().Comments
	for _, t := range md.Tables {
		if !comments {
			dropComments(t)
		}
		normalizeTable(d, t, types)
		if n != nil {
			n.normalizeTable(t)
		}
	}
	normalizeObjects(d, md)
	for _, s := range md.Sequences {
		if s.Start == 1 {
			s.Start = 0
		}
		if s.Increment == 1 {
			s.Increment = 0
		}
		if s.Cache == 1 {
			s.Cache = 0
		}
	}
	return md
}

// dropComments clears the comments of t, its columns and constraints,
// for a database that keeps none (SQLite): the model may hold them, and
// the database never reports them.
func dropComments(t *model.Table) {
	t.Comment = ""
	for _, c := range t.Columns {
		c.Comment = ""
	}
	if t.PrimaryKey != nil {
		t.PrimaryKey.Comment = ""
	}
	for _, u := range t.Uniques {
		u.Comment = ""
	}
	for _, ck := range t.Checks {
		ck.Comment = ""
	}
	for _, fk := range t.ForeignKeys {
		fk.Comment = ""
	}
	for _, ex := range t.Exclusions {
		ex.Comment = ""
	}
}

// typeCache holds ParseType(RenderType(t)) of the plain types (no enum)
// met by one Normalize: a model repeats a few types over thousands of
// columns.
type typeCache map[plainType]model.Type

// plainType is the map key of a type without enum values.
type plainType struct {
	kind                     model.TypeKind
	length, precision, scale int
	tz                       bool
	raw                      string
}

// canonical returns ParseType(RenderType(t)), or t when d cannot render it.
func (tc typeCache) canonical(d Dialect, t model.Type) model.Type {
	plain := len(t.Values) == 0 && t.EnumName == "" && t.EnumSchema == ""
	key := plainType{t.Kind, t.Length, t.Precision, t.Scale, t.WithTimezone, t.Raw}
	if c, ok := tc[key]; ok && plain {
		c.Values = slices.Clone(c.Values)
		return c
	}
	s, err := d.RenderType(t)
	if err != nil {
		return t
	}
	c := d.ParseType(s)
	if plain {
		tc[key] = c
		c.Values = slices.Clone(c.Values)
	}
	return c
}

func normalizeTable(d Dialect, t *model.Table, types typeCache) {
	exprs := newExprCanon(d, t)
	pk := map[string]bool{}
	if t.PrimaryKey != nil {
		for _, c := range t.PrimaryKey.Columns {
			pk[c] = true
		}
	}
	for _, c := range t.Columns {
		// Enum types keep their values, which a rendered PostgreSQL type
		// name does not carry; the dialect's own rules settle their shape.
		if c.Type.Kind != model.KindEnum {
			c.Type = types.canonical(d, c.Type)
		}
		if pk[c.Name] {
			c.Nullable = false
		}
		if c.Identity != nil {
			if c.Identity.Start == 1 {
				c.Identity.Start = 0
			}
			if c.Identity.Increment == 1 {
				c.Identity.Increment = 0
			}
		}
		if c.Generated != nil {
			c.Generated.Expr = exprs.expr(nil, c.Generated.Expr)
		}
		if c.Default != nil && c.Default.Expr != "" {
			c.Default.Expr = exprs.expr(c, c.Default.Expr)
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.OnDelete == model.NoAction {
			fk.OnDelete = ""
		}
		if fk.OnUpdate == model.NoAction {
			fk.OnUpdate = ""
		}
		if fk.RefSchema == t.Schema {
			fk.RefSchema = ""
		}
	}
	for _, u := range t.Uniques {
		// ABORT is SQLite's conflict resolution when none is given.
		if u.OnConflict = strings.ToUpper(u.OnConflict); u.OnConflict == "ABORT" {
			u.OnConflict = ""
		}
	}
	for _, c := range t.Checks {
		c.Expr = exprs.expr(nil, c.Expr)
	}
	for _, ix := range t.Indexes {
		ix.Method = strings.ToLower(ix.Method)
		ix.Where = exprs.expr(nil, ix.Where)
		for i := range ix.Parts {
			ix.Parts[i].Expr = exprs.expr(nil, ix.Parts[i].Expr)
		}
	}
}
