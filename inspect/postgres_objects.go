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
// the sequence through OWNED BY (deptype 'a'), as a serial column owns
// its sequence. A sequence is read when its own name passes the globs, or
// when it belongs to a table whose name does. Sequences of extensions are
// left out.
var pgSequencesQuery = `
SELECT n.nspname, c.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
  pg_catalog.format_type(s.seqtypid, NULL),
  COALESCE(d.deptype::text, ''), COALESCE(d.refobjid::int8, 0), COALESCE(d.refobjsubid, 0),
  oc.relname, oa.attname,
  ` + pgNameFilter("c.relname") + `,
  COALESCE(pg_catalog.obj_description(c.oid, 'pg_class'), '')
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d
  ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.objsubid = 0
  AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE n.nspname = ANY($1::text[]) AND ` + pgNotExtensionMember("pg_catalog.pg_class", "c.oid") + `
  AND ((` + pgNameFilter("c.relname") + `) OR (d.deptype IS NOT NULL AND ` + pgNameFilter("oc.relname") + `))
ORDER BY n.nspname, c.relname`

// pgSequenceBounds are the smallest and largest values of the sequence
// data types, for telling default bounds from explicit ones.
var pgSequenceBounds = map[string][2]int64{
	"smallint": {math.MinInt16, math.MaxInt16},
	"integer":  {math.MinInt32, math.MaxInt32},
	"bigint":   {math.MinInt64, math.MaxInt64},
}

// readSequences applies identity sequences to their columns (start and
// increment) and adds the other sequences to the model, those of serial
// columns included: a serial column is a nextval default and an owned
// sequence, and stays so. Sequences of identity columns are never listed.
func (st *pgState) readSequences(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "sequences", pgSequencesQuery, func(rows *sql.Rows) error {
		var (
			schema, name, typ, deptype string
			start, inc, lo, hi, cache  int64
			cycle, listed              bool
			owner                      int64
			ownerCol                   int
			ownerTable, ownerColName   sql.NullString
			comment                    string
		)
		if err := rows.Scan(&schema, &name, &start, &inc, &lo, &hi, &cache, &cycle, &typ,
			&deptype, &owner, &ownerCol, &ownerTable, &ownerColName, &listed, &comment); err != nil {
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
		case !listed:
			return nil
		}
		s := &model.Sequence{Schema: st.scope.schemaOf(schema), Name: name, Start: start, Increment: inc, Cache: cache, Cycle: cycle}
		if typ != "bigint" {
			s.As = typ
		}
		s.Comment = comment
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
  AND ` + pgNotExtensionMember("pg_catalog.pg_type", "t.oid") + `
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

// pgViewDepends is the JSON list of what the view or materialized view
// c reads that must exist before it: views, materialized views, foreign
// tables and user
// functions (from the pg_depend rows of its _RETURN rule).
const pgViewDepends = `(SELECT jsonb_agg(DISTINCT dep) FROM (
    SELECT jsonb_build_array(rn.nspname, rc.relname) AS dep
    FROM pg_catalog.pg_rewrite r
    JOIN pg_catalog.pg_depend x ON x.classid = 'pg_catalog.pg_rewrite'::regclass AND x.objid = r.oid
      AND x.refclassid = 'pg_catalog.pg_class'::regclass
    JOIN pg_catalog.pg_class rc ON rc.oid = x.refobjid AND rc.relkind IN ('v', 'm', 'f') AND rc.oid <> c.oid
    JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE r.ev_class = c.oid
    UNION ALL
    SELECT jsonb_build_array(pn.nspname, p.proname)
    FROM pg_catalog.pg_rewrite r
    JOIN pg_catalog.pg_depend x ON x.classid = 'pg_catalog.pg_rewrite'::regclass AND x.objid = r.oid
      AND x.refclassid = 'pg_catalog.pg_proc'::regclass
    JOIN pg_catalog.pg_proc p ON p.oid = x.refobjid
    JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace AND pn.nspname <> 'pg_catalog'
    WHERE r.ev_class = c.oid) deps)`

// pgViewsQuery lists the views and materialized views in scope (one
// query, one scan of pg_class) with their definitions as the server
// prints them (pg_get_viewdef, which reloads as is), their comments, what
// they read that must exist before them (pgViewDepends), the options of a
// view (check_option, security_barrier, security_invoker) and the indexes
// of a materialized view: name, CREATE INDEX as pg_get_indexdef prints it,
// and comment; the comments on a view's columns.
var pgViewsQuery = `
SELECT c.relkind::text, n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid, true), COALESCE(d.description, ''),
  ` + pgViewDepends + `, array_to_json(COALESCE(c.reloptions, '{}'))::text,
  CASE WHEN c.relkind = 'm' THEN (
    SELECT json_agg(json_build_array(ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), COALESCE(id.description, ''))
      ORDER BY ic.relname)
    FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
    LEFT JOIN pg_catalog.pg_description id
      ON id.objoid = i.indexrelid AND id.classoid = 'pg_catalog.pg_class'::regclass AND id.objsubid = 0
    WHERE i.indrelid = c.oid) END,
  CASE WHEN c.relkind = 'v' THEN (
    SELECT json_object_agg(a.attname, cd.description ORDER BY a.attname)
    FROM pg_catalog.pg_description cd JOIN pg_catalog.pg_attribute a ON a.attrelid = cd.objoid AND a.attnum = cd.objsubid
    WHERE cd.objoid = c.oid AND cd.classoid = 'pg_catalog.pg_class'::regclass AND cd.objsubid > 0) END,
  CASE WHEN c.relkind = 'v' THEN (
    SELECT json_object_agg(a.attname, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) ORDER BY a.attname)
    FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
    WHERE ad.adrelid = c.oid) END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.relname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_class", "c.oid") + `
ORDER BY n.nspname, c.relname`

// readViews adds the views in scope, and the materialized views with
// their indexes as definitions (readMatView).
func (st *pgState) readViews(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "views", pgViewsQuery, func(rows *sql.Rows) error {
		var (
			kind, schema, name, def, comment        string
			deps, indexes, colComments, colDefaults sql.NullString
			options                                 string
		)
		if err := rows.Scan(&kind, &schema, &name, &def, &comment, &deps, &options, &indexes, &colComments, &colDefaults); err != nil {
			return err
		}
		def = strings.TrimSuffix(strings.TrimSpace(def), ";")
		if kind == "m" {
			return st.readMatView(schema, name, def, comment, deps, indexes)
		}
		v := &model.View{Schema: st.scope.schemaOf(schema), Name: name, Definition: def, Comment: comment}
		if colComments.Valid {
			if err := json.Unmarshal([]byte(colComments.String), &v.ColumnComments); err != nil {
				return fmt.Errorf("comments on the columns of view %q: %w", name, err)
			}
		}
		if colDefaults.Valid {
			if err := json.Unmarshal([]byte(colDefaults.String), &v.ColumnDefaults); err != nil {
				return fmt.Errorf("defaults of the columns of view %q: %w", name, err)
			}
		}
		if err := pgViewOptions(v, options); err != nil {
			return fmt.Errorf("view %q: %w", name, err)
		}
		var err error
		if v.DependsOn, err = st.objectNames(deps); err != nil {
			return fmt.Errorf("view %q: %w", name, err)
		}
		st.md.Views = append(st.md.Views, v)
		return nil
	})
}

// readMatView adds a materialized view and its indexes as definitions:
// CREATE MATERIALIZED VIEW name AS the server's text of the query, and
// each index as pg_get_indexdef prints it (without the default schema,
// which it always writes), after its view.
func (st *pgState) readMatView(nspname, name, def, comment string, deps, indexes sql.NullString) error {
	schema := st.scope.schemaOf(nspname)
	qname, err := st.d.QuoteQualified(schema, name)
	if err != nil {
		return fmt.Errorf("materialized view %q: %w", name, err)
	}
	mv := &model.Definition{Kind: model.DefMaterializedView, Schema: schema, Name: name, Comment: comment,
		SQL: "CREATE MATERIALIZED VIEW " + qname + " AS\n" + def}
	if mv.DependsOn, err = st.objectNames(deps); err != nil {
		return fmt.Errorf("materialized view %q: %w", name, err)
	}
	st.md.Definitions = append(st.md.Definitions, mv)
	if !indexes.Valid {
		return nil
	}
	var ixs [][3]string
	if err := json.Unmarshal([]byte(indexes.String), &ixs); err != nil {
		return fmt.Errorf("materialized view %q: indexes: %w", name, err)
	}
	for _, ix := range ixs {
		st.md.Definitions = append(st.md.Definitions, &model.Definition{Kind: model.DefIndex, Schema: schema,
			Name: ix[0], Table: name, SQL: st.unqualifyTable(ix[1], nspname), Comment: ix[2],
			DependsOn: []model.ObjectName{{Schema: schema, Name: name}}})
	}
	return nil
}

// pgViewOptions sets a view's options from its reloptions, a JSON array
// of "name=value".
func pgViewOptions(v *model.View, reloptions string) error {
	var options []string
	if err := json.Unmarshal([]byte(reloptions), &options); err != nil {
		return fmt.Errorf("options: %w", err)
	}
	for _, o := range options {
		name, value, _ := strings.Cut(o, "=")
		on := false
		switch strings.ToLower(value) {
		case "true", "on", "yes", "1":
			on = true
		}
		switch strings.ToLower(name) {
		case "check_option":
			v.CheckOption = strings.ToLower(value)
		case "security_barrier":
			v.SecurityBarrier = on
		case "security_invoker":
			v.SecurityInvoker = on
		default:
			return fmt.Errorf("unknown view option %q", o)
		}
	}
	return nil
}
