package dialect

import "github.com/migratego/migrate/model"

// mysqlDrops says how MySQL/MariaDB drops each kind of definition.
var mysqlDrops = map[model.DefinitionKind]dropSpec{
	model.DefFunction:  {keyword: "FUNCTION"},
	model.DefProcedure: {keyword: "PROCEDURE"},
	model.DefTrigger:   {keyword: "TRIGGER"},
	model.DefEvent:     {keyword: "EVENT"},
}

// CreateDefinition returns the definition's SQL (SHOW CREATE … text). A
// definition with a sql_mode is created under it, as mysqldump does: the
// session's mode is saved in a user variable, set for the CREATE
// statement and put back after it.
func (d *mysqlDialect) CreateDefinition(def *model.Definition) ([]string, error) {
	if _, ok := mysqlDrops[def.Kind]; !ok {
		return nil, Unsupported(d.Name(), def.Identity(), kindFeature(def.Kind), "")
	}
	if err := checkDefinitionSettings(d, def, false, true); err != nil {
		return nil, err
	}
	s, err := definitionStatement(d, def)
	if err != nil || def.SQLMode == "" {
		return one(s, err)
	}
	mode, err := d.Literal(def.SQLMode)
	if err != nil {
		return nil, err
	}
	return []string{
		"SET @migrate_saved_sql_mode = @@SESSION.sql_mode",
		"SET SESSION sql_mode = " + mode,
		s,
		"SET SESSION sql_mode = @migrate_saved_sql_mode",
	}, nil
}

// DropDefinition returns DROP FUNCTION/PROCEDURE/TRIGGER/EVENT.
func (d *mysqlDialect) DropDefinition(def *model.Definition) ([]string, error) {
	return dropDefinition(d, mysqlDrops, def)
}
