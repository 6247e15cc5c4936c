package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// postgresDrops says how PostgreSQL drops each kind of definition.
var postgresDrops = map[model.DefinitionKind]dropSpec{
	model.DefFunction:     {keyword: "FUNCTION", signature: true},
	model.DefProcedure:    {keyword: "PROCEDURE", signature: true},
	model.DefAggregate:    {keyword: "AGGREGATE", signature: true},
	model.DefType:         {keyword: "TYPE"},
	model.DefTrigger:      {keyword: "TRIGGER", onTable: true, unqualified: true},
	model.DefRule:         {keyword: "RULE", onTable: true, unqualified: true},
	model.DefEventTrigger: {keyword: "EVENT TRIGGER", unqualified: true},
	// An index lives in its relation's schema.
	model.DefMaterializedView: {keyword: "MATERIALIZED VIEW"},
	model.DefIndex:            {keyword: "INDEX"},
	model.DefPolicy:           {keyword: "POLICY", onTable: true, unqualified: true},
}

// CreateDefinition returns the definition's SQL, and COMMENT ON for its
// comment.
func (d *postgresDialect) CreateDefinition(def *model.Definition) ([]string, error) {
	if _, ok := postgresDrops[def.Kind]; !ok {
		return nil, Unsupported(d.Name(), def.Identity(), kindFeature(def.Kind), "")
	}
	s, err := definitionStatement(d, def)
	if err != nil {
		return nil, err
	}
	out := []string{s}
	if def.Comment != "" {
		c, err := d.commentOnDefinition(def, def.Comment)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// commentOnDefinition returns COMMENT ON kind name IS '…', or IS NULL for
// an empty comment.
func (d *postgresDialect) commentOnDefinition(def *model.Definition, comment string) (string, error) {
	spec, ok := postgresDrops[def.Kind]
	if !ok {
		return "", d.wrapErr(Unsupported(d.Name(), def.Identity(), "a definition of this kind", ""))
	}
	b := newBuilder(d)
	b.raw("COMMENT ON ", spec.keyword, " ")
	spec.writeObject(b, def)
	b.raw(" IS ").literal(nullIfEmpty(comment))
	return d.wrap(b.stmt())
}

// DropDefinition returns DROP FUNCTION s.f(args), DROP TRIGGER t ON s.tab, ….
func (d *postgresDialect) DropDefinition(def *model.Definition) ([]string, error) {
	return dropDefinition(d, postgresDrops, def)
}

// ReplaceDefinition replaces a function or procedure whose new SQL is a
// CREATE OR REPLACE statement (as pg_get_functiondef writes it) in place,
// so that what depends on it (triggers, defaults, views) stays; the
// comment follows with COMMENT ON. Other kinds, and SQL without OR
// REPLACE, report false: they are dropped and created again.
func (d *postgresDialect) ReplaceDefinition(from, to *model.Definition) ([]string, bool, error) {
	if to.Kind != model.DefFunction && to.Kind != model.DefProcedure {
		return nil, false, nil
	}
	s, err := definitionStatement(d, to)
	if err != nil {
		return nil, false, err
	}
	if !strings.HasPrefix(strings.ToUpper(strings.Join(strings.Fields(s[:min(len(s), 40)]), " ")), "CREATE OR REPLACE ") {
		return nil, false, nil
	}
	out := []string{s}
	if from.Comment != to.Comment {
		c, err := d.commentOnDefinition(to, to.Comment)
		if err != nil {
			return nil, false, err
		}
		out = append(out, c)
	}
	return out, true, nil
}
