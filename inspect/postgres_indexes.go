package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgIndexesQuery lists the indexes of the tables in scope, except those
// backing a primary key, unique or exclusion constraint (they are reported
// as the constraint). Key and INCLUDE columns come as attribute numbers
// (0 for an expression) with their indoption flags; the text of each key
// is printed by pg_get_indexdef only for indexes with expressions.
var pgIndexesQuery = `
SELECT i.indrelid::int8, ic.relname, i.indisunique, i.indnkeyatts, i.indkey::text, i.indoption::text,
  am.amname, pg_catalog.pg_get_expr(i.indpred, i.indrelid),
  CASE WHEN i.indexprs IS NOT NULL THEN (
    SELECT json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ORDER BY k)
    FROM generate_series(1, i.indnkeyatts::int) AS k) END
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_constraint k
  ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
WHERE i.indislive AND k.oid IS NULL AND ` + pgTableFilter + `
ORDER BY i.indrelid, ic.relname`

// pgIndexDesc is the indoption bit of a descending key.
const pgIndexDesc = 1

// readIndexes adds indexes to the tables read by readTables.
func (st *pgState) readIndexes(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "indexes", pgIndexesQuery, func(rows *sql.Rows) error {
		var (
			oid                     int64
			name, keys, options, am string
			unique                  bool
			nkey                    int
			where, exprs            sql.NullString
		)
		if err := rows.Scan(&oid, &name, &unique, &nkey, &keys, &options, &am, &where, &exprs); err != nil {
			return err
		}
		pt := st.tables[oid]
		if pt == nil {
			return nil
		}
		ix, err := pgIndex(pt, name, unique, nkey, keys, options, exprs)
		if err != nil {
			return fmt.Errorf("index %q: %w", name, err)
		}
		if am != "btree" {
			ix.Method = am // btree is the default, reported as ""
		}
		ix.Where = where.String
		pt.t.Indexes = append(pt.t.Indexes, ix)
		return nil
	})
}

// pgIndex builds an index from its pg_index key columns (indkey), key
// options (indoption) and, for indexes with expressions, the printed keys.
func pgIndex(pt *pgTable, name string, unique bool, nkey int, keys, options string, exprs sql.NullString) (*model.Index, error) {
	nums, err := pgIntList(keys)
	if err != nil {
		return nil, err
	}
	opts, err := pgIntList(options)
	if err != nil {
		return nil, err
	}
	var printed []string
	if exprs.Valid {
		if err := json.Unmarshal([]byte(exprs.String), &printed); err != nil {
			return nil, fmt.Errorf("key expressions: %w", err)
		}
	}
	if nkey > len(nums) || len(opts) < nkey || (exprs.Valid && len(printed) < nkey) {
		return nil, fmt.Errorf("%d key columns in %q", nkey, keys)
	}
	ix := &model.Index{Name: name, Unique: unique}
	for k := range nkey {
		part := model.IndexPart{Desc: opts[k]&pgIndexDesc != 0}
		if nums[k] == 0 {
			if !exprs.Valid {
				return nil, fmt.Errorf("key %d is an expression the catalog does not print", k+1)
			}
			part.Expr = printed[k]
		} else {
			names, err := pt.columnNames(nums[k : k+1])
			if err != nil {
				return nil, err
			}
			part.Column = names[0]
		}
		ix.Parts = append(ix.Parts, part)
	}
	if len(nums) > nkey {
		if ix.Include, err = pt.columnNames(nums[nkey:]); err != nil {
			return nil, err
		}
	}
	return ix, nil
}
