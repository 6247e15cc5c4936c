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
// backing a primary key or unique constraint (they are reported as the
// constraint) and those PostgreSQL attached to a partitioned table's index
// on each partition. An exclusion constraint comes with its index: the
// constraint's name, deferrability and operators. Key and INCLUDE columns
// come as attribute numbers (0 for an expression) with their indoption
// flags; the text of each key is printed by pg_get_indexdef only for
// indexes with expressions. For each key, keyopts holds the operator
// class unless it is the default for the type and has no parameters
// ([schema, name]), a collation that differs from the column's or the key type's, the
// operator class parameters (PostgreSQL 13+, in the index attribute's
// options) and the collation's schema unless it is pg_catalog. The per-key subquery is costly (more than half of the
// query's catalog reads at 1,000 tables), so it runs only for the indexes
// that can have such options: those with expressions, a non-default
// operator class, a key collation other than its column's, or operator
// class parameters, which the arrays of pg_index, one uncorrelated list of
// default operator classes and index probes of pg_attribute tell (a key
// in the default collation, 100, differs from its column only when the
// column has another collation).
// NULLS NOT DISTINCT (PostgreSQL 15+) is false on older servers, where
// the column is missing (pgScope.versioned). Comments come from the relation comments of
// pg_description, read once (rd) and hash-joined: obj_description looks
// the catalog up by name on every row. The query joins four catalogs
// (and rd) and reads the rest in correlated subqueries, behind
// the flags of pg_index (indisunique, indisexclusion): with ten joins,
// planning it took longer than running it. An exclusion constraint comes
// as one JSON object. The exclusion constraints PostgreSQL clones onto
// partitions are backed by partition indexes (relispartition), left out
// with them.
var pgIndexesQuery = `
WITH rd AS MATERIALIZED (SELECT objoid, description FROM pg_catalog.pg_description
  WHERE classoid = 'pg_catalog.pg_class'::regclass AND objsubid = 0)
SELECT i.indrelid::int8, ic.relname, i.indisunique, i.indnkeyatts, i.indkey::text, i.indoption::text,
  (SELECT am.amname FROM pg_catalog.pg_am am WHERE am.oid = ic.relam), pg_catalog.pg_get_expr(i.indpred, i.indrelid),
  CASE WHEN i.indexprs IS NOT NULL THEN (
    SELECT json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ORDER BY k)
    FROM generate_series(1, i.indnkeyatts::int) AS k) END,
  CASE WHEN i.indexprs IS NOT NULL OR NOT (i.indclass::oid[] <@ (SELECT array_agg(dc.oid) FROM pg_catalog.pg_opclass dc WHERE dc.opcdefault))
    OR NOT (i.indcollation::oid[] <@ '{0,100}'::oid[])
    OR (100 = ANY(i.indcollation::oid[]) AND EXISTS (SELECT FROM pg_catalog.pg_attribute ta
      WHERE ta.attrelid = i.indrelid AND ta.attnum = ANY(i.indkey::int2[]) AND ta.attcollation NOT IN (0, 100)))
    OR EXISTS (SELECT FROM pg_catalog.pg_attribute ia WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL) THEN (
  SELECT json_agg(json_build_array(
      CASE WHEN NOT oc.opcdefault OR ia.attoptions IS NOT NULL THEN ocn.nspname END,
      CASE WHEN NOT oc.opcdefault OR ia.attoptions IS NOT NULL THEN oc.opcname END,
      CASE WHEN co.oid IS NOT NULL AND co.oid <> COALESCE(ta.attcollation, kt.typcollation) THEN co.collname END,
      array_to_string(ia.attoptions, ', '),
      CASE WHEN co.oid IS NOT NULL AND co.oid <> COALESCE(ta.attcollation, kt.typcollation)
        AND co.collnamespace <> 'pg_catalog'::regnamespace THEN (SELECT cn.nspname FROM pg_catalog.pg_namespace cn WHERE cn.oid = co.collnamespace) END) ORDER BY k)
    FROM generate_series(0, i.indnkeyatts::int - 1) AS k
    JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[k]
    JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
    JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k + 1
    JOIN pg_catalog.pg_type kt ON kt.oid = ia.atttypid
    LEFT JOIN pg_catalog.pg_collation co ON co.oid = i.indcollation[k]
    LEFT JOIN pg_catalog.pg_attribute ta ON ta.attrelid = i.indrelid AND ta.attnum = i.indkey[k] AND i.indkey[k] <> 0) END,
  CASE WHEN i.indisexclusion THEN (
    SELECT json_build_object('name', x.conname, 'deferrable', x.condeferrable, 'deferred', x.condeferred,
      'comment', COALESCE(dx.description, ''),
      'operators', (SELECT json_agg(CASE WHEN opn.nspname = 'pg_catalog' THEN o.oprname
          ELSE 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')' END ORDER BY op.i)
        FROM unnest(x.conexclop) WITH ORDINALITY AS op(oid, i)
        JOIN pg_catalog.pg_operator o ON o.oid = op.oid
        JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace))
    FROM pg_catalog.pg_constraint x
    LEFT JOIN pg_catalog.pg_description dx
      ON dx.objoid = x.oid AND dx.classoid = 'pg_catalog.pg_constraint'::regclass AND dx.objsubid = 0
    WHERE x.conindid = i.indexrelid AND x.conrelid = i.indrelid AND x.contype = 'x') END,
  {nulls_not_distinct i},
  di.description
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN rd di ON di.objoid = i.indexrelid
WHERE i.indislive AND NOT ic.relispartition
  AND NOT (i.indisunique AND EXISTS (SELECT FROM pg_catalog.pg_constraint k
    WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u')))
  AND ` + pgTableFilter + `
ORDER BY i.indrelid, ic.relname`

// The indoption bits of a key: descending, and NULLS FIRST.
const (
	pgIndexDesc       = 1
	pgIndexNullsFirst = 2
)

// readIndexes adds indexes and exclusion constraints to the tables read
// by readTables.
func (st *pgState) readIndexes(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "indexes", st.scope.versioned(pgIndexesQuery), func(rows *sql.Rows) error {
		var (
			oid                     int64
			name, keys, options, am string
			unique                  bool
			nkey                    int
			where, exprs, keyOpts   sql.NullString
			exclusion               sql.NullString
			nullsNotDistinct        bool
			comment                 sql.NullString
		)
		if err := rows.Scan(&oid, &name, &unique, &nkey, &keys, &options, &am, &where, &exprs, &keyOpts,
			&exclusion, &nullsNotDistinct, &comment); err != nil {
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
		if err := st.pgKeyOptions(ix, keyOpts); err != nil {
			return fmt.Errorf("index %q: %w", name, err)
		}
		if am != "btree" {
			ix.Method = am // btree is the default, reported as ""
		}
		ix.Where = pgStableExpr(where.String)
		ix.NullsNotDistinct, ix.Comment = nullsNotDistinct, comment.String
		if !exclusion.Valid {
			pt.t.Indexes = append(pt.t.Indexes, ix)
			return nil
		}
		var x pgExclusionRow
		if err := json.Unmarshal([]byte(exclusion.String), &x); err != nil {
			return fmt.Errorf("exclusion constraint on index %q: %w", name, err)
		}
		ex, err := pgExclusion(ix, am, x.Operators)
		if err != nil {
			return fmt.Errorf("exclusion constraint %q: %w", x.Name, err)
		}
		ex.Name, ex.Deferrable, ex.InitiallyDeferred, ex.Comment = x.Name, x.Deferrable, x.Deferred, x.Comment
		pt.t.Exclusions = append(pt.t.Exclusions, ex)
		return nil
	})
}

// pgExclusionRow is the exclusion constraint pgIndexesQuery reads with
// its index.
type pgExclusionRow struct {
	Name       string   `json:"name"`
	Deferrable bool     `json:"deferrable"`
	Deferred   bool     `json:"deferred"`
	Comment    string   `json:"comment"`
	Operators  []string `json:"operators"`
}

// pgExclusion turns the index backing an exclusion constraint into the
// constraint, with the operator of each key.
func pgExclusion(ix *model.Index, am string, ops []string) (*model.Exclusion, error) {
	if len(ops) != len(ix.Parts) {
		return nil, fmt.Errorf("%d operators for %d keys", len(ops), len(ix.Parts))
	}
	ex := &model.Exclusion{Include: ix.Include, Where: ix.Where}
	if am != "btree" {
		ex.Method = am // btree is the default of EXCLUDE too, reported as ""
	}
	for i, p := range ix.Parts {
		ex.Elements = append(ex.Elements, model.ExclusionElement{IndexPart: p, Operator: ops[i]})
	}
	return ex, nil
}

// pgKeyOptions applies the per-key operator class, collation and operator
// class parameters of pgIndexesQuery's keyopts column.
func (st *pgState) pgKeyOptions(ix *model.Index, keyOpts sql.NullString) error {
	if !keyOpts.Valid {
		return nil
	}
	var keys [][5]*string
	if err := json.Unmarshal([]byte(keyOpts.String), &keys); err != nil {
		return fmt.Errorf("key options: %w", err)
	}
	if len(keys) != len(ix.Parts) {
		return fmt.Errorf("options for %d keys, want %d", len(keys), len(ix.Parts))
	}
	for i, k := range keys {
		p := &ix.Parts[i]
		if k[1] != nil {
			p.Opclass = *k[1]
			if k[0] != nil && *k[0] != "pg_catalog" {
				if s := st.scope.schemaOf(*k[0]); s != "" {
					p.Opclass = s + "." + p.Opclass
				}
			}
			if k[3] != nil {
				p.OpclassParams = *k[3]
			}
		}
		if k[2] != nil {
			p.Collation = *k[2]
			if k[4] != nil {
				p.CollationSchema = st.scope.schemaOf(*k[4])
			}
		}
	}
	return nil
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
		nullsFirst := opts[k]&pgIndexNullsFirst != 0
		switch {
		case nullsFirst && !part.Desc:
			part.Nulls = model.NullsFirst
		case !nullsFirst && part.Desc:
			part.Nulls = model.NullsLast
		}
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
