package dialect

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ErrNoCopy reports a connection that cannot run COPY (not a pgx
// connection); bulk loaders fall back to INSERT.
var ErrNoCopy = errors.New("the connection cannot run COPY")

// pgxConner is the pgx stdlib driver connection (*stdlib.Conn), which
// hands out its native *pgx.Conn.
type pgxConner interface {
	Conn() *pgx.Conn
}

// CopyRows runs COPY schema.name (columns) FROM STDIN through the native
// pgx connection behind driverConn (what (*sql.Conn).Raw hands out with
// the pgx stdlib driver). COPY runs on the connection's session: when a
// database/sql transaction is open on that connection, the rows are part
// of it and go away if it rolls back.
func (d *postgresDialect) CopyRows(ctx context.Context, driverConn any, schema, name string, columns []string, rows [][]any) (int64, error) {
	pc, ok := driverConn.(pgxConner)
	if !ok {
		return 0, fmt.Errorf("postgres: copy into %q: %w (driver connection %T)", name, ErrNoCopy, driverConn)
	}
	conn := pc.Conn()
	if conn == nil {
		return 0, fmt.Errorf("postgres: copy into %q: %w (no pgx connection)", name, ErrNoCopy)
	}
	table := pgx.Identifier{name}
	if schema != "" {
		table = pgx.Identifier{schema, name}
	}
	n, err := conn.CopyFrom(ctx, table, columns, pgx.CopyFromRows(rows))
	if err != nil {
		return n, fmt.Errorf("postgres: copy into %q: %w", name, err)
	}
	return n, nil
}
