package inspect

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/migratego/migrate/dialect"
)

// queryRow runs a query expected to return exactly one row and scans it;
// no row is sql.ErrNoRows.
func queryRow(ctx context.Context, q dialect.Querier, query string, args []any, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// eachRow runs a catalog query and calls scan for every row; errors are
// prefixed with "inspect <db>: <what>:".
func eachRow(ctx context.Context, q dialect.Querier, db, what, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("inspect %s: %s: %w", db, what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("inspect %s: %s: %w", db, what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect %s: %s: %w", db, what, err)
	}
	return nil
}
