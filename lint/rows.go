package lint

import (
	"context"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/query"
)

// CountRows returns a RowEstimate (see Options) that counts the rows of a
// table on db. lint asks only for the tables a SQLite rebuild copies,
// where counting is what the rebuild costs anyway; a table that cannot be
// counted (it does not exist yet) has no estimate.
func CountRows(ctx context.Context, db *dialect.DB) func(schema, table string) (int64, bool) {
	return func(schema, table string) (int64, bool) {
		c, err := query.Compile(db.Dialect, query.Select(query.Count()).From(query.TableIn(schema, table)))
		if err != nil {
			return 0, false
		}
		var n int64
		if err := db.QueryRowContext(ctx, c.SQL, c.Args...).Scan(&n); err != nil {
			return 0, false
		}
		return n, true
	}
}
