package inspect

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgOptionList is the SQL that spells an options array (srvoptions,
// ftoptions, attfdwoptions: "name=value" items) as the body of OPTIONS
// (…): name 'value', … ; NULL for none.
func pgOptionList(options string) string {
	return `(SELECT string_agg(pg_catalog.quote_ident(o.option_name) || ' ' || pg_catalog.quote_literal(o.option_value), ', ')
      FROM pg_catalog.pg_options_to_table(` + options + `) o)`
}

// pgForeignQuery lists, in one query, the foreign servers and the foreign
// tables in scope, each with the text of its CREATE statement after the
// name (PostgreSQL keeps none): for a server, [TYPE] [VERSION] FOREIGN
// DATA WRAPPER and OPTIONS; for a table, its columns (type, OPTIONS,
// COLLATE, NOT NULL, DEFAULT), check constraints, SERVER and OPTIONS.
//
// Servers belong to the database, not to a schema: those in scope are the
// ones whose wrapper's handler or validator function lies in a schema in
// scope (the schema of postgres_fdw or file_fdw; the include and exclude
// globs apply to their names) and those a foreign table in scope uses,
// unless an extension made them. Wrappers come
// from extensions (CREATE EXTENSION postgres_fdw) and are not listed;
// neither are user mappings, which hold an account of one server and its
// password.
var pgForeignQuery = `
SELECT 'server', '', s.srvname, '',
  COALESCE(' TYPE ' || pg_catalog.quote_literal(s.srvtype), '') || COALESCE(' VERSION ' || pg_catalog.quote_literal(s.srvversion), '')
    || ' FOREIGN DATA WRAPPER ' || pg_catalog.quote_ident(w.fdwname)
    || COALESCE(' OPTIONS (' || ` + pgOptionList("s.srvoptions") + ` || ')', ''),
  COALESCE(d.description, '')
FROM pg_catalog.pg_foreign_server s
JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
LEFT JOIN pg_catalog.pg_proc h ON h.oid = w.fdwhandler
LEFT JOIN pg_catalog.pg_proc v ON v.oid = w.fdwvalidator
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = s.oid AND d.classoid = 'pg_catalog.pg_foreign_server'::regclass AND d.objsubid = 0
WHERE ((` + pgNameFilter("s.srvname") + `
    AND (h.pronamespace IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[]))
      OR v.pronamespace IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[]))))
  OR s.oid IN (SELECT ft.ftserver FROM pg_catalog.pg_foreign_table ft JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.relname") + `))
  AND ` + pgNotExtensionMember("pg_catalog.pg_foreign_server", "s.oid") + `
UNION ALL
SELECT 'table', n.nspname, c.relname, s.srvname,
  E' (\n    ' || COALESCE((SELECT string_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
      || COALESCE(' OPTIONS (' || ` + pgOptionList("a.attfdwoptions") + ` || ')', '')
      || CASE WHEN a.attcollation <> t.typcollation
        THEN ' COLLATE ' || pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) ELSE '' END
      || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
      || COALESCE(' DEFAULT ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), ''), E',\n    ' ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
    LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
    LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
    || COALESCE((SELECT E',\n    ' || string_agg('CONSTRAINT ' || pg_catalog.quote_ident(k.conname) || ' '
        || pg_catalog.pg_get_constraintdef(k.oid, true), E',\n    ' ORDER BY k.conname)
      FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c'), '')
    || E'\n) SERVER ' || pg_catalog.quote_ident(s.srvname)
    || COALESCE(' OPTIONS (' || ` + pgOptionList("ft.ftoptions") + ` || ')', ''),
  COALESCE(d.description, '')
FROM pg_catalog.pg_foreign_table ft
JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.relname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_class", "c.oid") + `
ORDER BY 1, 2, 3`

// readForeign adds the foreign servers and foreign tables in scope as
// definitions, each table depending on its server.
func (st *pgState) readForeign(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "foreign servers and tables", pgForeignQuery, func(rows *sql.Rows) error {
		var kind, nspname, name, server, rest, comment string
		if err := rows.Scan(&kind, &nspname, &name, &server, &rest, &comment); err != nil {
			return err
		}
		if kind == "server" {
			qname, err := st.d.QuoteIdent(name)
			if err != nil {
				return fmt.Errorf("foreign server %q: %w", name, err)
			}
			st.md.Definitions = append(st.md.Definitions, &model.Definition{
				Kind: model.DefForeignServer, Name: name, SQL: "CREATE SERVER " + qname + rest, Comment: comment,
			})
			return nil
		}
		schema := st.scope.schemaOf(nspname)
		qname, err := st.d.QuoteQualified(schema, name)
		if err != nil {
			return fmt.Errorf("foreign table %q: %w", name, err)
		}
		st.md.Definitions = append(st.md.Definitions, &model.Definition{
			Kind: model.DefForeignTable, Schema: schema, Name: name, SQL: "CREATE FOREIGN TABLE " + qname + rest,
			Comment: comment, DependsOn: []model.ObjectName{{Name: server}},
		})
		return nil
	})
}
