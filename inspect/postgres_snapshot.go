package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/migratego/migrate/dialect"
)

// pgSession is where one PostgreSQL inspection sends its queries: the
// caller's connection or transaction (one querier: the steps run one
// after another), or, on a pool, a read-only REPEATABLE READ transaction
// whose snapshot (pg_export_snapshot) up to maxConcurrentQueries-1 more
// transactions of their own connections import (SET TRANSACTION
// SNAPSHOT), so that the steps run at the same time and every query still
// sees one state of the catalogs.
type pgSession struct {
	first   dialect.Querier // scope and schemas run here
	txs     []dialect.Tx    // the transactions to end, first one first
	pending chan []dialect.Querier
}

// pgSnapshotTx are the options of the session's transactions.
var pgSnapshotTx = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}

// pgOpenSession begins the session on q. On a pool it exports the first
// transaction's snapshot and starts beginning the others, which queriers
// waits for; where the snapshot cannot be exported (a server that refuses
// it) the inspection runs in the first transaction alone.
func pgOpenSession(ctx context.Context, d dialect.Dialect, q dialect.Querier) (*pgSession, error) {
	if !dialect.Concurrent(q) {
		return &pgSession{first: q}, nil
	}
	tx, err := dialect.BeginPoolTx(ctx, q, pgSnapshotTx)
	if errors.Is(err, dialect.ErrNotPool) {
		return &pgSession{first: q}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("inspect postgres: begin: %w", err)
	}
	s := &pgSession{first: tx, txs: []dialect.Tx{tx}}
	workers := maxConcurrentQueries - 1
	if limit := dialect.PoolLimit(q); limit > 0 {
		workers = min(workers, limit-1) // the pool's connections, the first one held
	}
	if workers < 1 {
		return s, nil
	}
	var snapshot string
	if err := queryRow(ctx, tx, "SELECT pg_catalog.pg_export_snapshot()", nil, &snapshot); err != nil {
		// The failed query ended the transaction: start again, alone.
		_ = tx.Rollback()
		if tx, err = dialect.BeginPoolTx(ctx, q, pgSnapshotTx); err != nil {
			return nil, fmt.Errorf("inspect postgres: begin: %w", err)
		}
		s.first, s.txs = tx, []dialect.Tx{tx}
		return s, nil
	}
	set, err := d.Literal(snapshot)
	if err != nil {
		_ = tx.Rollback()
		return nil, fmt.Errorf("inspect postgres: snapshot: %w", err)
	}
	s.pending = make(chan []dialect.Querier, 1)
	go func() { s.pending <- s.importSnapshot(ctx, q, "SET TRANSACTION SNAPSHOT "+set, workers) }()
	return s, nil
}

// importSnapshot begins n transactions on q that import the snapshot
// with the statement set, at the same time; those that fail are left out
// (the steps then share fewer connections).
func (s *pgSession) importSnapshot(ctx context.Context, q dialect.Querier, set string, n int) []dialect.Querier {
	var (
		mu  sync.Mutex
		out []dialect.Querier
		wg  sync.WaitGroup
	)
	for range n {
		wg.Go(func() {
			tx, err := dialect.BeginPoolTx(ctx, q, pgSnapshotTx)
			if err != nil {
				return
			}
			mu.Lock()
			s.txs = append(s.txs, tx)
			mu.Unlock()
			if _, err := tx.ExecContext(ctx, set); err != nil {
				return // ended with the others by close
			}
			mu.Lock()
			out = append(out, tx)
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

// queriers returns the first querier and those of the transactions that
// imported its snapshot.
func (s *pgSession) queriers() []dialect.Querier {
	qs := []dialect.Querier{s.first}
	if s.pending != nil {
		qs = append(qs, <-s.pending...)
		s.pending = nil
	}
	return qs
}

// close ends the session's transactions (they only read: rolled back),
// after the transactions still being begun.
func (s *pgSession) close() {
	if s.pending != nil {
		<-s.pending
	}
	for _, tx := range s.txs {
		_ = tx.Rollback()
	}
}
