package dialect

import "github.com/migratego/migrate/model"

// mysqlDrops says how MySQL/MariaDB drops each kind of definition.
var mysqlDrops = map[model.DefinitionKind]dropSpec{
	model.DefFunction:  {keyword: "FUNCTION"},
	model.DefProcedure: {keyword: "PROCEDURE"},
	model.DefTrigger:   {keyword: "TRIGGER"},
	model.DefEvent:     {keyword: "EVENT"},
}

// CreateDefinition returns the definition's SQL (SHOW CREATE … text).
func (d *mysqlDialect) CreateDefinition(def *model.Definition) ([]string, error) {
	if _, ok := mysqlDrops[def.Kind]; !ok {
		return nil, Unsupported(d.Name(), def.Identity(), kindFeature(def.Kind), "")
	}
	return one(definitionStatement(d, def))
}

// DropDefinition returns DROP FUNCTION/PROCEDURE/TRIGGER/EVENT.
func (d *mysqlDialect) DropDefinition(def *model.Definition) ([]string, error) {
	return dropDefinition(d, mysqlDrops, def)
}
