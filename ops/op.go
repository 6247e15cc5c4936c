package ops

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/query"
)

// Op is the handle a revision's upgrade and downgrade receive. It runs
// operations on the migration's own connection and transaction, or, in
// offline (--sql) mode, prints them.
type Op struct {
	// Dialect compiles operations for the database.
	Dialect dialect.Dialect
	// InTransaction is set by the runner when the revision runs inside a
	// transaction.
	InTransaction bool
	// LiveTable reads a table's current definition (set online by the
	// runner, from the inspector); nil offline.
	LiveTable func(ctx context.Context, schema, name string) (*model.Table, error)
	// Revision is the id of the revision running (set by the runner), for
	// messages and for the resume key of a backfill.
	Revision string

	exec dialect.Querier
	emit func(stmt string) error
	// record, when set, receives what the revision asks for instead of
	// running it (NewRecordingOp).
	record func(Recorded) error
}

// NewOp returns an Op that executes on ex.
func NewOp(d dialect.Dialect, ex dialect.Querier) *Op { return &Op{Dialect: d, exec: ex} }

// NewOfflineOp returns an Op that hands every statement to emit instead of
// executing it (--sql mode).
func NewOfflineOp(d dialect.Dialect, emit func(stmt string) error) *Op {
	return &Op{Dialect: d, emit: emit}
}

// Offline reports whether statements are printed rather than executed.
func (o *Op) Offline() bool { return o.emit != nil }

// Execute runs raw SQL with parameters. The markers may be portable (?,
// the next argument, on every database) or PostgreSQL's own ($1, $2): see
// query.Raw. Offline (--sql) the arguments are written in their place as
// escaped literals.
func (o *Op) Execute(ctx context.Context, sql string, args ...any) error {
	if len(args) == 0 {
		if o.emit != nil {
			return o.emit(sql)
		}
		if _, err := o.exec.ExecContext(ctx, sql, args...); err != nil {
			return &StatementError{Statement: sql, Err: err}
		}
		return nil
	}
	_, err := o.Exec(ctx, query.Raw(sql, args...))
	return err
}

// StatementError is a statement the database refused, carrying the
// statement so that the runner can report it.
type StatementError struct {
	Statement string
	Err       error
}

// Error implements the error interface.
func (e *StatementError) Error() string {
	return fmt.Sprintf("statement failed: %v\n  statement: %s", e.Err, e.Statement)
}

// Unwrap returns the database's error.
func (e *StatementError) Unwrap() error { return e.Err }

// Run compiles and executes operations in order: on the migration's
// connection or transaction online, or printed in --sql mode. It stops at
// the first error, which names the operation (and, from the database, the
// statement: see StatementError).
func (o *Op) Run(ctx context.Context, operations ...Operation) error {
	if o.record != nil {
		return o.recordRun(operations)
	}
	c := o.Context()
	for _, op := range operations {
		if b, ok := op.(BulkInsert); ok && !o.Offline() {
			// Online, rows go by COPY or bound parameters, not literals.
			if err := o.BulkInsert(ctx, b); err != nil {
				return err
			}
			continue
		}
		stmts, err := op.Statements(ctx, c)
		if err != nil {
			return fmt.Errorf("ops: %s: %w", op.Name(), err)
		}
		for _, s := range stmts {
			if s.NoTransaction && o.InTransaction {
				return fmt.Errorf("ops: %s: %q cannot run inside a transaction; mark the revision non-transactional", op.Name(), s.SQL)
			}
			if err := o.Execute(ctx, s.SQL, s.Args...); err != nil {
				return fmt.Errorf("ops: %s: %w", op.Name(), err)
			}
		}
	}
	return nil
}

// Context returns the compilation context of this handle.
func (o *Op) Context() *Context {
	return &Context{Dialect: o.Dialect, InTransaction: o.InTransaction, LiveTable: o.LiveTable}
}
