package ops

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/migratego/migrate/query"
)

// defaultBatchSize is the rows of a backfill batch when none is given.
const defaultBatchSize = 1000

// Backfill is a large data change applied in batches: the table is walked
// by its primary key (keyset pagination: each batch is the next BatchSize
// keys above the last one done), and each batch gets Set (an UPDATE of
// the batch's rows) or Apply (any statements, given the condition that
// selects the batch's rows).
//
// In a transactional revision the batches run in the revision's
// transaction, all or nothing. In a non-transactional revision each batch
// commits on its own, together with the last key it reached, kept in the
// table migrate_backfill (revision, name, last_key, rows_done, created
// when first needed); after a failure, running the revision again resumes
// after the last committed batch, and the row is deleted when the backfill
// completes. Offline (--sql) Set prints as one UPDATE of every row
// matching Where; Apply cannot run offline.
type Backfill struct {
	Schema, Table string
	// Key is the primary key column, integer or text, that orders the
	// walk. (A composite key: walk by one unique column of it.)
	Key string
	// BatchSize is the rows of one batch (default 1000).
	BatchSize int
	// Where, if set, limits the rows walked.
	Where query.Cond
	// Set are the assignments of the UPDATE applied to each batch.
	Set []query.Assignment
	// Apply, instead of Set, is called for each batch with the Op the
	// batch runs on and the condition selecting its rows (key range and
	// Where).
	Apply func(ctx context.Context, op *Op, batch query.Cond) error
	// Name tells several backfills of one revision apart in the resume
	// record (default: the table's name).
	Name string
	// Progress, if set, is called after each batch; an error it returns
	// stops the backfill (the batch is already done).
	Progress func(BackfillProgress) error
}

// BackfillProgress reports a backfill's advance after a batch.
type BackfillProgress struct {
	// Rows done so far (resumed ones included); Total rows to do,
	// counted when the backfill started (resumed ones included).
	Rows, Total int64
	// Batches done in this run.
	Batches int
	// LastKey is the highest key done.
	LastKey any
	// Elapsed since this run started; Rate in rows per second in this
	// run; Remaining is the estimated time left.
	Elapsed   time.Duration
	Rate      float64
	Remaining time.Duration
	// Resumed is set when the run started from a key a previous run
	// committed.
	Resumed bool
}

// String reads "12000 of 100000 rows (12%), 8000 rows/s, about 11s left".
func (p BackfillProgress) String() string {
	pct := 100.0
	if p.Total > 0 {
		pct = 100 * float64(p.Rows) / float64(p.Total)
	}
	return fmt.Sprintf("%d of %d rows (%.0f%%), %.0f rows/s, about %s left",
		p.Rows, p.Total, pct, p.Rate, p.Remaining.Round(time.Second))
}

// txBeginner is an executor that can begin a transaction of its own: the
// migration connection of a non-transactional revision, or a *sql.DB.
type txBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// Backfill runs b (see Backfill) and returns its final progress.
func (o *Op) Backfill(ctx context.Context, b Backfill) (BackfillProgress, error) {
	if err := b.check(); err != nil {
		return BackfillProgress{}, o.wrap(err)
	}
	t := query.TableIn(b.Schema, b.Table)
	if o.Offline() {
		if b.Apply != nil {
			return BackfillProgress{}, o.wrap(fmt.Errorf("ops: backfill of %q: Apply needs a database, it cannot run in --sql mode; use Set", b.Table))
		}
		st := query.Update(t).Set(b.Set...)
		if b.Where != nil {
			st = st.Where(b.Where)
		}
		_, err := o.Exec(ctx, st)
		return BackfillProgress{}, err
	}
	w := &backfillWalk{o: o, b: b, t: t, start: time.Now()}
	if bt, ok := o.exec.(txBeginner); ok && !o.InTransaction {
		w.begin = bt
		w.store = &backfillStore{d: o.Dialect, revision: o.Revision, name: b.name()}
	}
	if err := w.run(ctx); err != nil {
		return w.p, o.wrap(fmt.Errorf("ops: backfill of %q: %w", b.Table, err))
	}
	return w.p, nil
}

func (b *Backfill) check() error {
	switch {
	case b.Table == "" || b.Key == "":
		return errors.New("ops: backfill: give the Table and its Key column")
	case (len(b.Set) == 0) == (b.Apply == nil):
		return fmt.Errorf("ops: backfill of %q: give either Set or Apply", b.Table)
	case b.BatchSize < 0:
		return fmt.Errorf("ops: backfill of %q: BatchSize %d is negative", b.Table, b.BatchSize)
	}
	return nil
}

func (b *Backfill) name() string {
	if b.Name != "" {
		return b.Name
	}
	return qualified(b.Schema, b.Table)
}

// backfillWalk is one run of a backfill.
type backfillWalk struct {
	o     *Op
	b     Backfill
	t     *query.Table
	begin txBeginner     // set: commit per batch
	store *backfillStore // the resume record, with begin
	start time.Time
	done0 int64 // rows done by earlier runs
	p     BackfillProgress
}

func (w *backfillWalk) run(ctx context.Context) error {
	var last any
	if w.store != nil {
		if err := w.store.ensure(ctx, w.o.exec); err != nil {
			return err
		}
		k, rows, ok, err := w.store.load(ctx, w.o.exec)
		if err != nil {
			return err
		}
		if ok {
			last, w.done0, w.p.Resumed = k, rows, true
		}
	}
	total := query.Select(query.Count()).From(w.t)
	if w.b.Where != nil {
		total = total.Where(w.b.Where)
	}
	if err := w.o.QueryRow(ctx, total, &w.p.Total); err != nil {
		return err
	}
	if last != nil {
		// The rows counted include those done, if they still match Where.
		w.p.Total = max(w.p.Total, w.done0)
	}
	w.p.Rows = w.done0
	size := w.b.BatchSize
	if size == 0 {
		size = defaultBatchSize
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, hi, err := w.nextBatch(ctx, last, size)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		if err := w.batch(ctx, last, hi, n); err != nil {
			return fmt.Errorf("batch after key %v: %w", keyText(last), err)
		}
		last = hi
		w.report(n, hi)
		if w.b.Progress != nil {
			if err := w.b.Progress(w.p); err != nil {
				return err
			}
		}
	}
	if w.store != nil {
		return w.store.clear(ctx, w.o.exec)
	}
	return nil
}

// keyCond is the condition of the keys above last (all when nil).
func (w *backfillWalk) keyCond(last any) []query.Cond {
	var conds []query.Cond
	if last != nil {
		conds = append(conds, query.Gt(w.t.C(w.b.Key), last))
	}
	if w.b.Where != nil {
		conds = append(conds, w.b.Where)
	}
	return conds
}

// nextBatch reads the next keys above last, up to size of them, and
// returns how many there are and the highest.
func (w *backfillWalk) nextBatch(ctx context.Context, last any, size int) (int64, any, error) {
	st := query.Select(w.t.C(w.b.Key)).From(w.t).Where(w.keyCond(last)...).
		OrderBy(query.Asc(w.t.C(w.b.Key))).Limit(int64(size))
	rows, err := w.o.Query(ctx, st)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var n int64
	var hi any
	for rows.Next() {
		if err := rows.Scan(&hi); err != nil {
			return 0, nil, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, nil, err
	}
	if b, ok := hi.([]byte); ok {
		// Text protocol (MySQL without arguments): integers come as text.
		hi = string(b)
		if ct, err := rows.ColumnTypes(); err == nil && isIntKind(ct[0].ScanType()) {
			if hi, err = strconv.ParseInt(string(b), 10, 64); err != nil {
				return 0, nil, err
			}
		}
	}
	return n, hi, rows.Close()
}

// isIntKind reports whether a scan type is an integer (or a nullable one).
func isIntKind(t reflect.Type) bool {
	if t == nil {
		return false
	}
	switch t {
	case reflect.TypeFor[sql.NullInt64](), reflect.TypeFor[sql.NullInt32](), reflect.TypeFor[sql.NullInt16]():
		return true
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// batch applies the change to the keys in (last, hi], committing it with
// the resume key when the backfill commits per batch.
func (w *backfillWalk) batch(ctx context.Context, last, hi any, n int64) error {
	cond := query.And(append(w.keyCond(last), query.Le(w.t.C(w.b.Key), hi))...)
	apply := func(op *Op) error {
		if w.b.Apply != nil {
			return w.b.Apply(ctx, op, cond)
		}
		_, err := op.Exec(ctx, query.Update(w.t).Set(w.b.Set...).Where(cond))
		return err
	}
	if w.begin == nil {
		return apply(w.o)
	}
	tx, err := w.begin.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	op := NewOp(w.o.Dialect, tx)
	op.InTransaction, op.Revision, op.LiveTable = true, w.o.Revision, w.o.LiveTable
	if err := apply(op); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := w.store.save(ctx, tx, hi, w.p.Rows+n); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// report updates the progress after a batch of n rows up to hi.
func (w *backfillWalk) report(n int64, hi any) {
	w.p.Rows += n
	w.p.Batches++
	w.p.LastKey = hi
	w.p.Elapsed = time.Since(w.start)
	if s := w.p.Elapsed.Seconds(); s > 0 {
		w.p.Rate = float64(w.p.Rows-w.done0) / s
	}
	if left := w.p.Total - w.p.Rows; left > 0 && w.p.Rate > 0 {
		w.p.Remaining = time.Duration(float64(left) / w.p.Rate * float64(time.Second))
	} else {
		w.p.Remaining = 0
	}
}
