package ops

import (
	"context"
	"fmt"
	"iter"

	"github.com/migratego/migrate/query"
)

// ReadOfflineError is a read (a SELECT, or a write with RETURNING) in
// --sql mode, where no database answers.
type ReadOfflineError struct {
	Revision string
	Verb     string
}

// Error implements the error interface.
func (e *ReadOfflineError) Error() string {
	who := "this revision"
	if e.Revision != "" {
		who = "revision " + e.Revision
	}
	return fmt.Sprintf("%s reads rows (%s), which cannot run in --sql mode: no database answers there; "+
		"run it online, or guard the read with op.Offline() and write the change as statements that need no result", who, e.Verb)
}

// Exec runs a statement that returns no rows (INSERT, UPDATE, DELETE,
// upsert, raw SQL) on the revision's connection and transaction, and
// returns the rows it affected. Offline (--sql) it prints the statement
// with its values as escaped literals, and returns 0.
func (o *Op) Exec(ctx context.Context, st query.Statement) (int64, error) {
	if o.emit != nil {
		sql, err := query.Render(o.Dialect, st)
		if err != nil {
			return 0, o.wrap(err)
		}
		return 0, o.emit(sql)
	}
	c, err := query.Compile(o.Dialect, st)
	if err != nil {
		return 0, o.wrap(err)
	}
	res, err := o.exec.ExecContext(ctx, c.SQL, c.Args...)
	if err != nil {
		return 0, &StatementError{Statement: c.SQL, Err: err}
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, nil // the driver does not count; the statement ran
	}
	return n, nil
}

// Query runs a statement that returns rows (SELECT, or a write with
// RETURNING) on the revision's connection and transaction. The rows are
// read one at a time: close them (or read them to the end) before the
// next statement. Offline it fails with a *ReadOfflineError.
func (o *Op) Query(ctx context.Context, st query.Statement) (*query.Rows, error) {
	if o.emit != nil {
		return nil, &ReadOfflineError{Revision: o.Revision, Verb: st.Verb()}
	}
	c, err := query.Compile(o.Dialect, st)
	if err != nil {
		return nil, o.wrap(err)
	}
	rows, err := o.exec.QueryContext(ctx, c.SQL, c.Args...)
	if err != nil {
		return nil, &StatementError{Statement: c.SQL, Err: err}
	}
	r, err := query.NewRows(rows)
	if err != nil {
		return nil, &StatementError{Statement: c.SQL, Err: err}
	}
	return r, nil
}

// QueryRow runs a query and reads its first row into dst: a pointer to a
// struct (columns matched by migrate tags), a *map[string]any, or for one
// column a pointer to a scalar. No row is query.ErrNoRows.
func (o *Op) QueryRow(ctx context.Context, st query.Statement, dst any) error {
	rows, err := o.Query(ctx, st)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return o.wrap(err)
		}
		return query.ErrNoRows
	}
	if err := rows.ScanInto(dst); err != nil {
		return err
	}
	return rows.Close()
}

// Stream runs a query on o and yields its rows one at a time, each read
// into a fresh T: a struct (columns matched by migrate tags) or
// map[string]any. Memory stays constant whatever the number of rows.
// An error is yielded once, with the zero T, and ends the sequence;
// breaking out of the loop closes the rows.
//
//	for u, err := range ops.Stream[User](ctx, op, query.Select().From(users)) {
//		if err != nil { return err }
//		…
//	}
func Stream[T any](ctx context.Context, o *Op, st query.Statement) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := o.Query(ctx, st)
		if err != nil {
			yield(zero, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var v T
			if err := rows.ScanInto(&v); err != nil {
				yield(zero, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, o.wrap(err))
		}
	}
}

// wrap prefixes an error with the revision, when known.
func (o *Op) wrap(err error) error {
	if o.Revision != "" {
		return fmt.Errorf("revision %s: %w", o.Revision, err)
	}
	return err
}
