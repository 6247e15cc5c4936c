package inspect

import (
	"context"
	"database/sql"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// readChecks reads check constraints: CHECK_CONSTRAINTS on MariaDB, which
// names the table, and on MySQL 8.0.16+ through TABLE_CONSTRAINTS, since
// MySQL's CHECK_CONSTRAINTS does not (check names are unique per schema
// there).
//
// MariaDB stores a JSON column as longtext with a column-level check
// json_valid(`col`) named after the column; such a column becomes
// model.JSON and its check is dropped, so that it reads back as declared
// (addChecks, after the columns are read).
func (st *mysqlState) readChecks(ctx context.Context) error {
	if !st.mariadb && !st.in.d.Capabilities().CheckConstraints {
		return nil
	}
	var q string
	var where string
	var args []any
	if st.mariadb {
		where, args = st.filter("CONSTRAINT_SCHEMA", "TABLE_NAME")
		q = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
FROM information_schema.CHECK_CONSTRAINTS
WHERE ` + where
	} else {
		where, args = st.filter("tc.TABLE_SCHEMA", "tc.TABLE_NAME")
		q = `SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
	ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND ` + where
	}
	return st.query(ctx, "check constraints", q, args, func(rows *sql.Rows) error {
		var schema, table, name, clause string
		if err := rows.Scan(&schema, &table, &name, &clause); err != nil {
			return err
		}
		if mt := st.table(schema, table); mt != nil {
			st.checks = append(st.checks, mysqlCheck{mt: mt, name: name, clause: clause})
		}
		return nil
	})
}

// mysqlCheck is a check constraint read, for addChecks.
type mysqlCheck struct {
	mt           *mysqlTable
	name, clause string
}

// addChecks adds the check constraints read to their tables, once the
// columns are read (a MariaDB JSON column is told by its check).
func (st *mysqlState) addChecks() {
	for _, c := range st.checks {
		if st.mariadb && mysqlJSONCheck(st.in.d, c.mt.t, c.name, c.clause) {
			continue
		}
		c.mt.t.Checks = append(c.mt.t.Checks, &model.Check{Name: c.name, Expr: st.cleanExpr(c.clause)})
	}
}

// mysqlJSONCheck reports whether a check is the json_valid check MariaDB
// adds to a JSON column, and if so turns the column back into JSON.
func mysqlJSONCheck(d dialect.Dialect, t *model.Table, name, clause string) bool {
	c := t.Column(name)
	if c == nil || c.Type.Kind != model.KindRaw || !strings.EqualFold(strings.TrimSpace(c.Type.Raw), "longtext") {
		return false
	}
	want := "json_valid(`" + strings.ReplaceAll(c.Name, "`", "``") + "`)"
	if dialect.CanonicalExpr(d, nil, clause) != dialect.CanonicalExpr(d, nil, want) {
		return false
	}
	c.Type = model.JSON
	c.Collation = "" // always utf8mb4_bin: part of the type, not a choice
	return true
}

// mysqlFK is a foreign key being read, with its table.
type mysqlFK struct {
	mt *mysqlTable
	fk *model.ForeignKey
}

// readForeignKeys reads foreign keys: their columns in order from
// KEY_COLUMN_USAGE and their actions from REFERENTIAL_CONSTRAINTS, joined
// in Go (an information_schema join is several times slower on MariaDB).
func (st *mysqlState) readForeignKeys(ctx context.Context) error {
	where, args := st.filter("TABLE_SCHEMA", "TABLE_NAME")
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,
	REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE REFERENCED_TABLE_NAME IS NOT NULL AND ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`
	fks := map[[3]string]*mysqlFK{}
	var order [][3]string
	err := st.query(ctx, "foreign keys", q, args, func(rows *sql.Rows) error {
		var schema, table, name, col, refSchema, refTable, refCol string
		if err := rows.Scan(&schema, &table, &name, &col, &refSchema, &refTable, &refCol); err != nil {
			return err
		}
		mt := st.table(schema, table)
		if mt == nil {
			return nil
		}
		k := [3]string{schema, table, name}
		f := fks[k]
		if f == nil {
			// An empty RefSchema is the referencing table's own schema; a
			// key from another schema into the connected database names it.
			ref := refSchema
			if refSchema == schema {
				ref = ""
			}
			f = &mysqlFK{mt: mt, fk: &model.ForeignKey{Name: name, RefSchema: ref, RefTable: refTable}}
			fks[k] = f
			order = append(order, k)
		}
		f.fk.Columns = append(f.fk.Columns, col)
		f.fk.RefColumns = append(f.fk.RefColumns, refCol)
		return nil
	})
	if err != nil {
		return err
	}
	where, args = st.filter("CONSTRAINT_SCHEMA", "TABLE_NAME")
	q = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE ` + where
	err = st.query(ctx, "foreign key actions", q, args, func(rows *sql.Rows) error {
		var schema, table, name, onUpdate, onDelete string
		if err := rows.Scan(&schema, &table, &name, &onUpdate, &onDelete); err != nil {
			return err
		}
		if f := fks[[3]string{schema, table, name}]; f != nil {
			f.fk.OnUpdate = model.FKAction(strings.ToUpper(onUpdate))
			f.fk.OnDelete = model.FKAction(strings.ToUpper(onDelete))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range order {
		f := fks[k]
		f.mt.t.ForeignKeys = append(f.mt.t.ForeignKeys, f.fk)
	}
	return nil
}
