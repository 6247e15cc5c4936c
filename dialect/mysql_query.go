package dialect

import (
	"context"
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// mysqlNoLimit is the LIMIT MySQL documents for "all rows" before OFFSET.
const mysqlNoLimit = "18446744073709551615"

// TypedPlaceholder is the plain marker: the database types it from its value.
func (d *mysqlDialect) TypedPlaceholder(n int, _ any) string { return d.Placeholder(n) }

// Concat is CONCAT(…): || means OR in MySQL's default sql_mode.
func (d *mysqlDialect) Concat(operands []string) string {
	return "CONCAT(" + strings.Join(operands, ", ") + ")"
}

// Position is LOCATE(sub, s).
func (d *mysqlDialect) Position(sub, s string) string { return "LOCATE(" + sub + ", " + s + ")" }

// LimitOffset spells LIMIT n OFFSET m; OFFSET needs a LIMIT.
func (d *mysqlDialect) LimitOffset(limit, offset int64) string {
	return standardLimit(limit, offset, mysqlNoLimit)
}

// CastType maps the portable type onto the few types CAST takes.
func (d *mysqlDialect) CastType(t model.Type) (string, error) {
	switch t.Kind {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt, model.KindBoolean:
		return "SIGNED", nil
	case model.KindVarchar, model.KindChar:
		if t.Length > 0 {
			return fmt.Sprintf("CHAR(%d)", t.Length), nil
		}
		return "CHAR", nil
	case model.KindText, model.KindEnum:
		return "CHAR", nil
	case model.KindUUID:
		return "CHAR(36)", nil
	case model.KindNumeric:
		if t.Precision > 0 {
			return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale), nil
		}
		return "DECIMAL(65,30)", nil
	case model.KindReal:
		return "FLOAT", nil
	case model.KindDouble:
		return "DOUBLE", nil
	case model.KindDate:
		return "DATE", nil
	case model.KindTime:
		return "TIME", nil
	case model.KindTimestamp:
		return "DATETIME(6)", nil
	case model.KindBinary:
		return "BINARY", nil
	case model.KindJSON:
		if !d.mariadb {
			return "JSON", nil
		}
		return "CHAR", nil
	}
	return "", Unsupported(d.Name(), "CAST", "a cast to "+t.String(), "cast to a number, text, date or time type")
}

// Upsert is INSERT … ON DUPLICATE KEY UPDATE.
func (d *mysqlDialect) Upsert() UpsertSyntax { return UpsertOnDuplicateKey }

// Excluded is VALUES(col), which MariaDB and MySQL 8 both accept.
func (d *mysqlDialect) Excluded(quotedColumn string) string { return "VALUES(" + quotedColumn + ")" }

// Returning: MariaDB 10.5+ has INSERT … RETURNING and DELETE … RETURNING,
// not UPDATE … RETURNING; MySQL has none.
func (d *mysqlDialect) Returning(verb string) error {
	if d.mariadb && d.version.atLeast(10, 5, 0) && verb != "UPDATE" {
		return nil
	}
	product := "MySQL"
	if d.mariadb {
		product = "MariaDB " + d.version.String()
	}
	return Unsupported(d.Name(), verb+" statement", "RETURNING on "+product,
		"read the rows with a SELECT in the same transaction (by key, or with LAST_INSERT_ID())")
}

// LeadingWith: MySQL 8 takes a WITH clause before UPDATE and DELETE;
// MariaDB takes one only inside a SELECT.
func (d *mysqlDialect) LeadingWith(verb string) error {
	if !d.mariadb {
		return nil
	}
	return Unsupported(d.Name(), verb+" statement", "a WITH clause before "+verb+" on MariaDB "+d.version.String(),
		"move the WITH into the subquery that reads it (… WHERE id IN (WITH … SELECT …)), or join a derived table")
}

// UpdateFrom is the multi-table UPDATE.
func (d *mysqlDialect) UpdateFrom() UpdateFromSyntax { return UpdateMultiTable }

// FullJoin is not supported by MySQL or MariaDB.
func (d *mysqlDialect) FullJoin() error {
	return Unsupported(d.Name(), "SELECT", "FULL OUTER JOIN", "combine a LEFT JOIN and the unmatched rows of a RIGHT JOIN with UNION")
}

// RowsTable is a UNION ALL of SELECTs: MariaDB has no column aliases on
// derived tables. (Bound rows of known types go by JSONRowsTable.)
func (d *mysqlDialect) RowsTable(rows [][]string, alias string, columns, _ []string) string {
	return unionTable(rows, alias, columns)
}

// ColumnTypes reads COLUMN_TYPE from information_schema ("bigint(20)",
// "varchar(40)"), for the column types of JSON_TABLE (JSONRowsTable).
func (d *mysqlDialect) ColumnTypes(ctx context.Context, q Querier, schema, table string, columns []string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ?`, schema, table)
	if err != nil {
		return nil, fmt.Errorf("mysql: column types of %s: %w", table, err)
	}
	defer rows.Close()
	byName := map[string]string{}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, fmt.Errorf("mysql: column types of %s: %w", table, err)
		}
		byName[n] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mysql: column types of %s: %w", table, err)
	}
	out := make([]string, len(columns))
	for i, c := range columns {
		t, ok := byName[c]
		if !ok {
			return nil, fmt.Errorf("mysql: table %s has no column %q", table, c)
		}
		out[i] = t
	}
	return out, nil
}

// JSONRowsTable is JSON_TABLE(doc, '$[*]' COLUMNS (c1 type PATH '$[0]',
// …)) AS alias, on MySQL 8 and MariaDB 10.6+, for the types JSON can carry
// (numbers, strings, dates and times; not binary).
func (d *mysqlDialect) JSONRowsTable(placeholder, alias string, columns []string, types []model.Type) (string, bool) {
	if d.mariadb && !d.version.atLeast(10, 6, 0) {
		return "", false
	}
	cols := make([]string, len(columns))
	for i, c := range columns {
		switch types[i].Kind {
		case model.KindSmallInt, model.KindInteger, model.KindBigInt, model.KindBoolean,
			model.KindVarchar, model.KindChar, model.KindText, model.KindNumeric, model.KindReal,
			model.KindDouble, model.KindDate, model.KindTime, model.KindTimestamp, model.KindEnum, model.KindUUID:
		default:
			return "", false
		}
		t := types[i]
		if t.Kind == model.KindText || t.Kind == model.KindEnum {
			t = model.Type{Kind: model.KindVarchar, Length: 16383}
		}
		rt, err := d.RenderType(t)
		if err != nil {
			return "", false
		}
		cols[i] = fmt.Sprintf("%s %s PATH '$[%d]'", c, rt, i)
	}
	return "JSON_TABLE(" + placeholder + ", '$[*]' COLUMNS (" + strings.Join(cols, ", ") + ")) AS " + alias, true
}
