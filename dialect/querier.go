package dialect

import (
	"context"
	"database/sql"
)

// Querier runs SQL: a *sql.DB, *sql.Conn or *sql.Tx. It is the one query
// interface of the module: the runner's tables and lock, the inspectors'
// catalog queries and the operations' statements all run through it.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
