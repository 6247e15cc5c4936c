package ops

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
)

// boundBytesPerStatement bounds the estimated size of one bound-parameter
// INSERT, well under MySQL's max_allowed_packet (16 MiB on MariaDB).
const boundBytesPerStatement = 4 << 20

// RawConner is a dialect.Querier that can hand out its driver connection, as
// *sql.Conn does (Raw). A PostgreSQL COPY runs on it, inside whatever
// transaction is open on that connection: an executor wrapping a *sql.Tx
// begun on a *sql.Conn may forward Raw to that connection to get COPY
// inside the transaction.
type RawConner interface {
	Raw(f func(driverConn any) error) error
}

// connSource is a dialect.Querier that can lend a connection of its own, as
// *sql.DB does; COPY runs on it when no transaction is in progress.
type connSource interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// BulkInsert inserts the rows of b, faster than Run(ctx, b) can:
//
//   - On PostgreSQL, by COPY … FROM STDIN through the native pgx
//     connection, when the executor reaches one: a *sql.Conn (or any
//     RawConner) — COPY then runs in the transaction open on that
//     connection, if any — or a *sql.DB outside a transaction. A *sql.Tx
//     does not expose its connection in database/sql, so inside a plain
//     *sql.Tx the rows go by INSERT, which keeps them in the migration's
//     transaction.
//   - Otherwise by multi-row INSERTs with bound parameters, as many rows
//     a statement as the database's parameter limit allows (65535
//     parameters on PostgreSQL and MySQL/MariaDB, 32766 on SQLite, see
//     dialect.MaxBindParams), and about 4 MiB of values at most.
//
// Offline (--sql), it prints the INSERT statements of Run, with the
// values as escaped literals.
func (o *Op) BulkInsert(ctx context.Context, b BulkInsert) error {
	if o.Offline() {
		return o.Run(ctx, b)
	}
	if err := needTable(b.Table); err != nil {
		return fmt.Errorf("ops: %s: %w", b.Name(), err)
	}
	cols, rows, err := b.bulkRows()
	if err != nil {
		return fmt.Errorf("ops: %s: %w", b.Name(), err)
	}
	if len(rows) == 0 {
		return nil
	}
	done, err := o.copyRows(ctx, b, cols, rows)
	if err != nil || done {
		return err
	}
	return o.insertBound(ctx, b, cols, rows)
}

// copyRows loads the rows by COPY where the dialect and the executor
// allow; done reports whether it did.
func (o *Op) copyRows(ctx context.Context, b BulkInsert, cols []string, rows [][]any) (done bool, err error) {
	cp, ok := o.Dialect.(dialect.Copier)
	if !ok {
		return false, nil
	}
	var n int64
	load := func(dc any) error {
		var err error
		n, err = cp.CopyRows(ctx, dc, b.Schema, b.Table, cols, rows)
		return err
	}
	switch ex := o.exec.(type) {
	case RawConner:
		err = ex.Raw(load)
	case connSource:
		if o.InTransaction {
			return false, nil
		}
		conn, cerr := ex.Conn(ctx)
		if cerr != nil {
			return false, fmt.Errorf("ops: %s: %w", b.Name(), cerr)
		}
		err = conn.Raw(load)
		if cerr := conn.Close(); err == nil && cerr != nil && !errors.Is(cerr, sql.ErrConnDone) {
			err = cerr
		}
	default:
		return false, nil
	}
	if errors.Is(err, dialect.ErrNoCopy) {
		return false, nil
	}
	stmt := fmt.Sprintf("COPY %s (%s) FROM STDIN -- %d rows", qualified(b.Schema, b.Table), strings.Join(cols, ", "), len(rows))
	if err != nil {
		return false, fmt.Errorf("ops: %s: %w", b.Name(), &StatementError{Statement: stmt, Err: err})
	}
	if n != int64(len(rows)) {
		return false, fmt.Errorf("ops: %s: COPY into %q loaded %d of %d rows", b.Name(), qualified(b.Schema, b.Table), n, len(rows))
	}
	return true, nil
}

// insertBound inserts the rows by multi-row INSERTs with bound
// parameters, sized by the dialect's parameter limit.
func (o *Op) insertBound(ctx context.Context, b BulkInsert, cols []string, rows [][]any) error {
	rs, err := dialect.RunSupportOf(o.Dialect)
	if err != nil {
		return fmt.Errorf("ops: %s: %w", b.Name(), err)
	}
	head, err := insertHead(o.Context(), b.Schema, b.Table, cols)
	if err != nil {
		return fmt.Errorf("ops: %s: %w", b.Name(), err)
	}
	perStmt := max(dialect.MaxBindParams(o.Dialect)/len(cols), 1)
	for start := 0; start < len(rows); {
		var (
			sb   strings.Builder
			args []any
			size int
			end  = start
		)
		sb.WriteString(head)
		for end < len(rows) && end-start < perStmt && (end == start || size < boundBytesPerStatement) {
			if end > start {
				sb.WriteString(", ")
			}
			sb.WriteByte('(')
			for j, v := range rows[end] {
				if j > 0 {
					sb.WriteString(", ")
				}
				args = append(args, v)
				sb.WriteString(rs.Placeholder(len(args)))
				size += valueSize(v)
			}
			sb.WriteByte(')')
			end++
		}
		if _, err := o.exec.ExecContext(ctx, sb.String(), args...); err != nil {
			stmt := fmt.Sprintf("%s(…) -- rows %d to %d of %d", head, start+1, end, len(rows))
			return fmt.Errorf("ops: %s: %w", b.Name(), &StatementError{Statement: stmt, Err: err})
		}
		start = end
	}
	return nil
}
