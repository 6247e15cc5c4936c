package inspect

import (
	"context"
	"database/sql"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgCastsQuery lists the casts that no extension made, that are not
// built in (an OID from FirstNormalObjectId, 16384, on) and that are not
// part of another object (the cast of a range type to its multirange,
// which CREATE TYPE … AS RANGE makes), between types of
// which one is in a schema in scope or made with a function of one: the
// source and target types as format_type prints them, how the cast
// converts (WITH FUNCTION f(args), WITH INOUT, WITHOUT FUNCTION) and where
// it applies (AS IMPLICIT, AS ASSIGNMENT), and the function's schema and
// name for the order of creation.
var pgCastsQuery = `
SELECT pg_catalog.format_type(c.castsource, NULL) || ' AS ' || pg_catalog.format_type(c.casttarget, NULL),
  CASE c.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text
    WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END
    || CASE c.castcontext WHEN 'i' THEN ' AS IMPLICIT' WHEN 'a' THEN ' AS ASSIGNMENT' ELSE '' END,
  fn.nspname, f.proname, COALESCE(d.description, '')
FROM pg_catalog.pg_cast c
JOIN pg_catalog.pg_type st ON st.oid = c.castsource
JOIN pg_catalog.pg_type tt ON tt.oid = c.casttarget
LEFT JOIN pg_catalog.pg_proc f ON f.oid = c.castfunc
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_cast'::regclass AND d.objsubid = 0
WHERE c.oid >= 16384
  AND (st.typnamespace IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[]))
    OR tt.typnamespace IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[]))
    OR fn.nspname = ANY($1::text[]))
  AND ` + pgNotExtensionMember("pg_catalog.pg_cast", "c.oid") + `
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
    WHERE i.classid = 'pg_catalog.pg_cast'::regclass AND i.objid = c.oid AND i.deptype = 'i')
ORDER BY 1`

// readCasts adds the casts in scope as definitions of kind cast
// (model.DefCast), named "source AS target", after the function a cast
// calls (DependsOn).
func (st *pgState) readCasts(ctx context.Context, q dialect.Querier) error {
	return st.eachInSchemas(ctx, q, "casts", pgCastsQuery, func(rows *sql.Rows) error {
		var (
			name, how, comment string
			fnSchema, fnName   sql.NullString
		)
		if err := rows.Scan(&name, &how, &fnSchema, &fnName, &comment); err != nil {
			return err
		}
		d := &model.Definition{Kind: model.DefCast, Name: name, Comment: comment, SQL: "CREATE CAST (" + name + ") " + how}
		if fnSchema.Valid && fnSchema.String != "pg_catalog" {
			d.DependsOn = []model.ObjectName{{Schema: st.scope.schemaOf(fnSchema.String), Name: fnName.String}}
		}
		st.md.Definitions = append(st.md.Definitions, d)
		return nil
	})
}
