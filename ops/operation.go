package ops

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// Operation is one schema change: a plain value that can be compiled to
// SQL for any dialect, reversed, and rendered as Go source. Autogenerate
// produces operations, revision files are made of them, the runner
// executes them, --sql prints them and lint reads them.
type Operation interface {
	// Name is the operation's snake_case name, e.g. "add_column".
	Name() string
	// Statements compiles the operation for the database of c. It
	// validates first, and returns an *dialect.UnsupportedError for a
	// change the database cannot make.
	Statements(ctx context.Context, c *Context) ([]Statement, error)
	// Reverse returns the inverse operation, or an *IrreversibleError when
	// the operation does not carry the state reversing it needs (for
	// example a DropColumn without the column's definition).
	Reverse() (Operation, error)
	// GoSource renders the operation as a Go expression for a revision
	// file, such as `ops.AddColumn{Table: "users", Column: &model.Column{…}}`.
	GoSource() (string, error)
}

// Context is what compiling an operation may need beyond the operation.
type Context struct {
	// Dialect compiles SQL.
	Dialect dialect.Dialect
	// LiveTable returns the current definition of a table, read from the
	// database. Operations that must restate a whole table (SQLite batch
	// rebuilds) call it. It is nil in offline (--sql) mode, where such
	// operations must be given the table's definition explicitly.
	LiveTable func(ctx context.Context, schema, name string) (*model.Table, error)
	// InTransaction tells whether statements run inside a transaction, so
	// that an operation that cannot (CREATE INDEX CONCURRENTLY) is refused
	// with a clear message instead of failing on the server.
	InTransaction bool
}

// Statement is one SQL statement of an operation.
type Statement struct {
	SQL string
	// Args are bound parameters (online only; offline they are refused).
	Args []any
	// NoTransaction marks a statement that cannot run inside a
	// transaction (PostgreSQL CREATE INDEX CONCURRENTLY).
	NoTransaction bool
}

// IrreversibleError reports an operation that cannot be reversed.
type IrreversibleError struct {
	Op     string
	Reason string
}

// Error implements the error interface.
func (e *IrreversibleError) Error() string {
	return fmt.Sprintf("ops: %s cannot be reversed: %s", e.Op, e.Reason)
}

// statements wraps plain SQL strings as Statements.
func statements(sqls []string, err error) ([]Statement, error) {
	if err != nil {
		return nil, err
	}
	out := make([]Statement, len(sqls))
	for i, s := range sqls {
		out[i] = Statement{SQL: s}
	}
	return out, nil
}

// alterer returns the dialect's Alterer, or an error if it has none.
func alterer(c *Context) (dialect.Alterer, error) {
	a, ok := c.Dialect.(dialect.Alterer)
	if !ok {
		return nil, fmt.Errorf("ops: the %s dialect cannot alter objects", c.Dialect.Name())
	}
	return a, nil
}
