package testdb

import (
	"context"
	"database/sql"
	"sync/atomic"

	"github.com/migratego/migrate/dialect"
)

// CountingQuerier counts the statements sent through it to Q, for tests
// and benchmarks that hold a number of queries constant (inspection,
// check).
type CountingQuerier struct {
	Q dialect.Querier
	n atomic.Int64
}

// QueryContext counts the query and runs it on Q.
func (c *CountingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.Q.QueryContext(ctx, query, args...)
}

// ExecContext counts the statement and runs it on Q: an inspector sends
// none (it never writes), so any shows in the count.
func (c *CountingQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.Q.ExecContext(ctx, query, args...)
}

// Count returns the number of statements sent so far.
func (c *CountingQuerier) Count() int64 { return c.n.Load() }

// ConcurrentQueries passes on whether Q may run queries at the same time
// (dialect.Concurrent): counting them is safe for concurrent use.
func (c *CountingQuerier) ConcurrentQueries() bool { return dialect.Concurrent(c.Q) }
