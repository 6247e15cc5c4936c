package dialect

import (
	"context"
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// QueryCompiler is what the SQL expression core (package query) asks of a
// database beyond quoting (QuoteIdent) and literals (Literal): the spelling
// of the constructs that differ between databases. All three dialects
// implement it; QueryCompilerOf finds it.
type QueryCompiler interface {
	// Placeholder returns the marker of the n-th (1-based) bound parameter:
	// "$1" on PostgreSQL, "?" on MySQL and SQLite.
	Placeholder(n int) string
	// TypedPlaceholder is Placeholder for a value whose SQL type the
	// statement does not imply (a value in a select list, a CASE result):
	// on PostgreSQL $n cast to the Go value's type, which would otherwise
	// be text; elsewhere the plain marker.
	TypedPlaceholder(n int, v any) string
	// Concat spells the concatenation of compiled string operands:
	// a || b on PostgreSQL and SQLite, CONCAT(a, b) on MySQL (where || is
	// OR by default).
	Concat(operands []string) string
	// Position spells the 1-based position of the compiled substring sub
	// in s, 0 when absent: strpos(s, sub) on PostgreSQL, LOCATE(sub, s) on
	// MySQL, instr(s, sub) on SQLite.
	Position(sub, s string) string
	// LimitOffset spells LIMIT/OFFSET; limit < 0 means no limit, offset 0
	// no offset. It returns "" when there is neither.
	LimitOffset(limit, offset int64) string
	// CastType spells t as CAST(… AS t) takes it.
	CastType(t model.Type) (string, error)
	// Upsert tells how INSERT handles a conflict on this database.
	Upsert() UpsertSyntax
	// Excluded spells, in the update part of an upsert, the value the
	// insert proposed for the (quoted) column: EXCLUDED.col on PostgreSQL
	// and SQLite, VALUES(col) on MySQL.
	Excluded(quotedColumn string) string
	// Returning returns nil when verb ("INSERT", "UPDATE" or "DELETE") may
	// end with RETURNING, and an *UnsupportedError saying what to do
	// otherwise.
	Returning(verb string) error
	// LeadingWith returns nil when a WITH clause may lead a verb ("UPDATE"
	// or "DELETE") statement, and an *UnsupportedError saying what to do
	// otherwise (SELECT and INSERT … SELECT take one everywhere).
	LeadingWith(verb string) error
	// UpdateFrom tells how an UPDATE reads other tables.
	UpdateFrom() UpdateFromSyntax
	// FullJoin returns nil when FULL [OUTER] JOIN is supported.
	FullJoin() error
	// RowsTable spells a derived table of rows (compiled values, one slice
	// a row) with the given quoted column names, aliased alias (quoted):
	// (VALUES …) AS alias (cols) where the database has column aliases on
	// derived tables, SELECT … UNION ALL … otherwise. types, when not nil,
	// are the columns' types to cast the first row to (needed where bound
	// parameters in VALUES have no type, PostgreSQL).
	RowsTable(rows [][]string, alias string, columns []string, types []string) string
	// ColumnTypes returns, for the per-row values of a set-based update,
	// the catalog's spelling of the types of the columns of schema.table
	// (for ParseType), when RowsTable needs types to cast to; nil when the
	// database needs none.
	ColumnTypes(ctx context.Context, q Querier, schema, table string, columns []string) ([]string, error)
}

// ColumnArrays is implemented by dialects that take a derived table of
// rows as one array parameter per column (PostgreSQL: unnest($1::bigint[],
// $2::text[]) AS alias (cols)): a few parameters instead of one per value,
// far cheaper to send, parse and plan than a VALUES list. The expression
// core uses it for bound (not rendered) value tables with known types.
type ColumnArrays interface {
	// ArraysTable spells the derived table of the arrays bound at
	// placeholders, with element types types, aliased alias (quoted) with
	// the quoted column names.
	ArraysTable(placeholders []string, alias string, columns []string, types []string) string
}

var _ ColumnArrays = (*postgresDialect)(nil)

// JSONRows is implemented by dialects that take a derived table of rows as
// one JSON document (an array of row arrays) bound as a single parameter
// (MySQL 8, MariaDB 10.6+: JSON_TABLE), instead of a UNION ALL of SELECTs
// with a parameter per value, far cheaper to parse for many rows. The
// expression core uses it for bound value tables with known types.
type JSONRows interface {
	// JSONRowsTable spells the derived table of the document bound at
	// placeholder, with the quoted column names and their types, aliased
	// alias (quoted); ok is false when the server or a type does not allow
	// it (the caller then uses RowsTable).
	JSONRowsTable(placeholder, alias string, columns []string, types []model.Type) (sql string, ok bool)
}

var _ JSONRows = (*mysqlDialect)(nil)

// UpsertSyntax is the shape of INSERT with a conflict clause.
type UpsertSyntax int

const (
	// UpsertOnConflict: INSERT … ON CONFLICT (cols) DO UPDATE SET … / DO
	// NOTHING (PostgreSQL, SQLite 3.24+).
	UpsertOnConflict UpsertSyntax = iota + 1
	// UpsertOnDuplicateKey: INSERT … ON DUPLICATE KEY UPDATE … (MySQL,
	// MariaDB), which takes no conflict target: any unique key conflicts.
	UpsertOnDuplicateKey
)

// UpdateFromSyntax is how an UPDATE joins other tables.
type UpdateFromSyntax int

const (
	// UpdateFromClause: UPDATE t SET c = … FROM s WHERE … (PostgreSQL,
	// SQLite 3.33+); assigned columns are not qualified.
	UpdateFromClause UpdateFromSyntax = iota + 1
	// UpdateMultiTable: UPDATE t, s SET t.c = … WHERE … (MySQL, MariaDB);
	// assigned columns are qualified by their table.
	UpdateMultiTable
	// UpdateSubquery: no join in UPDATE; the portable form with correlated
	// subqueries is used instead.
	UpdateSubquery
)

// QueryCompilerOf returns the QueryCompiler of d, or an error for a
// dialect without one.
func QueryCompilerOf(d Dialect) (QueryCompiler, error) {
	if qc, ok := d.(QueryCompiler); ok {
		return qc, nil
	}
	return nil, fmt.Errorf("dialect %s cannot compile queries (no QueryCompiler)", d.Name())
}

var (
	_ QueryCompiler = (*postgresDialect)(nil)
	_ QueryCompiler = (*mysqlDialect)(nil)
	_ QueryCompiler = (*sqliteDialect)(nil)
)

// standardLimit spells LIMIT n OFFSET m; without a limit, noLimit stands
// in for it where the database needs a LIMIT before OFFSET.
func standardLimit(limit, offset int64, noLimit string) string {
	var parts []string
	switch {
	case limit >= 0:
		parts = append(parts, fmt.Sprintf("LIMIT %d", limit))
	case offset > 0 && noLimit != "":
		parts = append(parts, "LIMIT "+noLimit)
	}
	if offset > 0 {
		parts = append(parts, fmt.Sprintf("OFFSET %d", offset))
	}
	return strings.Join(parts, " ")
}

// valuesTable spells (VALUES (…), …) AS alias (cols), casting the first
// row's values to types when given.
func valuesTable(rows [][]string, alias string, columns []string, types []string) string {
	var b strings.Builder
	b.WriteString("(VALUES ")
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			if i == 0 && types != nil && types[j] != "" {
				v = "CAST(" + v + " AS " + types[j] + ")"
			}
			b.WriteString(v)
		}
		b.WriteByte(')')
	}
	b.WriteString(") AS " + alias + " (" + strings.Join(columns, ", ") + ")")
	return b.String()
}

// unionTable spells (SELECT a AS c1, b AS c2 UNION ALL SELECT …) AS alias,
// for databases without column aliases on derived tables.
func unionTable(rows [][]string, alias string, columns []string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, r := range rows {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString("SELECT ")
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v)
			if i == 0 {
				b.WriteString(" AS " + columns[j])
			}
		}
	}
	b.WriteString(") AS " + alias)
	return b.String()
}

// concatOperator joins operands with ||.
func concatOperator(operands []string) string {
	return "(" + strings.Join(operands, " || ") + ")"
}
