package schemagen

import (
	"fmt"

	"github.com/migratego/migrate/model"
)

// This file generates the object kinds of issue 12 on MySQL/MariaDB and
// SQLite: stored functions, procedures, triggers and events, an
// AUTO_INCREMENT column second in a composite primary key (with the index
// it needs), SQLite columns without a type, STRICT tables, virtual tables
// (FTS5, R*Tree) and triggers, and views on views. Each is gated by a
// Config switch and draws no random number when it is off, so that the
// schemas of the other databases do not change.

// mysqlObjects adds a function, a function created under another
// sql_mode, a procedure, a trigger and an event, each now and then.
func (g *gen) mysqlObjects() {
	if !g.cfg.MySQLObjects {
		return
	}
	if g.chance(0.5) {
		name := g.plainName("fn")
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefFunction, Name: name,
			SQL: "CREATE FUNCTION " + name + "(v bigint) RETURNS bigint DETERMINISTIC COMMENT 'doubles; it''s pure' RETURN v * 2"})
	}
	if g.chance(0.3) {
		// Written for PIPES_AS_CONCAT, as the server spells the mode; its
		// string parameter and result name no character set (the server
		// completes them with the database's), and its body declares a
		// typed variable.
		name := g.plainName("fn_concat")
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefFunction, Name: name,
			SQL:     "CREATE FUNCTION " + name + "(v varchar(20)) RETURNS varchar(40) DETERMINISTIC\nBEGIN\n\tDECLARE s varchar(10) DEFAULT '0';\n\tRETURN v || s;\nEND",
			SQLMode: "PIPES_AS_CONCAT,STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"})
	}
	if g.chance(0.5) {
		// One string parameter names its character set, one does not
		// (the server completes it with the database's).
		name := g.plainName("pr")
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefProcedure, Name: name,
			SQL: "CREATE PROCEDURE " + name + "(IN a int, OUT b varchar(20) CHARSET utf8mb4, INOUT c decimal(10,2), IN d varchar(10))\nSQL SECURITY INVOKER\nBEGIN\n\tSET b = CONCAT('n=', a);\n\tSET c = c + 1;\nEND"})
	}
	if g.chance(0.5) {
		t := g.md.Tables[g.r.IntN(len(g.md.Tables))]
		name := g.plainName("tg")
		timing := []string{"BEFORE", "AFTER"}[g.r.IntN(2)]
		event := []string{"INSERT", "UPDATE", "DELETE"}[g.r.IntN(3)]
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefTrigger, Name: name, Table: t.Name,
			SQL: fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW BEGIN\n\tSET @n = COALESCE(@n, 0) + 1;\nEND", name, timing, event, mustQuote(g, t.Name))})
	}
	if g.chance(0.5) {
		name := g.plainName("ev")
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefEvent, Name: name,
			SQL: "CREATE EVENT " + name + " ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE DO SET @n = 0"})
	}
}

// autoIncrementSecond makes the second column of a composite key an
// AUTO_INCREMENT column with an index of its own, which MySQL requires
// (per-group numbering); it reports whether it did.
func (g *gen) autoIncrementSecond(t *model.Table) {
	if !g.cfg.AutoIncrementSecond || t.PrimaryKey == nil || len(t.PrimaryKey.Columns) < 2 || !g.chance(0.5) {
		return
	}
	for _, c := range t.Columns {
		if c.AutoIncrement || c.Identity != nil {
			return
		}
	}
	c := t.Column(t.PrimaryKey.Columns[1])
	c.Type, c.AutoIncrement, c.Default = model.BigInt, true, nil
	t.Indexes = append(t.Indexes, &model.Index{Parts: model.Cols(c.Name)})
}

// untypedColumn adds a column declared without a type (SQLite).
func (g *gen) untypedColumn(t *model.Table) {
	if !g.cfg.SQLiteObjects || !g.chance(0.3) {
		return
	}
	c := &model.Column{Name: g.name("u"), Type: model.Type{Kind: model.KindNone}, Nullable: true}
	if g.chance(0.5) {
		c.Default = model.DefaultLiteral([]any{int64(7), "x", 1.5}[g.r.IntN(3)])
	}
	t.Columns = append(t.Columns, c)
}

// sqliteObjects adds a STRICT table, virtual tables (FTS5, R*Tree) and a
// trigger, each now and then.
func (g *gen) sqliteObjects() {
	if !g.cfg.SQLiteObjects {
		return
	}
	if g.chance(0.4) {
		t := &model.Table{Name: g.name("strict"), Strict: true, WithoutRowID: g.chance(0.3), Columns: []*model.Column{
			{Name: g.name("k"), Type: model.Integer},
			{Name: g.name("c"), Type: model.Text, Nullable: true},
			{Name: g.name("c"), Type: model.Real, Nullable: g.chance(0.5), Default: model.DefaultLiteral(0.5)},
			{Name: g.name("c"), Type: model.Raw("ANY"), Nullable: true},
			{Name: g.name("c"), Type: model.Blob, Nullable: true},
		}}
		t.PrimaryKey = &model.PrimaryKey{Columns: []string{t.Columns[0].Name}}
		g.md.Tables = append(g.md.Tables, t)
	}
	if g.chance(0.4) {
		name := g.plainName("fts")
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefVirtualTable, Name: name,
			SQL: "CREATE VIRTUAL TABLE " + name + " USING fts5(title, body, tokenize = 'porter unicode61')"})
	}
	if g.chance(0.3) {
		name := g.plainName("rt")
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefVirtualTable, Name: name,
			SQL: "CREATE VIRTUAL TABLE " + name + " USING rtree(id, min_x, max_x, min_y, max_y)"})
	}
	if g.chance(0.5) {
		t := g.md.Tables[g.r.IntN(len(g.md.Tables))]
		name := g.plainName("tg")
		timing := []string{"BEFORE", "AFTER"}[g.r.IntN(2)]
		event := []string{"INSERT", "UPDATE", "DELETE"}[g.r.IntN(3)]
		g.md.Definitions = append(g.md.Definitions, &model.Definition{Kind: model.DefTrigger, Name: name, Table: t.Name,
			SQL: fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW BEGIN\n\tSELECT 1;\nEND", name, timing, event, mustQuote(g, t.Name))})
	}
}

// viewOnView adds a view reading another view, declared before it so that
// only dependency order creates them.
func (g *gen) viewOnView() {
	if !g.cfg.ViewsOnViews || len(g.md.Views) == 0 || !g.chance(0.5) {
		return
	}
	base := g.md.Views[g.r.IntN(len(g.md.Views))]
	v := &model.View{Name: g.plainName("vv"), Definition: "SELECT * FROM " + mustQuote(g, base.Name),
		DependsOn: []model.ObjectName{{Name: base.Name}}}
	g.md.Views = append([]*model.View{v}, g.md.Views...)
}
