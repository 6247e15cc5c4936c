package inspect

import (
	"context"
	"slices"
	"sync"

	"github.com/migratego/migrate/dialect"
)

// maxConcurrentQueries bounds the catalog queries an inspector runs at the
// same time on a pool (dialect.Concurrent), and so the connections it
// takes from it.
const maxConcurrentQueries = 4

// runSteps runs independent inspection steps (each one or two catalog
// queries whose rows touch only what that step owns): one after another on
// a single connection or transaction, or on a pool up to
// maxConcurrentQueries at a time. The number of queries is the same
// either way. It returns the first error; on a pool that error cancels the
// steps still running, and the steps not yet started do not start.
func runSteps(ctx context.Context, q dialect.Querier, steps ...func(context.Context) error) error {
	qs := []dialect.Querier{q}
	if dialect.Concurrent(q) {
		qs = slices.Repeat(qs, maxConcurrentQueries)
	}
	on := make([]func(context.Context, dialect.Querier) error, len(steps))
	for i, step := range steps {
		on[i] = func(ctx context.Context, _ dialect.Querier) error { return step(ctx) }
	}
	return runStepsOn(ctx, qs, on...)
}

// runStepsOn runs independent inspection steps on the queriers qs, each
// querier running one step at a time: with one querier the steps run one
// after another, in order; with several, as many at once, taken in order.
// It returns the first error, which cancels the steps still running; the
// steps not yet started do not start.
func runStepsOn(ctx context.Context, qs []dialect.Querier, steps ...func(context.Context, dialect.Querier) error) error {
	if len(qs) < 2 || len(steps) < 2 {
		for _, step := range steps {
			if err := step(ctx, qs[0]); err != nil {
				return err
			}
		}
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan func(context.Context, dialect.Querier) error)
	for _, q := range qs[:min(len(qs), len(steps))] {
		wg.Go(func() {
			for step := range next {
				if err := step(ctx, q); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
						cancel()
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, step := range steps {
		if ctx.Err() != nil {
			break
		}
		next <- step
	}
	close(next)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		return ctx.Err() // the caller's context ended between steps
	}
	return firstErr
}
