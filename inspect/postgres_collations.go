package inspect

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgCollationsQuery lists the collations in scope that no extension made,
// each with the body of its CREATE COLLATION (PostgreSQL keeps no text of
// it): the provider, the locale (lc_collate and lc_ctype when a libc
// collation's two differ), deterministic = false for a nondeterministic
// one and the ICU tailoring rules. The locale columns moved between
// versions (PostgreSQL 15 added colliculocale, 17 renamed it colllocale;
// before 15 an ICU collation's locale is collcollate): they are read
// through to_jsonb so that one query serves every version.
var pgCollationsQuery = `
SELECT n.nspname, c.collname,
  '(provider = ' || CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END
    || CASE
      WHEN c.collprovider IN ('i', 'b') THEN ', locale = ' || pg_catalog.quote_literal(
        COALESCE(j.c->>'colllocale', j.c->>'colliculocale', j.c->>'collcollate'))
      WHEN j.c->>'collcollate' IS NOT DISTINCT FROM j.c->>'collctype' THEN ', locale = ' || pg_catalog.quote_literal(j.c->>'collcollate')
      ELSE ', lc_collate = ' || pg_catalog.quote_literal(j.c->>'collcollate') || ', lc_ctype = ' || pg_catalog.quote_literal(j.c->>'collctype')
    END
    || CASE WHEN c.collisdeterministic THEN '' ELSE ', deterministic = false' END
    || COALESCE(', rules = ' || pg_catalog.quote_literal(j.c->>'collicurules'), '')
    || ')',
  COALESCE(d.description, '')
FROM pg_catalog.pg_collation c
CROSS JOIN LATERAL (SELECT pg_catalog.to_jsonb(c) AS c) j
JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_collation'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.collname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_collation", "c.oid") + `
ORDER BY n.nspname, c.collname`

// readCollations adds the collations in scope as definitions.
func (st *pgState) readCollations(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "collations", pgCollationsQuery, func(rows *sql.Rows) error {
		var nspname, name, body, comment string
		if err := rows.Scan(&nspname, &name, &body, &comment); err != nil {
			return err
		}
		schema := st.scope.schemaOf(nspname)
		qname, err := st.d.QuoteQualified(schema, name)
		if err != nil {
			return fmt.Errorf("collation %q: %w", name, err)
		}
		st.md.Definitions = append(st.md.Definitions, &model.Definition{
			Kind: model.DefCollation, Schema: schema, Name: name, SQL: "CREATE COLLATION " + qname + " " + body, Comment: comment,
		})
		return nil
	})
}
