package testdb

import (
	"context"
	"database/sql"
	"sync/atomic"

	"github.com/migratego/migrate/dialect"
)

// BeginPoolTx begins a transaction on a connection of its own of Q
// (dialect.BeginPoolTx) whose statements are counted with the others.
func (c *CountingQuerier) BeginPoolTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := dialect.BeginPoolTx(ctx, c.Q, opts)
	if err != nil {
		return nil, err
	}
	return &countingTx{Tx: tx, n: &c.n}, nil
}

// PoolLimit passes on Q's limit of open connections (dialect.PoolLimit).
func (c *CountingQuerier) PoolLimit() int { return dialect.PoolLimit(c.Q) }

// countingTx counts the statements of a transaction begun through a
// CountingQuerier into its count.
type countingTx struct {
	dialect.Tx
	n *atomic.Int64
}

// QueryContext counts the query and runs it in the transaction.
func (t *countingTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	t.n.Add(1)
	return t.Tx.QueryContext(ctx, query, args...)
}

// ExecContext counts the statement and runs it in the transaction.
func (t *countingTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	t.n.Add(1)
	return t.Tx.ExecContext(ctx, query, args...)
}
