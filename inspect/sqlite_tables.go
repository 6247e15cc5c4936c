package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// objects reads the tables, views and index statements of one attached
// database with one query. Virtual tables and their shadow tables are not
// tables of the model and are left out; so are SQLite's internal objects.
// Every table's name is remembered, in scope or not, so that foreign keys
// can be given the referenced table's own spelling.
func (in *sqliteInspector) objects(ctx context.Context, q Querier, sc *sqliteScope, md *model.MetaData) error {
	// pragma_table_list is read once (called with a table name, it would
	// scan every table for each row).
	query := `WITH tl AS MATERIALIZED (SELECT name, type, wr FROM pragma_table_list WHERE schema = ?)
SELECT m.type, m.name, COALESCE(m.sql, ''), COALESCE(tl.type, ''), COALESCE(tl.wr, 0), ` + sc.filter + `
FROM ` + sc.from + ` m LEFT JOIN tl ON m.type = 'table' AND tl.name = m.name
WHERE m.type IN ('table', 'view', 'index') AND ` + sqliteUserObject
	rows, err := q.QueryContext(ctx, query, sc.args(sc.db)...)
	if err != nil {
		return fmt.Errorf("inspect sqlite: objects of %q: %w", sc.db, err)
	}
	defer rows.Close()
	sc.indexSQL = map[string]string{}
	sc.allTables = map[string]string{}
	for rows.Next() {
		var typ, name, text, kind string
		var wr, wanted bool
		if err := rows.Scan(&typ, &name, &text, &kind, &wr, &wanted); err != nil {
			return fmt.Errorf("inspect sqlite: objects of %q: %w", sc.db, err)
		}
		if typ == "table" && kind == "table" {
			sc.allTables[sqliteFold(name)] = name
		}
		if !wanted {
			continue
		}
		switch typ {
		case "view":
			def, ok := parseCreateView(text)
			if !ok {
				return fmt.Errorf("inspect sqlite: view %q: cannot read its definition from %q", name, text)
			}
			md.Views = append(md.Views, &model.View{Schema: sc.schema, Name: name, Definition: def})
		case "index":
			sc.indexSQL[name] = text
		case "table":
			if kind != "table" {
				continue // virtual or shadow table
			}
			ct, ok := parseCreateTable(text)
			if !ok {
				return fmt.Errorf("inspect sqlite: table %q: cannot read its CREATE TABLE statement %q", name, text)
			}
			st := &sqliteTable{
				t:      &model.Table{Schema: sc.schema, Name: name, WithoutRowID: wr || ct.WithoutRowID},
				create: ct,
			}
			sc.tables[name] = st
			sc.order = append(sc.order, st)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect sqlite: objects of %q: %w", sc.db, err)
	}
	return nil
}

// columns reads the columns of every table in scope with one query. The
// pragma is joined as the inner loop (its argument is the outer row's
// table), so each table's columns arrive together, in cid order.
func (in *sqliteInspector) columns(ctx context.Context, q Querier, sc *sqliteScope) error {
	query := `SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
FROM ` + sc.from + ` m JOIN pragma_table_xinfo(m.name, ?) p
WHERE m.type = 'table' AND ` + sqliteUserObject + ` AND (` + sc.filter + `)`
	rows, err := q.QueryContext(ctx, query, sc.args(sc.db)...)
	if err != nil {
		return fmt.Errorf("inspect sqlite: columns of %q: %w", sc.db, err)
	}
	defer rows.Close()
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
		c := &model.Column{Name: name, Type: in.d.ParseType(sqliteDeclaredType(typ)), Nullable: notNull == 0}
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
