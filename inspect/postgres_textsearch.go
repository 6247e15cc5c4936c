package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgQualifiedIn spells the name in SQL text of a catalog object whose
// schema OID is nspOID and whose name is name (both SQL expressions):
// quoted, and qualified with its schema unless that is pg_catalog or the
// current schema (the one whose objects the model names without a schema;
// regnamespace's text is quoted where needed). An object of another
// schema must keep its schema for the text to reload.
func pgQualifiedIn(nspOID, name string) string {
	return fmt.Sprintf(`CASE WHEN %[1]s = 'pg_catalog'::regnamespace `+
		`OR %[1]s = (SELECT cs.oid FROM pg_catalog.pg_namespace cs WHERE cs.nspname = pg_catalog.current_schema()) `+
		`THEN '' ELSE %[1]s::regnamespace::text || '.' END || pg_catalog.quote_ident(%[2]s)`, nspOID, name)
}

// pgTextSearchQuery lists the text search dictionaries and configurations
// in scope that no extension made (PostgreSQL keeps no text of them).
// For a dictionary: its template and options (dictinitoption, already
// spelled as CREATE TEXT SEARCH DICTIONARY takes them). For a
// configuration: its parser and, per token type in the parser's order,
// the alias and the dictionaries in the order they are tried, as JSON.
// The dictionaries of the same schemas come back as the configuration's
// dependencies (schema, name), so that they are created first.
var pgTextSearchQuery = `
SELECT 'dictionary', n.nspname, x.dictname,
  'TEMPLATE = ' || ` + pgQualifiedIn("t.tmplnamespace", "t.tmplname") + ` || COALESCE(', ' || x.dictinitoption, ''),
  NULL::json, NULL::json, COALESCE(d.description, '')
FROM pg_catalog.pg_ts_dict x
JOIN pg_catalog.pg_namespace n ON n.oid = x.dictnamespace
JOIN pg_catalog.pg_ts_template t ON t.oid = x.dicttemplate
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = x.oid AND d.classoid = 'pg_catalog.pg_ts_dict'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("x.dictname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_ts_dict", "x.oid") + `
UNION ALL
SELECT 'configuration', n.nspname, c.cfgname,
  'PARSER = ' || ` + pgQualifiedIn("p.prsnamespace", "p.prsname") + `,
  (SELECT json_agg(json_build_array(tt.alias, m.dicts) ORDER BY tt.tokid)
    FROM (SELECT mm.maptokentype, string_agg(` + pgQualifiedIn("md.dictnamespace", "md.dictname") + `, ', ' ORDER BY mm.mapseqno) AS dicts
      FROM pg_catalog.pg_ts_config_map mm JOIN pg_catalog.pg_ts_dict md ON md.oid = mm.mapdict
      WHERE mm.mapcfg = c.oid GROUP BY mm.maptokentype) m
    JOIN pg_catalog.ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype),
  (SELECT json_agg(DISTINCT jsonb_build_array(dn.nspname, dd.dictname))
    FROM pg_catalog.pg_ts_config_map dm JOIN pg_catalog.pg_ts_dict dd ON dd.oid = dm.mapdict
    JOIN pg_catalog.pg_namespace dn ON dn.oid = dd.dictnamespace
    WHERE dm.mapcfg = c.oid AND dn.nspname = ANY($1::text[])),
  COALESCE(d.description, '')
FROM pg_catalog.pg_ts_config c
JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_ts_config'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.cfgname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_ts_config", "c.oid") + `
ORDER BY 1 DESC, 2, 3`

// readTextSearch adds the text search dictionaries and configurations in
// scope as definitions (model.DefTextSearchDictionary,
// model.DefTextSearchConfiguration). A configuration's SQL is its CREATE
// followed by one ADD MAPPING per token type (see
// model.DefTextSearchConfiguration).
func (st *pgState) readTextSearch(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "text search objects", pgTextSearchQuery, func(rows *sql.Rows) error {
		var (
			kind, nspname, name, options, comment string
			mappings, deps                        sql.NullString
		)
		if err := rows.Scan(&kind, &nspname, &name, &options, &mappings, &deps, &comment); err != nil {
			return err
		}
		schema := st.scope.schemaOf(nspname)
		qname, err := st.d.QuoteQualified(schema, name)
		if err != nil {
			return fmt.Errorf("text search %s %q: %w", kind, name, err)
		}
		def := &model.Definition{Schema: schema, Name: name, Comment: comment}
		if kind == "dictionary" {
			def.Kind = model.DefTextSearchDictionary
			def.SQL = "CREATE TEXT SEARCH DICTIONARY " + qname + " (" + options + ")"
			st.md.Definitions = append(st.md.Definitions, def)
			return nil
		}
		def.Kind = model.DefTextSearchConfiguration
		var b strings.Builder
		b.WriteString("CREATE TEXT SEARCH CONFIGURATION " + qname + " (" + options + ")")
		if mappings.Valid {
			var maps [][2]string
			if err := json.Unmarshal([]byte(mappings.String), &maps); err != nil {
				return fmt.Errorf("mappings of text search configuration %q: %w", name, err)
			}
			for _, m := range maps {
				b.WriteString(";\n" + model.TextSearchMappingPrefix + qname + " ADD MAPPING FOR " + m[0] + " WITH " + m[1])
			}
		}
		def.SQL = b.String()
		if deps.Valid {
			var pairs [][2]string
			if err := json.Unmarshal([]byte(deps.String), &pairs); err != nil {
				return fmt.Errorf("dictionaries of text search configuration %q: %w", name, err)
			}
			for _, p := range pairs {
				def.DependsOn = append(def.DependsOn, model.ObjectName{Schema: st.scope.schemaOf(p[0]), Name: p[1]})
			}
		}
		st.md.Definitions = append(st.md.Definitions, def)
		return nil
	})
}
