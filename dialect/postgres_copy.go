package dialect

import (
	"context"
	"errors"
	"fmt"
	"reflect"
)

// ErrNoCopy reports a connection that cannot run COPY (not a pgx
// connection); bulk loaders fall back to INSERT.
var ErrNoCopy = errors.New("the connection cannot run COPY")

// CopyRows runs COPY schema.name (columns) FROM STDIN through the native
// pgx connection behind driverConn (what (*sql.Conn).Raw hands out with
// the pgx stdlib driver). COPY runs on the connection's session: when a
// database/sql transaction is open on that connection, the rows are part
// of it and go away if it rolls back.
//
// Package dialect does not link pgx (programs choose their drivers): the
// native connection is reached through its method set. The stdlib
// connection's Conn() returns a *pgx.Conn, whose CopyFrom(ctx,
// pgx.Identifier, []string, pgx.CopyFromSource) (int64, error) is called
// with the identifier converted to pgx.Identifier (a []string) and a
// source that has the methods of pgx.CopyFromSource.
func (d *postgresDialect) CopyRows(ctx context.Context, driverConn any, schema, name string, columns []string, rows [][]any) (int64, error) {
	copyFrom, err := pgxCopyFrom(driverConn)
	if err != nil {
		return 0, fmt.Errorf("postgres: copy into %q: %w", name, err)
	}
	table := []string{name}
	if schema != "" {
		table = []string{schema, name}
	}
	in := copyFrom.Type()
	if !reflect.TypeOf(table).ConvertibleTo(in.In(1)) || !reflect.TypeOf(columns).AssignableTo(in.In(2)) ||
		!reflect.TypeOf(&copySource{}).Implements(in.In(3)) {
		return 0, fmt.Errorf("postgres: copy into %q: %w (unexpected CopyFrom %s)", name, ErrNoCopy, in)
	}
	out := copyFrom.Call([]reflect.Value{
		reflect.ValueOf(ctx),
		reflect.ValueOf(table).Convert(in.In(1)),
		reflect.ValueOf(columns),
		reflect.ValueOf(&copySource{rows: rows, i: -1}),
	})
	n := out[0].Int()
	if e, _ := out[1].Interface().(error); e != nil {
		return n, fmt.Errorf("postgres: copy into %q: %w", name, e)
	}
	return n, nil
}

// The types that CopyFrom's signature must name.
var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

// pgxCopyFrom returns the CopyFrom method of the native pgx connection
// behind a pgx stdlib driver connection, or an error wrapping ErrNoCopy.
func pgxCopyFrom(driverConn any) (reflect.Value, error) {
	conner := reflect.ValueOf(driverConn).MethodByName("Conn")
	if !conner.IsValid() || conner.Type().NumIn() != 0 || conner.Type().NumOut() != 1 {
		return reflect.Value{}, fmt.Errorf("%w (driver connection %T)", ErrNoCopy, driverConn)
	}
	conn := conner.Call(nil)[0]
	if conn.Kind() == reflect.Pointer && conn.IsNil() {
		return reflect.Value{}, fmt.Errorf("%w (no pgx connection)", ErrNoCopy)
	}
	m := conn.MethodByName("CopyFrom")
	if !m.IsValid() {
		return reflect.Value{}, fmt.Errorf("%w (driver connection %T)", ErrNoCopy, driverConn)
	}
	t := m.Type()
	if t.NumIn() != 4 || t.NumOut() != 2 || t.In(0) != contextType || t.Out(0).Kind() != reflect.Int64 || t.Out(1) != errorType {
		return reflect.Value{}, fmt.Errorf("%w (unexpected CopyFrom %s)", ErrNoCopy, t)
	}
	return m, nil
}

// copySource hands rows to COPY; it has the methods of
// pgx.CopyFromSource.
type copySource struct {
	rows [][]any
	i    int
}

// Next advances to the next row.
func (s *copySource) Next() bool {
	s.i++
	return s.i < len(s.rows)
}

// Values returns the current row.
func (s *copySource) Values() ([]any, error) { return s.rows[s.i], nil }

// Err returns nil: the rows are in memory.
func (s *copySource) Err() error { return nil }
