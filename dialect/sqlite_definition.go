package dialect

import "github.com/migratego/migrate/model"

// sqliteDrops says how SQLite drops each kind of definition.
var sqliteDrops = map[model.DefinitionKind]dropSpec{
	model.DefTrigger:      {keyword: "TRIGGER"},
	model.DefVirtualTable: {keyword: "TABLE"},
}

// CreateDefinition returns the definition's SQL (sqlite_master.sql).
func (d *sqliteDialect) CreateDefinition(def *model.Definition) ([]string, error) {
	if _, ok := sqliteDrops[def.Kind]; !ok {
		return nil, Unsupported(d.Name(), def.Identity(), kindFeature(def.Kind), "")
	}
	if err := checkDefinitionSettings(d, def, false, false); err != nil {
		return nil, err
	}
	return one(definitionStatement(d, def))
}

// DropDefinition returns DROP TRIGGER or, for a virtual table, DROP TABLE.
func (d *sqliteDialect) DropDefinition(def *model.Definition) ([]string, error) {
	return dropDefinition(d, sqliteDrops, def)
}
