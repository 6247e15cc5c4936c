package dialect

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/migratego/migrate/model"
)

// TypedPlaceholder casts $n to the type of v: a parameter whose type the
// statement does not imply is text, which pgx will not encode a number in.
func (d *postgresDialect) TypedPlaceholder(n int, v any) string {
	p := d.Placeholder(n)
	switch v.(type) {
	case int, int8, int16, int32, int64, uint8, uint16, uint32:
		return "CAST(" + p + " AS bigint)"
	case uint, uint64:
		return "CAST(" + p + " AS numeric)"
	case float32, float64:
		return "CAST(" + p + " AS double precision)"
	case bool:
		return "CAST(" + p + " AS boolean)"
	case []byte:
		return "CAST(" + p + " AS bytea)"
	case time.Time:
		return "CAST(" + p + " AS timestamptz)"
	}
	return p
}

// Concat uses the standard || operator.
func (d *postgresDialect) Concat(operands []string) string { return concatOperator(operands) }

// Position is strpos(s, sub).
func (d *postgresDialect) Position(sub, s string) string { return "strpos(" + s + ", " + sub + ")" }

// LimitOffset spells LIMIT n OFFSET m (OFFSET alone is accepted).
func (d *postgresDialect) LimitOffset(limit, offset int64) string {
	return standardLimit(limit, offset, "")
}

// CastType spells the type as in DDL.
func (d *postgresDialect) CastType(t model.Type) (string, error) { return d.RenderType(t) }

// Upsert is INSERT … ON CONFLICT.
func (d *postgresDialect) Upsert() UpsertSyntax { return UpsertOnConflict }

// Excluded is EXCLUDED.col.
func (d *postgresDialect) Excluded(quotedColumn string) string { return "EXCLUDED." + quotedColumn }

// Returning: INSERT, UPDATE and DELETE all take RETURNING.
func (d *postgresDialect) Returning(string) error { return nil }

// LeadingWith: UPDATE and DELETE take a WITH clause.
func (d *postgresDialect) LeadingWith(string) error { return nil }

// UpdateFrom is UPDATE … FROM.
func (d *postgresDialect) UpdateFrom() UpdateFromSyntax { return UpdateFromClause }

// FullJoin is supported.
func (d *postgresDialect) FullJoin() error { return nil }

// RowsTable is (VALUES …) AS alias (cols), the first row cast to types:
// bound parameters in VALUES would otherwise be text.
func (d *postgresDialect) RowsTable(rows [][]string, alias string, columns, types []string) string {
	return valuesTable(rows, alias, columns, types)
}

// ArraysTable is unnest(CAST($1 AS t1[]), …) AS alias (cols).
func (d *postgresDialect) ArraysTable(placeholders []string, alias string, columns, types []string) string {
	parts := make([]string, len(placeholders))
	for i, p := range placeholders {
		parts[i] = "CAST(" + p + " AS " + types[i] + "[])"
	}
	return "unnest(" + strings.Join(parts, ", ") + ") AS " + alias + " (" + strings.Join(columns, ", ") + ")"
}

// ColumnTypes reads the columns' types from pg_attribute, as format_type
// spells them ("bigint", "character varying(40)").
func (d *postgresDialect) ColumnTypes(ctx context.Context, q Querier, schema, table string, columns []string) ([]string, error) {
	qn, err := d.QuoteQualified(schema, table)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`, qn)
	if err != nil {
		return nil, fmt.Errorf("postgres: column types of %s: %w", qn, err)
	}
	defer rows.Close()
	byName := map[string]string{}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, fmt.Errorf("postgres: column types of %s: %w", qn, err)
		}
		byName[n] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: column types of %s: %w", qn, err)
	}
	out := make([]string, len(columns))
	for i, c := range columns {
		t, ok := byName[c]
		if !ok {
			return nil, fmt.Errorf("postgres: table %s has no column %q", qn, c)
		}
		out[i] = t
	}
	return out, nil
}
