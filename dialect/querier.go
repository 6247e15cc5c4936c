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

// ConcurrentQuerier is a Querier that says whether queries issued at the
// same time may each run on a connection of its own, as on a *sql.DB: a
// wrapper around one (a query counter) implements it to pass that on.
type ConcurrentQuerier interface {
	Querier
	// ConcurrentQueries reports whether queries may run at the same time.
	ConcurrentQueries() bool
}

// Concurrent reports whether q may run several queries at the same time,
// each on a connection of its own: a *sql.DB, or a ConcurrentQuerier that
// says so. A *sql.Conn or *sql.Tx is one connection: its queries run one
// after another.
func Concurrent(q Querier) bool {
	switch q := q.(type) {
	case *sql.DB:
		return true
	case ConcurrentQuerier:
		return q.ConcurrentQueries()
	}
	return false
}
