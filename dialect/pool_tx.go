package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Tx is a transaction on one connection: a *sql.Tx, or a wrapper of one
// (a query counter).
type Tx interface {
	Querier
	Commit() error
	Rollback() error
}

// TxPool is a Querier on a pool of connections that begins transactions
// on connections of their own, as a *sql.DB does: a wrapper around a pool
// (a query counter) implements it to pass that on.
type TxPool interface {
	Querier
	// BeginPoolTx begins a transaction on a connection of its own.
	BeginPoolTx(ctx context.Context, opts *sql.TxOptions) (Tx, error)
	// PoolLimit is the most connections the pool opens at once; 0 means
	// no limit.
	PoolLimit() int
}

// ErrNotPool is BeginPoolTx's error for a Querier that is one connection
// or one transaction.
var ErrNotPool = errors.New("dialect: not a pool of connections")

// BeginPoolTx begins a transaction on a connection of its own when q is a
// pool (a *sql.DB, or a TxPool); on a *sql.Conn or *sql.Tx it returns
// ErrNotPool.
func BeginPoolTx(ctx context.Context, q Querier, opts *sql.TxOptions) (Tx, error) {
	switch q := q.(type) {
	case *sql.DB:
		tx, err := q.BeginTx(ctx, opts)
		if err != nil {
			return nil, fmt.Errorf("dialect: begin: %w", err)
		}
		return tx, nil
	case TxPool:
		return q.BeginPoolTx(ctx, opts)
	}
	return nil, ErrNotPool
}

// PoolLimit returns how many transactions BeginPoolTx may hold open on q
// at once: the pool's maximum of open connections, 0 for no limit, and 1
// for what is not a pool (BeginPoolTx fails on it).
func PoolLimit(q Querier) int {
	switch q := q.(type) {
	case *sql.DB:
		return q.Stats().MaxOpenConnections
	case TxPool:
		return q.PoolLimit()
	}
	return 1
}
