package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// objects reads the tables, views, index statements, triggers and virtual
// tables of one attached database with one query. Virtual tables are kept
// as definitions (their CREATE VIRTUAL TABLE text, readable even when the
// connection lacks their module) and triggers as their CREATE TRIGGER
// text; shadow tables of virtual tables and SQLite's internal objects are
// left out. Every table's name is remembered, in scope or not, so that
// foreign keys can be given the referenced table's own spelling.
func (in *sqliteInspector) objects(ctx context.Context, q dialect.Querier, sc *sqliteScope, md *model.MetaData) error {
	// pragma_table_list is read once (called with a table name, it would
	// scan every table for each row).
	query := `WITH tl AS MATERIALIZED (SELECT name, type, wr FROM pragma_table_list WHERE schema = ?)
SELECT m.type, m.name, m.tbl_name, COALESCE(m.sql, ''), COALESCE(tl.type, ''), COALESCE(tl.wr, 0), ` + sc.filter + `
FROM ` + sc.from + ` m LEFT JOIN tl ON m.type = 'table' AND tl.name = m.name
WHERE m.type IN ('table', 'view', 'index', 'trigger') AND ` + sqliteUserObject
	rows, err := q.QueryContext(ctx, query, sc.args(sc.db)...)
	if err != nil {
		return fmt.Errorf("inspect sqlite: objects of %q: %w", sc.db, err)
	}
	defer rows.Close()
	sc.indexSQL = map[string]string{}
	sc.allTables = map[string]string{}
	var virtuals []sqliteVirtual
	// Virtual tables come before triggers, whatever order they were
	// created in: the order CreateAll gives them, so that a reloaded
	// database inspects the same.
	var virtualDefs, triggers []*model.Definition
	var lexBuf []sqlTok // one token buffer for every CREATE TABLE
	for rows.Next() {
		var typ, name, table, text, kind string
		var wr, wanted bool
		if err := rows.Scan(&typ, &name, &table, &text, &kind, &wr, &wanted); err != nil {
			return fmt.Errorf("inspect sqlite: objects of %q: %w", sc.db, err)
		}
		if typ == "table" && kind == "table" {
			sc.allTables[sqliteFold(name)] = name
		}
		if typ == "table" && kind == "virtual" {
			// Its shadow tables go whether or not it is in scope.
			virtuals = append(virtuals, sqliteVirtual{name: name, module: parseVirtualModule(text)})
			if wanted {
				virtualDefs = append(virtualDefs, virtualDefinition(sc.schema, name, text))
			}
			continue
		}
		if !wanted {
			continue
		}
		switch typ {
		case "trigger":
			triggers = append(triggers, &model.Definition{
				Kind: model.DefTrigger, Schema: sc.schema, Name: name, Table: table, SQL: text,
			})
		case "view":
			def, columns, ok := parseCreateView(text)
			if !ok {
				return fmt.Errorf("inspect sqlite: view %q: cannot read its definition from %q", name, text)
			}
			md.Views = append(md.Views, &model.View{Schema: sc.schema, Name: name, Definition: def, Columns: columns})
		case "index":
			sc.indexSQL[name] = text
			sc.indexOrder = append(sc.indexOrder, sqliteIndexDef{name: name, table: table, sql: text})
		case "table":
			if kind != "table" {
				continue // virtual or shadow table
			}
			var ct *createTable
			var ok bool
			ct, ok, lexBuf = parseCreateTableInto(lexBuf, text)
			if !ok {
				return fmt.Errorf("inspect sqlite: table %q: cannot read its CREATE TABLE statement %q", name, text)
			}
			st := &sqliteTable{
				t:      &model.Table{Schema: sc.schema, Name: name, WithoutRowID: wr || ct.WithoutRowID, Strict: ct.Strict},
				create: ct,
			}
			sc.tables[name] = st
			sc.order = append(sc.order, st)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect sqlite: objects of %q: %w", sc.db, err)
	}
	md.Definitions = append(append(md.Definitions, virtualDefs...), triggers...)
	sc.dropShadowTables(virtuals)
	return nil
}

// columns reads the columns of every table in scope with one query. The
// pragma is joined as the inner loop (its argument is the outer row's
// table), so each table's columns arrive together, in cid order.
func (in *sqliteInspector) columns(ctx context.Context, q dialect.Querier, sc *sqliteScope) error {
	query := `SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
FROM ` + sc.from + ` m JOIN pragma_table_xinfo(m.name, ?) p
WHERE ` + sqliteRealTable + ` AND ` + sqliteUserObject + ` AND (` + sc.filter + `)`
	rows, err := q.QueryContext(ctx, query, sc.args(sc.db)...)
	if err != nil {
		return fmt.Errorf("inspect sqlite: columns of %q: %w", sc.db, err)
	}
	defer rows.Close()
	// Declared types repeat from table to table: each spelling is read once.
	types := map[string]model.Type{}
	for rows.Next() {
		var table, name, typ string
		var notNull, pk, hidden int
		var dflt sql.NullString
		if err := rows.Scan(&table, &name, &typ, &notNull, &dflt, &pk, &hidden); err != nil {
			return fmt.Errorf("inspect sqlite: columns of %q: %w", sc.db, err)
		}
		st := sc.tables[table]
		if st == nil || hidden == 1 { // hidden 1: a virtual table's hidden column
			continue
		}
		ct, seen := types[typ]
		if !seen {
			ct = in.declaredType(sqliteDeclaredType(typ))
			types[typ] = ct
		}
		ct.Values = slices.Clone(ct.Values)
		c := &model.Column{Name: name, Type: ct, Nullable: notNull == 0}
		if dflt.Valid {
			c.Default = parseSQLiteDefault(dflt.String)
		}
		cc := st.create.column(name)
		if cc != nil {
			c.Collation = cc.Collation
			c.AutoIncrement = cc.AutoIncrement
		}
		if hidden == 2 || hidden == 3 {
			if cc == nil || !cc.HasGenerated {
				return fmt.Errorf("inspect sqlite: generated column %q of table %q: cannot read its expression", name, table)
			}
			c.Generated = &model.Generated{Expr: cc.Generated, Stored: hidden == 3}
		}
		if pk > 0 {
			st.pkCols = append(st.pkCols, pkCol{seq: pk, name: name})
		}
		st.t.Columns = append(st.t.Columns, c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect sqlite: columns of %q: %w", sc.db, err)
	}
	return nil
}

// declaredType reads a column's declared type. SQLite keeps the type as
// written, and the column's affinity, and whether an INT PRIMARY KEY is an
// alias of the rowid (only INTEGER is), follow from that spelling. So the
// type is the dialect's portable reading of it (INTEGER is integer,
// VARCHAR(20) varchar(20)) only when the dialect spells that reading back
// the same, case and spaces aside; otherwise (INT, NVARCHAR(20), DATETIME,
// BYTEA) it is model.Raw with the declared spelling, which the DDL writes
// back as it was. The dialect's Normalize folds raw types into portable
// kinds, so that a model saying Integer compares equal to a column
// declared INT. A column without a type is model.KindNone.
func (in *sqliteInspector) declaredType(decl string) model.Type {
	t := in.d.ParseType(decl)
	if t.Kind == model.KindRaw || t.Kind == model.KindNone {
		return t
	}
	if r, err := in.d.RenderType(t); err != nil || !sameTypeSpelling(r, decl) {
		return model.Raw(decl)
	}
	return t
}

// sameTypeSpelling reports whether two type spellings differ at most in
// case and white space.
func sameTypeSpelling(a, b string) bool {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strings.EqualFold(squeeze(a), squeeze(b))
}

// sqliteStringDefault reports whether a default's only token is a name
// SQLite reads as a string: a quoted identifier, or a bare word that is not
// one of the keywords a default may be (CURRENT_TIMESTAMP …).
func sqliteStringDefault(t sqlTok) bool {
	switch {
	case t.Kind == tokIdent:
		return true
	case t.Kind != tokWord:
		return false
	}
	for _, kw := range []string{"CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "NULL", "TRUE", "FALSE"} {
		if t.is(kw) {
			return false
		}
	}
	return true
}

// sqliteDeclaredType returns the declared type of a column as the pragma
// reports it, without the "GENERATED ALWAYS" some SQLite versions leave in
// the type of a generated column.
func sqliteDeclaredType(s string) string {
	s = strings.TrimSpace(s)
	const suffix = "GENERATED ALWAYS"
	if n := len(s) - len(suffix); n >= 0 && strings.EqualFold(s[n:], suffix) {
		fields := strings.Fields(s[:n])
		return strings.Join(fields, " ")
	}
	return s
}

// parseSQLiteDefault reads pragma_table_xinfo's dflt_value, the default's
// text as written (without the parentheses of an expression): a string,
// number or boolean literal becomes a literal, NULL no default, and
// anything else (CURRENT_TIMESTAMP, X'00', 1 + 1) an expression.
func parseSQLiteDefault(s string) *model.Default {
	s = strings.TrimSpace(s)
	toks := sqliteLex(s)
	switch {
	case len(toks) == 1 && toks[0].Kind == tokString && toks[0].End == len(s) && len(s) >= 2 && s[len(s)-1] == '\'':
		return model.DefaultLiteral(toks[0].Val)
	case len(toks) == 1 && toks[0].is("NULL"):
		return nil
	case len(toks) == 1 && toks[0].is("TRUE"):
		return model.DefaultLiteral(true)
	case len(toks) == 1 && toks[0].is("FALSE"):
		return model.DefaultLiteral(false)
	case len(toks) == 1 && toks[0].End == len(s) && sqliteStringDefault(toks[0]):
		// DEFAULT "active" or DEFAULT active: SQLite takes a lone name
		// in a default for a string (no column is in scope there). It is
		// that string; written as a name in parentheses it would not be.
		return model.DefaultLiteral(toks[0].Val)
	}
	num := s
	if len(toks) == 2 && (toks[0].punct('-') || toks[0].punct('+')) && toks[1].Pos == 1 {
		toks = toks[1:]
	}
	if len(toks) == 1 && toks[0].Kind == tokNumber && !isHexNumber(toks[0].Val) {
		if i, err := strconv.ParseInt(num, 10, 64); err == nil {
			return model.DefaultLiteral(i)
		}
		if f, err := strconv.ParseFloat(num, 64); err == nil {
			return model.DefaultLiteral(f)
		}
	}
	return model.DefaultExpr(s)
}
