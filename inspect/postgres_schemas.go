package inspect

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgSchemasQuery lists the schemas in scope with their comments and, the
// same on every row, which kinds of objects they hold (pgPresent).
var pgSchemasQuery = `
WITH ns AS MATERIALIZED (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[]))
SELECT n.nspname, COALESCE(d.description, ''),
  EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relkind = 'S' AND c.relnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_type t WHERE t.typtype = 'e' AND t.typnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
    WHERE NOT tg.tgisinternal AND c.relnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
    WHERE r.rulename <> '_RETURN' AND c.relnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
    WHERE c.relnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid
    WHERE f.pronamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relkind = 'f' AND c.relnamespace IN (SELECT oid FROM ns))
    OR EXISTS (SELECT FROM pg_catalog.pg_foreign_server s
      JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
      LEFT JOIN pg_catalog.pg_proc h ON h.oid = w.fdwhandler
      LEFT JOIN pg_catalog.pg_proc v ON v.oid = w.fdwvalidator
      WHERE h.pronamespace IN (SELECT oid FROM ns) OR v.pronamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_operator o WHERE o.oprnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_collation co WHERE co.collnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_ts_config tc WHERE tc.cfgnamespace IN (SELECT oid FROM ns))
    OR EXISTS (SELECT FROM pg_catalog.pg_ts_dict td WHERE td.dictnamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_cast ca JOIN pg_catalog.pg_type ct ON ct.oid IN (ca.castsource, ca.casttarget)
    WHERE ca.oid >= 16384 AND ct.typnamespace IN (SELECT oid FROM ns))
    OR EXISTS (SELECT FROM pg_catalog.pg_cast ca JOIN pg_catalog.pg_proc cf ON cf.oid = ca.castfunc
      WHERE ca.oid >= 16384 AND cf.pronamespace IN (SELECT oid FROM ns)),
  EXISTS (SELECT FROM pg_catalog.pg_opfamily of WHERE of.opfnamespace IN (SELECT oid FROM ns))
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[])
ORDER BY n.nspname`

// readSchemas adds the schemas in scope other than the default one, which
// the model never lists, and notes which kinds they hold.
func (st *pgState) readSchemas(ctx context.Context, q dialect.Querier) error {
	return st.eachInSchemas(ctx, q, "schemas", pgSchemasQuery, func(rows *sql.Rows) error {
		var name, comment string
		p := &st.scope.present
		if err := rows.Scan(&name, &comment, &p.sequences, &p.enums, &p.triggers, &p.rules, &p.policies,
			&p.eventTriggers, &p.foreign, &p.operators, &p.collations, &p.textSearch, &p.casts, &p.opClasses); err != nil {
			return err
		}
		if st.scope.schemaOf(name) != "" {
			st.md.Schemas = append(st.md.Schemas, &model.Schema{Name: name, Comment: comment})
		}
		return nil
	})
}

// pgExtensionsQuery lists the extensions installed in the schemas in
// scope, in the order they were created, which satisfies the order they
// require each other in.
var pgExtensionsQuery = `
SELECT e.extname, n.nspname, e.extversion
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname = ANY($1::text[])
ORDER BY e.oid`

// readExtensions adds the extensions in scope.
func (st *pgState) readExtensions(ctx context.Context, q dialect.Querier) error {
	return st.eachInSchemas(ctx, q, "extensions", pgExtensionsQuery, func(rows *sql.Rows) error {
		var name, schema, version string
		if err := rows.Scan(&name, &schema, &version); err != nil {
			return err
		}
		st.md.Extensions = append(st.md.Extensions, &model.Extension{Name: name, Schema: st.scope.schemaOf(schema), Version: version})
		return nil
	})
}

// pgDomainsQuery lists the domains, composite and range types in scope in
// the order they were created, with, for a domain, the OID of the type it
// is over (the element type of an array). For
// a domain: its base type, NOT NULL, default, a collation other than the
// base type's, its check constraints and comment. For a composite type:
// its attributes, and for a range type its options, already spelled as
// the body of CREATE TYPE … AS (…) and CREATE TYPE … AS RANGE (…). The
// composite types of CREATE TYPE (not the row types of tables) are told
// by a semi-join on pg_class: a lookup per row type cost 3,000 catalog
// reads at 1,000 tables.
var pgDomainsQuery = `
SELECT t.typtype::text, t.oid::bigint, CASE WHEN bt.typcategory = 'A' THEN bt.typelem ELSE t.typbasetype END::bigint,
  n.nspname, t.typname, COALESCE(d.description, ''),
  pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
  CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN co.collname END,
  CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation AND co.collnamespace <> 'pg_catalog'::regnamespace THEN con.nspname END,
  CASE WHEN t.typtype = 'd' THEN (
    SELECT json_agg(json_build_array(k.conname, pg_catalog.pg_get_expr(k.conbin, 0)) ORDER BY k.conname)
    FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') END,
  CASE WHEN t.typtype = 'c' THEN (
    SELECT string_agg(pg_catalog.quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
      || CASE WHEN a.attcollation <> at.typcollation THEN ' COLLATE ' || ` + pgQualifiedIn("ac.collnamespace", "ac.collname") + ` ELSE '' END,
      ', ' ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_collation ac ON ac.oid = a.attcollation
    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
  WHEN t.typtype = 'r' THEN (
    SELECT 'SUBTYPE = ' || pg_catalog.format_type(r.rngsubtype, NULL)
      || CASE WHEN NOT oc.opcdefault THEN ', SUBTYPE_OPCLASS = ' || pg_catalog.quote_ident(ocn.nspname) || '.' || pg_catalog.quote_ident(oc.opcname) ELSE '' END
      || CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN ', COLLATION = ' || ` + pgQualifiedIn("rc.collnamespace", "rc.collname") + ` ELSE '' END
      || CASE WHEN r.rngcanonical <> 0 THEN ', CANONICAL = ' || r.rngcanonical::regproc::text ELSE '' END
      || CASE WHEN r.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || r.rngsubdiff::regproc::text ELSE '' END
    FROM pg_catalog.pg_range r
    JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
    JOIN pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc
    JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
    LEFT JOIN pg_catalog.pg_collation rc ON rc.oid = r.rngcollation
    WHERE r.rngtypid = t.oid) END
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0
WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c'
    AND t.typrelid IN (SELECT cc.oid FROM pg_catalog.pg_class cc WHERE cc.relkind = 'c')))
  AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("t.typname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_type", "t.oid") + `
ORDER BY t.oid`

// readDomains adds the domains in scope, and composite and range types as
// definitions of kind type. Domains come in a deterministic order, by
// schema and name, each after the domain it is over (pgOrderDomains): in
// OID order a reload could list them differently.
func (st *pgState) readDomains(ctx context.Context, q dialect.Querier) error {
	var domains []pgDomain
	err := st.each(ctx, q, "domains", pgDomainsQuery, func(rows *sql.Rows) error {
		var (
			kind, schema, name, comment, base string
			oid, baseOID                      int64
			notNull                           bool
			def, collation, collSchema        sql.NullString
			checks, attrs                     sql.NullString
		)
		if err := rows.Scan(&kind, &oid, &baseOID, &schema, &name, &comment, &base, &notNull, &def, &collation, &collSchema, &checks, &attrs); err != nil {
			return err
		}
		switch kind {
		case "c", "r":
			as := " AS ("
			if kind == "r" {
				as = " AS RANGE ("
			}
			st.md.Definitions = append(st.md.Definitions, &model.Definition{
				Kind: model.DefType, Schema: st.scope.schemaOf(schema), Name: name, Comment: comment,
				SQL: "CREATE TYPE " + st.qualifiedName(schema, name) + as + attrs.String + ")",
			})
			return nil
		}
		dom := &model.Domain{
			Schema: st.scope.schemaOf(schema), Name: name, Type: st.d.ParseType(base), NotNull: notNull,
			Collation: collation.String, Comment: comment,
		}
		if collSchema.Valid {
			dom.CollationSchema = st.scope.schemaOf(collSchema.String)
		}
		if def.Valid {
			dom.Default = pgDefault(def.String)
		}
		if checks.Valid {
			var pairs [][2]string
			if err := json.Unmarshal([]byte(checks.String), &pairs); err != nil {
				return fmt.Errorf("checks of domain %q: %w", name, err)
			}
			for _, p := range pairs {
				dom.Checks = append(dom.Checks, &model.Check{Name: p[0], Expr: pgStableExpr(p[1])})
			}
		}
		domains = append(domains, pgDomain{dom: dom, oid: oid, base: baseOID})
		return nil
	})
	if err != nil {
		return err
	}
	st.md.Domains = pgOrderDomains(domains)
	return nil
}

// pgDomain is a domain read, with its OID and the OID of the type it is
// over.
type pgDomain struct {
	dom       *model.Domain
	oid, base int64
}

// pgOrderDomains orders domains by schema and name, each after the domain
// it is over: the same order for the same domains, whatever order they
// were created in.
func pgOrderDomains(domains []pgDomain) []*model.Domain {
	slices.SortFunc(domains, func(a, b pgDomain) int {
		return cmp.Or(cmp.Compare(a.dom.Schema, b.dom.Schema), cmp.Compare(a.dom.Name, b.dom.Name))
	})
	byOID := map[int64]int{}
	for i, d := range domains {
		byOID[d.oid] = i
	}
	out := make([]*model.Domain, 0, len(domains))
	done := make([]bool, len(domains))
	var add func(i int)
	add = func(i int) {
		if done[i] {
			return
		}
		done[i] = true
		if j, ok := byOID[domains[i].base]; ok {
			add(j)
		}
		out = append(out, domains[i].dom)
	}
	for i := range domains {
		add(i)
	}
	return out
}

// qualifiedName spells schema.name for SQL the inspector writes itself:
// quoted by the dialect, without the schema when it is the default one.
func (st *pgState) qualifiedName(schema, name string) string {
	q, err := st.d.QuoteQualified(st.scope.schemaOf(schema), name)
	if err != nil {
		// Catalog names are never empty nor hold NUL; keep the name readable.
		return strings.TrimSpace(schema + "." + name)
	}
	return q
}
