package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgSequencesQuery lists the sequences of the schemas in scope with their
// owner, if any: an identity column (deptype 'i'), or a column that owns
// the sequence through OWNED BY (deptype 'a'). serial tells whether that
// column's default is exactly nextval of the sequence, as serial columns
// have. A sequence is read when its own name passes the globs, or when it
// belongs to a table whose name does.
var pgSequencesQuery = `
SELECT n.nspname, c.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
  pg_catalog.format_type(s.seqtypid, NULL),
  COALESCE(d.deptype::text, ''), COALESCE(d.refobjid::int8, 0), COALESCE(d.refobjsubid, 0),
  oc.relname, oa.attname,
  COALESCE(d.deptype = 'a' AND EXISTS (
    SELECT 1 FROM pg_catalog.pg_attrdef ad
    WHERE ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid
      AND pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
        = 'nextval(''' || replace(c.oid::regclass::text, '''', '''''') || '''::regclass)'), false),
  ` + pgNameFilter("c.relname") + `
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d
  ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.objsubid = 0
  AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE n.nspname = ANY($1::text[])
  AND ((` + pgNameFilter("c.relname") + `) OR (d.deptype IS NOT NULL AND ` + pgNameFilter("oc.relname") + `))
ORDER BY n.nspname, c.relname`

// pgSequenceBounds are the smallest and largest values of the sequence
// data types, for telling default bounds from explicit ones.
var pgSequenceBounds = map[string][2]int64{
	"smallint": {math.MinInt16, math.MaxInt16},
	"integer":  {math.MinInt32, math.MaxInt32},
	"bigint":   {math.MinInt64, math.MaxInt64},
}

// readSequences applies identity and serial sequences to their columns
// (identity start and increment; serial columns become AutoIncrement
// without a default) and adds the other sequences to the model. Sequences
// of identity and serial columns are never listed as sequences.
func (st *pgState) readSequences(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "sequences", pgSequencesQuery, func(rows *sql.Rows) error {
		var (
			schema, name, typ, deptype string
			start, inc, lo, hi, cache  int64
			cycle, serial, listed      bool
			owner                      int64
			ownerCol                   int
			ownerTable, ownerColName   sql.NullString
		)
		if err := rows.Scan(&schema, &name, &start, &inc, &lo, &hi, &cache, &cycle, &typ,
			&deptype, &owner, &ownerCol, &ownerTable, &ownerColName, &serial, &listed); err != nil {
			return err
		}
		var col *model.Column
		if pt := st.tables[owner]; pt != nil {
			col = pt.columns[ownerCol]
		}
		switch {
		case deptype == "i":
			if col != nil && col.Identity != nil {
				col.Identity.Start, col.Identity.Increment = start, inc
			}
			return nil
		case serial:
			if col != nil {
				col.AutoIncrement, col.Default = true, nil
			}
			return nil
		case !listed:
			return nil
		}
		s := &model.Sequence{Schema: st.scope.schemaOf(schema), Name: name, Start: start, Increment: inc, Cache: cache, Cycle: cycle}
		if b, ok := pgSequenceBounds[typ]; ok {
			defLo, defHi := int64(1), b[1]
			if inc < 0 {
				defLo, defHi = b[0], -1
			}
			if lo != defLo {
				s.MinValue = &lo
			}
			if hi != defHi {
				s.MaxValue = &hi
			}
		}
		if deptype == "a" && ownerTable.Valid && ownerColName.Valid {
			s.OwnedBy = ownerTable.String + "." + ownerColName.String
		}
		st.md.Sequences = append(st.md.Sequences, s)
		return nil
	})
}

// pgEnumsQuery lists the enum types in scope with their labels in order.
var pgEnumsQuery = `
SELECT n.nspname, t.typname,
  (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("t.typname") + `
ORDER BY n.nspname, t.typname`

// readEnums adds the enum types in scope.
func (st *pgState) readEnums(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "enum types", pgEnumsQuery, func(rows *sql.Rows) error {
		var (
			schema, name string
			labels       sql.NullString
		)
		if err := rows.Scan(&schema, &name, &labels); err != nil {
			return err
		}
		e := &model.EnumType{Schema: st.scope.schemaOf(schema), Name: name}
		if labels.Valid {
			if err := json.Unmarshal([]byte(labels.String), &e.Values); err != nil {
				return fmt.Errorf("labels of %q: %w", name, err)
			}
		}
		st.md.Enums = append(st.md.Enums, e)
		return nil
	})
}

// pgViewsQuery lists the views in scope with their definitions as the
// server prints them (pg_get_viewdef, which reloads as is). Materialized
// views are not views of the model and are left out.
var pgViewsQuery = `
SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid, true)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v' AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.relname") + `
ORDER BY n.nspname, c.relname`

// readViews adds the views in scope.
func (st *pgState) readViews(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "views", pgViewsQuery, func(rows *sql.Rows) error {
		var schema, name, def string
		if err := rows.Scan(&schema, &name, &def); err != nil {
			return err
		}
		def = strings.TrimSuffix(strings.TrimSpace(def), ";")
		st.md.Views = append(st.md.Views, &model.View{Schema: st.scope.schemaOf(schema), Name: name, Definition: def})
		return nil
	})
}
