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

// UpdateFrom is the multi-table UPDATE.
func (d *mysqlDialect) UpdateFrom() UpdateFromSyntax { return UpdateMultiTable }

// FullJoin is not supported by MySQL or MariaDB.
func (d *mysqlDialect) FullJoin() error {
	return Unsupported(d.Name(), "SELECT", "FULL OUTER JOIN", "combine a LEFT JOIN and the unmatched rows of a RIGHT JOIN with UNION")
}

// RowsTable is a UNION ALL of SELECTs: MariaDB has no column aliases on
// derived tables.
func (d *mysqlDialect) RowsTable(rows [][]string, alias string, columns, _ []string) string {
	return unionTable(rows, alias, columns)
}

// ColumnTypes: MySQL converts in comparisons, no cast is needed.
func (d *mysqlDialect) ColumnTypes(context.Context, Querier, string, string, []string) ([]string, error) {
	return nil, nil
}
