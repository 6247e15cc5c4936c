package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// IndexState is what an interrupted CREATE INDEX CONCURRENTLY left.
type IndexState int

// The states of an index build.
const (
	// IndexAbsent: no index of that name: the statement did not take
	// effect.
	IndexAbsent IndexState = iota + 1
	// IndexValid: the index was built: the statement took effect.
	IndexValid
	// IndexInvalid: the build was interrupted and left an INVALID index,
	// which the database keeps updating but never uses; it must be dropped
	// before the statement can run again.
	IndexInvalid
)

// IndexBuilds is implemented by PostgreSQL, where an interrupted
// CREATE INDEX CONCURRENTLY leaves an INVALID index behind.
type IndexBuilds interface {
	// IndexLeftBy tells what stmt, a CREATE [UNIQUE] INDEX CONCURRENTLY,
	// left in the database, with the index's qualified, quoted name; ok
	// is false for any other statement.
	IndexLeftBy(ctx context.Context, q Querier, stmt string) (state IndexState, index string, ok bool, err error)
	// DropInvalidIndex drops the INVALID index IndexLeftBy named.
	DropInvalidIndex(ctx context.Context, q Querier, index string) error
}

var _ IndexBuilds = (*postgresDialect)(nil)

// pgConcurrentIndex matches CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT
// EXISTS] name ON [ONLY] table: the index name (quoted or not; it is
// created in the table's schema) and the table, possibly qualified.
var pgConcurrentIndex = regexp.MustCompile(`(?is)^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?` +
	`("(?:[^"]|"")+"|[\pL_][\pL\pN_$]*)\s+ON\s+(?:ONLY\s+)?` +
	`((?:(?:"(?:[^"]|"")+"|[\pL_][\pL\pN_$]*)\s*\.\s*)?(?:"(?:[^"]|"")+"|[\pL_][\pL\pN_$]*))`)

// pgIdentName is the name an identifier as written stands for: quoted
// names as they are, others folded to lower case.
func pgIdentName(s string) string {
	if strings.HasPrefix(s, `"`) {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return strings.ToLower(s)
}

// IndexLeftBy looks the index of a CREATE INDEX CONCURRENTLY up in
// pg_index, next to its table (the table's name as written is resolved
// with to_regclass, under the session's search_path).
func (d *postgresDialect) IndexLeftBy(ctx context.Context, q Querier, stmt string) (IndexState, string, bool, error) {
	m := pgConcurrentIndex.FindStringSubmatch(stripSQLComments(stmt))
	if m == nil {
		return 0, "", false, nil
	}
	name := pgIdentName(m[1])
	rows, err := q.QueryContext(ctx, `SELECT n.nspname, i.indisvalid
FROM pg_catalog.pg_class t
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = t.relnamespace AND c.relname = $2 AND c.relkind IN ('i', 'I')
LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
WHERE t.oid = to_regclass($1)`, m[2], name)
	if err != nil {
		return 0, "", true, fmt.Errorf("look for index %s: %w", name, err)
	}
	defer rows.Close()
	if !rows.Next() {
		// The table does not exist, so neither does its index.
		return IndexAbsent, name, true, rows.Err()
	}
	var schema string
	var valid sql.NullBool
	if err := rows.Scan(&schema, &valid); err != nil {
		return 0, "", true, fmt.Errorf("look for index %s: %w", name, err)
	}
	qname, err := d.QuoteQualified(schema, name)
	if err != nil {
		return 0, "", true, err
	}
	switch {
	case !valid.Valid:
		return IndexAbsent, qname, true, rows.Err()
	case valid.Bool:
		return IndexValid, qname, true, rows.Err()
	}
	return IndexInvalid, qname, true, rows.Err()
}

// DropInvalidIndex runs DROP INDEX CONCURRENTLY IF EXISTS index.
func (d *postgresDialect) DropInvalidIndex(ctx context.Context, q Querier, index string) error {
	if index == "" {
		return errors.New("drop invalid index: no name")
	}
	if _, err := q.ExecContext(ctx, "DROP INDEX CONCURRENTLY IF EXISTS "+index); err != nil {
		return fmt.Errorf("drop the invalid index %s: %w", index, err)
	}
	return nil
}
