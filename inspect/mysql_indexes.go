package inspect

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// readIndexes reads STATISTICS into each table's primary key, unique
// constraints and indexes.
//
// In MySQL a unique constraint is a unique index: the catalog cannot tell
// UNIQUE (a) from CREATE UNIQUE INDEX … (a). The inspector reports a unique
// index whose keys are whole ascending columns, with the default method, as
// a model.Unique, and dialect.Normalize does the same to a declared model,
// so both spellings compare equal. Unique indexes with prefix lengths,
// descending keys or expressions stay indexes.
//
// Index methods: InnoDB builds B-trees for both BTREE and HASH, and MariaDB
// reports its hash-based unique keys on long columns as HASH, so both are
// the default (empty) method on InnoDB; on MEMORY, HASH is the default.
// FULLTEXT and SPATIAL are methods.
func (st *mysqlState) readIndexes(ctx context.Context) error {
	where, args := st.filter("TABLE_SCHEMA", "TABLE_NAME")
	expr := "NULL"
	if !st.mariadb && st.in.d.Capabilities().ExpressionIndexes {
		expr = "EXPRESSION" // MySQL 8.0.13+
	}
	invisible := "0"
	switch {
	case !st.in.d.Capabilities().InvisibleIndexes:
	case st.mariadb:
		invisible = "IGNORED = 'YES'" // MariaDB 10.6+
	default:
		invisible = "IS_VISIBLE = 'NO'" // MySQL 8.0+
	}
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE, ` + expr + `,
  INDEX_COMMENT, ` + invisible + `
FROM information_schema.STATISTICS
WHERE ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
	var cur *model.Index
	var curTable *mysqlTable
	flush := func() {
		if cur != nil {
			addIndex(curTable, cur)
		}
		cur, curTable = nil, nil
	}
	err := st.query(ctx, "indexes", q, args, func(rows *sql.Rows) error {
		var schema, table, name, typ string
		var nonUnique int64
		var col, coll, expression sql.NullString
		var sub sql.NullInt64
		var comment sql.NullString
		var invisible bool
		if err := rows.Scan(&schema, &table, &name, &nonUnique, &col, &coll, &sub, &typ, &expression, &comment, &invisible); err != nil {
			return err
		}
		mt := st.table(schema, table)
		if mt == nil {
			return nil
		}
		if cur == nil || curTable != mt || cur.Name != name {
			flush()
			cur, curTable = &model.Index{Name: name, Unique: nonUnique == 0, Method: mysqlIndexMethod(mt.engine, typ),
				Comment: comment.String, Invisible: invisible}, mt
		}
		p := model.IndexPart{Column: col.String, Desc: coll.String == "D", Length: int(sub.Int64)}
		if cur.Method == "spatial" {
			p.Length = 0 // MariaDB reports 32, the size of an R-tree key, which no DDL can spell
		}
		if !col.Valid && expression.Valid {
			p.Expr = st.cleanExpr(expression.String)
		}
		cur.Parts = append(cur.Parts, p)
		return nil
	})
	flush()
	return err
}

// mysqlIndexMethod maps INDEX_TYPE to the model's method, empty for the
// engine's default.
func mysqlIndexMethod(engine, typ string) string {
	m := strings.ToLower(typ)
	switch {
	case m == "rtree":
		return "spatial"
	case strings.EqualFold(engine, "MEMORY") || strings.EqualFold(engine, "HEAP"):
		if m == "hash" {
			return ""
		}
	case m == "btree" || m == "hash":
		return ""
	}
	return m
}

// addIndex files a finished index as the primary key, a unique constraint
// or an index.
func addIndex(mt *mysqlTable, ix *model.Index) {
	t := mt.t
	switch {
	case ix.Name == "PRIMARY":
		t.PrimaryKey = &model.PrimaryKey{Columns: ix.Columns()}
	case ix.Unique && ix.Method == "" && !ix.Invisible && ix.Comment == "" && plainColumns(ix):
		t.Uniques = append(t.Uniques, &model.Unique{Name: ix.Name, Columns: ix.Columns()})
	default:
		t.Indexes = append(t.Indexes, ix)
	}
}

// plainColumns reports whether every key of ix is a whole column in
// ascending order.
func plainColumns(ix *model.Index) bool {
	for _, p := range ix.Parts {
		if p.Column == "" || p.Expr != "" || p.Desc || p.Length != 0 {
			return false
		}
	}
	return len(ix.Parts) > 0
}

// mysqlDropFKIndexes removes the indexes InnoDB created by itself for
// foreign keys (see dialect.InnoDBForeignKeyIndex): recreating the table
// creates them again.
func mysqlDropFKIndexes(t *model.Table) {
	if len(t.ForeignKeys) == 0 {
		return
	}
	auto := map[*model.Index]bool{}
	for _, ix := range t.Indexes {
		auto[ix] = dialect.InnoDBForeignKeyIndex(t, ix)
	}
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *model.Index) bool { return auto[ix] })
}
