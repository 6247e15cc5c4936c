package dialect

import (
	"context"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// Versions of the SQLite library that brought query features.
const (
	sqliteUpdateFrom = 3_033_000 // UPDATE … FROM
	sqliteFullJoin   = 3_039_000 // RIGHT and FULL OUTER JOIN
)

// TypedPlaceholder is the plain marker: the database types it from its value.
func (d *sqliteDialect) TypedPlaceholder(n int, _ any) string { return d.Placeholder(n) }

// Concat uses the standard || operator.
func (d *sqliteDialect) Concat(operands []string) string { return concatOperator(operands) }

// Position is instr(s, sub).
func (d *sqliteDialect) Position(sub, s string) string { return "instr(" + s + ", " + sub + ")" }

// LimitOffset spells LIMIT n OFFSET m; OFFSET needs a LIMIT (-1: none).
func (d *sqliteDialect) LimitOffset(limit, offset int64) string {
	return standardLimit(limit, offset, "-1")
}

// CastType spells the type as in DDL (its affinity decides the cast).
func (d *sqliteDialect) CastType(t model.Type) (string, error) { return d.RenderType(t) }

// Upsert is INSERT … ON CONFLICT (SQLite 3.24+).
func (d *sqliteDialect) Upsert() UpsertSyntax { return UpsertOnConflict }

// Excluded is excluded.col.
func (d *sqliteDialect) Excluded(quotedColumn string) string { return "excluded." + quotedColumn }

// Returning: INSERT, UPDATE and DELETE take RETURNING from SQLite 3.35.
func (d *sqliteDialect) Returning(verb string) error {
	if d.version >= sqliteReturning {
		return nil
	}
	return Unsupported(d.Name(), verb+" statement", "RETURNING (SQLite 3.35+)", "read the rows with a SELECT in the same transaction")
}

// LeadingWith: UPDATE and DELETE take a WITH clause (SQLite 3.8.3+).
func (d *sqliteDialect) LeadingWith(string) error { return nil }

// UpdateFrom is UPDATE … FROM from SQLite 3.33, the portable form before.
func (d *sqliteDialect) UpdateFrom() UpdateFromSyntax {
	if d.version >= sqliteUpdateFrom {
		return UpdateFromClause
	}
	return UpdateSubquery
}

// FullJoin is supported from SQLite 3.39.
func (d *sqliteDialect) FullJoin() error {
	if d.version >= sqliteFullJoin {
		return nil
	}
	return Unsupported(d.Name(), "SELECT", "RIGHT and FULL OUTER JOIN (SQLite 3.39+)", "swap the tables of a LEFT JOIN")
}

// RowsTable renames the columns of a VALUES list (column1, column2, …) by
// a SELECT: SQLite has no column aliases on derived tables, and limits
// compound SELECTs to 500 terms.
func (d *sqliteDialect) RowsTable(rows [][]string, alias string, columns, _ []string) string {
	var b strings.Builder
	b.WriteString("(SELECT ")
	for j, c := range columns {
		if j > 0 {
			b.WriteString(", ")
		}
		b.WriteString("column" + strconv.Itoa(j+1) + " AS " + c)
	}
	b.WriteString(" FROM (VALUES ")
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + strings.Join(r, ", ") + ")")
	}
	b.WriteString(")) AS " + alias)
	return b.String()
}

// ColumnTypes: SQLite compares by affinity, no cast is needed.
func (d *sqliteDialect) ColumnTypes(context.Context, Querier, string, string, []string) ([]string, error) {
	return nil, nil
}
