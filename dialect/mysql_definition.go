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

var _ DefinitionReplacer = (*mysqlDialect)(nil)

// ReplaceDefinition replaces a function or procedure in one statement on
// MariaDB (10.1.3 and later): CREATE OR REPLACE, under the definition's
// sql_mode as CreateDefinition writes it, so that the routine is never
// missing between a DROP and a CREATE. MariaDB keeps no dependencies on
// routines, so this holds whatever changes. MySQL has no CREATE OR
// REPLACE for routines, and other kinds (and SQL that does not start
// with CREATE FUNCTION or PROCEDURE, such as one with a DEFINER) report
// false: they are dropped and created again.
func (d *mysqlDialect) ReplaceDefinition(_, to *model.Definition) ([]string, bool, error) {
	if !d.mariadb || !d.version.atLeast(10, 1, 3) || to.Kind != model.DefFunction && to.Kind != model.DefProcedure {
		return nil, false, nil
	}
	s, err := definitionStatement(d, to)
	if err != nil {
		return nil, false, err
	}
	s, ok := routineOrReplace(s)
	if !ok {
		return nil, false, nil
	}
	x := to.Clone()
	x.SQL = s
	stmts, err := d.CreateDefinition(x)
	if err != nil {
		return nil, false, err
	}
	return stmts, true, nil
}
