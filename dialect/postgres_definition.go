package dialect

import "github.com/migratego/migrate/model"

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
}

// CreateDefinition returns the definition's SQL, and COMMENT ON for its
// comment.
func (d *postgresDialect) CreateDefinition(def *model.Definition) ([]string, error) {
	s, err := definitionStatement(d, def)
	if err != nil {
		return nil, err
	}
	out := []string{s}
	if def.Comment != "" {
		spec, ok := postgresDrops[def.Kind]
		if !ok {
			return nil, d.wrapErr(Unsupported(d.Name(), def.Identity(), "a definition of this kind", ""))
		}
		b := newBuilder(d)
		b.raw("COMMENT ON ", spec.keyword, " ")
		spec.writeObject(b, def)
		b.raw(" IS ").literal(def.Comment)
		c, err := d.wrap(b.stmt())
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// DropDefinition returns DROP FUNCTION s.f(args), DROP TRIGGER t ON s.tab, ….
func (d *postgresDialect) DropDefinition(def *model.Definition) ([]string, error) {
	return dropDefinition(d, postgresDrops, def)
}
