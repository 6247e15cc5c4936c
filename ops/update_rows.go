package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/query"
)

// rowsPerUpdate bounds the rows of one set-based UPDATE, so that a
// statement stays a few megabytes however many rows are given.
const rowsPerUpdate = 10000

// RowUpdate sets columns of existing rows to values given per row,
// matched by key columns: a backfill computed in Go.
type RowUpdate struct {
	Schema, Table string
	// Key names the columns that identify a row (its primary key).
	Key []string
	// Columns names the columns set.
	Columns []string
	// Rows hold, per row, the key values then the column values, in the
	// order of Key and Columns.
	Rows [][]any
}

// UpdateRows applies a RowUpdate with set-based statements, never one
// round trip per row: each statement joins the table with a derived table
// of up to 10,000 rows of values (UPDATE … FROM (VALUES …) on PostgreSQL
// and SQLite 3.33+, a multi-table UPDATE with a UNION ALL derived table on
// MySQL/MariaDB), as many rows a statement as the parameter limit allows.
// It returns the number of rows updated (as the database counts them:
// MySQL counts only rows whose values changed). Offline it prints the
// statements with escaped literals.
func (o *Op) UpdateRows(ctx context.Context, u RowUpdate) (int64, error) {
	if err := needTable(u.Table); err != nil {
		return 0, fmt.Errorf("ops: update rows: %w", err)
	}
	if len(u.Key) == 0 || len(u.Columns) == 0 {
		return 0, fmt.Errorf("ops: update rows of %q: give the Key and the Columns to set", qualified(u.Schema, u.Table))
	}
	cols := append(slices.Clone(u.Key), u.Columns...)
	for i, r := range u.Rows {
		if len(r) != len(cols) {
			return 0, fmt.Errorf("ops: update rows of %q: row %d has %d values for %d key and value columns", qualified(u.Schema, u.Table), i+1, len(r), len(cols))
		}
	}
	if len(u.Rows) == 0 {
		return 0, nil
	}
	types, err := o.valueTypes(ctx, u.Schema, u.Table, cols)
	if err != nil {
		return 0, fmt.Errorf("ops: update rows of %q: %w", qualified(u.Schema, u.Table), err)
	}
	per := min(max(dialect.MaxBindParams(o.Dialect)/len(cols), 1), rowsPerUpdate)
	var total int64
	for start := 0; start < len(u.Rows); start += per {
		end := min(start+per, len(u.Rows))
		n, err := o.Exec(ctx, rowUpdateStatement(u, cols, types, u.Rows[start:end]))
		if err != nil {
			return total, fmt.Errorf("ops: update rows of %q, rows %d to %d: %w", qualified(u.Schema, u.Table), start+1, end, err)
		}
		total += n
	}
	return total, nil
}

// valueTypes returns the types the derived table of values must be cast
// to, where the dialect needs them (PostgreSQL) and a database answers.
func (o *Op) valueTypes(ctx context.Context, schema, table string, cols []string) ([]model.Type, error) {
	qc, err := dialect.QueryCompilerOf(o.Dialect)
	if err != nil || o.Offline() {
		return nil, err
	}
	raw, err := qc.ColumnTypes(ctx, o.exec, schema, table, cols)
	if err != nil || raw == nil {
		return nil, err
	}
	types := make([]model.Type, len(raw))
	for i, r := range raw {
		types[i] = o.Dialect.ParseType(r)
	}
	return types, nil
}

// rowUpdateStatement is UPDATE table SET c = v.c … FROM (rows) AS v
// WHERE table.k = v.k ….
func rowUpdateStatement(u RowUpdate, cols []string, types []model.Type, rows [][]any) query.Statement {
	const alias = "migrate_values"
	t := query.TableIn(u.Schema, u.Table)
	vals := query.Values(alias, cols, rows)
	if types != nil {
		vals = vals.Typed(types...)
	}
	v := vals.Table()
	stmt := query.Update(t).From(vals)
	for _, c := range u.Columns {
		stmt = stmt.Set(query.Set(c, v.C(c)))
	}
	for _, k := range u.Key {
		stmt = stmt.Where(query.Eq(t.C(k), v.C(k)))
	}
	return stmt
}
