package dialect

import (
	"context"
	"strings"

	"github.com/migratego/migrate/model"
)

// defaultMaxBindParams is the bound-parameter limit assumed for a dialect
// that does not state its own: SQLite's historical SQLITE_MAX_VARIABLE_NUMBER,
// low enough for any database.
const defaultMaxBindParams = 999

// bindLimiter is implemented by dialects that state how many bound
// parameters one statement may carry.
type bindLimiter interface {
	maxBindParams() int
}

// MaxBindParams returns the most bound parameters one statement may carry
// on d: 65535 on PostgreSQL (the wire protocol's 16-bit count) and on
// MySQL/MariaDB (the prepared-statement protocol's), 32766 on SQLite (its
// SQLITE_MAX_VARIABLE_NUMBER since 3.32), 999 for a dialect that does not
// say. Batched multi-row INSERTs (bulk insert) size their batches by it.
func MaxBindParams(d Dialect) int {
	if b, ok := d.(bindLimiter); ok {
		return b.maxBindParams()
	}
	return defaultMaxBindParams
}

// maxBindParams: the PostgreSQL wire protocol counts parameters in 16 bits.
func (d *postgresDialect) maxBindParams() int { return 65535 }

// maxBindParams: the MySQL prepared-statement protocol counts parameters in
// 16 bits (ER_PS_MANY_PARAM beyond).
func (d *mysqlDialect) maxBindParams() int { return 65535 }

// maxBindParams: SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite
// 3.32, which the bundled pure-Go SQLite is newer than.
func (d *sqliteDialect) maxBindParams() int { return 32766 }

// Copier is implemented by dialects with a bulk-load protocol that beats
// multi-row INSERT: PostgreSQL's COPY … FROM STDIN. Operations find it by
// type assertion.
type Copier interface {
	// CopyRows loads rows (values in the order of columns) into the table
	// schema.name through driverConn, the driver connection that
	// (*sql.Conn).Raw hands out. It runs on that connection's session, so
	// inside the transaction open on it, if any. It returns the number of
	// rows copied. A driverConn the copier cannot use is an error wrapping
	// ErrNoCopy, so that the caller can fall back to INSERT.
	CopyRows(ctx context.Context, driverConn any, schema, name string, columns []string, rows [][]any) (int64, error)
}

// ViewReplacer is implemented by dialects with CREATE OR REPLACE VIEW
// (PostgreSQL, MySQL, MariaDB). Without it, a view is replaced by DROP VIEW
// and CREATE VIEW.
type ViewReplacer interface {
	// ReplaceView returns CREATE OR REPLACE VIEW with v's definition.
	ReplaceView(v *model.View) ([]string, error)
}

var (
	_ ViewReplacer = (*postgresDialect)(nil)
	_ ViewReplacer = (*mysqlDialect)(nil)
	_ Copier       = (*postgresDialect)(nil)
)

// ReplaceView returns CREATE OR REPLACE VIEW. PostgreSQL keeps the view's
// dependents, but refuses a new definition that drops, renames or retypes
// an existing output column (only new columns at the end are allowed);
// replace such a view with DropView and CreateView instead.
func (d *postgresDialect) ReplaceView(v *model.View) ([]string, error) {
	return orReplace(d.CreateView(v))
}

// ReplaceView returns CREATE OR REPLACE VIEW (MySQL 5.0+, MariaDB).
func (d *mysqlDialect) ReplaceView(v *model.View) ([]string, error) {
	return orReplace(d.CreateView(v))
}

// orReplace turns the CREATE VIEW statement of a view into CREATE OR
// REPLACE VIEW.
func orReplace(sqls []string, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	out := make([]string, len(sqls))
	for i, s := range sqls {
		// The first statement creates the view (CREATE [ALGORITHM = …]
		// [SQL SECURITY …] VIEW); a COMMENT ON may follow.
		if rest, ok := strings.CutPrefix(s, "CREATE "); ok && i == 0 {
			s = "CREATE OR REPLACE " + rest
		}
		out[i] = s
	}
	return out, nil
}
