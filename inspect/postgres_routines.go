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

// pgFunctionsQuery lists the functions, procedures and aggregates in scope
// that no extension owns and that are not part of another object (the
// constructors of a range type). Functions and procedures come as
// pg_get_functiondef prints them; an aggregate's CREATE AGGREGATE is put
// together from pg_aggregate (after its name: the argument list, * for
// an aggregate without arguments, and options). deps lists what the routine needs, from pg_depend: tables and
// views (also through their row types, and domains over those), the
// domains of the schemas in scope, and other routines. needed tells
// whether a column default, a constraint or an index calls it. checked
// tells that the server checks the body when the function is created: a
// SQL-language body given as a string.
var pgFunctionsQuery = `
SELECT n.nspname, p.proname, p.prokind::text, l.lanname,
  pg_catalog.pg_get_function_identity_arguments(p.oid),
  CASE WHEN p.prokind IN ('f', 'p') THEN pg_catalog.pg_get_functiondef(p.oid) END,
  CASE WHEN p.prokind = 'a' THEN
    '(' || COALESCE(NULLIF(pg_catalog.pg_get_function_arguments(p.oid), ''), '*') || ') (SFUNC = ' || a.aggtransfn::regproc::text
    || ', STYPE = ' || pg_catalog.format_type(a.aggtranstype, NULL)
    || CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END
    || CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END
    || CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || pg_catalog.quote_literal(a.agginitval) ELSE '' END
    || COALESCE((SELECT ', SORTOP = ' || CASE WHEN opn.nspname = 'pg_catalog' THEN o.oprname
         ELSE 'OPERATOR(' || pg_catalog.quote_ident(opn.nspname) || '.' || o.oprname || ')' END
       FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace opn ON opn.oid = o.oprnamespace
       WHERE o.oid = a.aggsortop), '')
    || ')' END,
  COALESCE(d.description, ''),
  (SELECT jsonb_agg(DISTINCT dep) FROM (
    SELECT jsonb_build_array(rn.nspname, rc.relname) AS dep
    FROM pg_catalog.pg_depend x
    LEFT JOIN pg_catalog.pg_type rt ON x.refclassid = 'pg_catalog.pg_type'::regclass AND rt.oid = x.refobjid
    LEFT JOIN pg_catalog.pg_type rb ON rb.oid = rt.typbasetype
    JOIN pg_catalog.pg_class rc ON rc.oid = CASE WHEN x.refclassid = 'pg_catalog.pg_class'::regclass THEN x.refobjid
      WHEN rt.typtype = 'd' THEN rb.typrelid ELSE rt.typrelid END
    JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid AND x.deptype = 'n' AND rc.relkind IN ('r', 'p', 'v')
    UNION ALL
    SELECT jsonb_build_array(rpn.nspname, rp.proname)
    FROM pg_catalog.pg_depend x
    JOIN pg_catalog.pg_proc rp ON rp.oid = x.refobjid
    JOIN pg_catalog.pg_namespace rpn ON rpn.oid = rp.pronamespace
    WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid AND x.deptype = 'n'
      AND x.refclassid = 'pg_catalog.pg_proc'::regclass AND rp.oid <> p.oid AND rpn.nspname <> 'pg_catalog'
    UNION ALL
    SELECT jsonb_build_array(dn.nspname, dt.typname)
    FROM pg_catalog.pg_depend x
    JOIN pg_catalog.pg_type dt ON dt.oid = x.refobjid AND dt.typtype = 'd'
    JOIN pg_catalog.pg_namespace dn ON dn.oid = dt.typnamespace
    WHERE x.classid = 'pg_catalog.pg_proc'::regclass AND x.objid = p.oid AND x.deptype = 'n'
      AND x.refclassid = 'pg_catalog.pg_type'::regclass AND dn.nspname = ANY($1::text[])) deps),
  EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
    WHERE x.refclassid = 'pg_catalog.pg_proc'::regclass AND x.refobjid = p.oid
      AND (x.classid IN ('pg_catalog.pg_attrdef'::regclass, 'pg_catalog.pg_constraint'::regclass)
        OR (x.classid = 'pg_catalog.pg_class'::regclass
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_index xi WHERE xi.indexrelid = x.objid)))),
  l.lanname = 'sql' AND (pg_catalog.to_jsonb(p) ->> 'prosqlbody') IS NULL
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::regclass AND d.objsubid = 0
WHERE p.prokind IN ('f', 'p', 'a') AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("p.proname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_proc", "p.oid") + `
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
    WHERE i.classid = 'pg_catalog.pg_proc'::regclass AND i.objid = p.oid AND i.deptype = 'i')
ORDER BY n.nspname, p.proname, 5`

// pgRoutineKinds maps prokind to definition kinds.
var pgRoutineKinds = map[string]model.DefinitionKind{
	"f": model.DefFunction,
	"p": model.DefProcedure,
	"a": model.DefAggregate,
}

// readFunctions adds functions, procedures and aggregates as definitions.
// The schema that pg_get_functiondef always writes before the name is
// left out for the default schema, like every other default-schema name
// of the model. A function whose body the server checks on creation (a
// SQL-language string body) also depends on the tables and views its body
// names, unless a table needs the function itself (then it is created
// before the tables, as pg_dump would with check_function_bodies off).
func (st *pgState) readFunctions(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "functions", pgFunctionsQuery, func(rows *sql.Rows) error {
		var (
			schema, name, prokind, lang, sig, comment string
			def, aggregate, deps                      sql.NullString
			needed, bodyChecked                       bool
		)
		if err := rows.Scan(&schema, &name, &prokind, &lang, &sig, &def, &aggregate, &comment, &deps, &needed, &bodyChecked); err != nil {
			return err
		}
		kind := pgRoutineKinds[prokind]
		d := &model.Definition{Kind: kind, Schema: st.scope.schemaOf(schema), Name: name, Signature: sig, Comment: comment}
		switch {
		case aggregate.Valid:
			d.SQL = "CREATE AGGREGATE " + st.qualifiedName(schema, name) + aggregate.String
		case def.Valid:
			d.Language = lang
			d.SQL = strings.TrimSpace(st.unqualifyHeader(def.String, kind, schema))
		default:
			return fmt.Errorf("%s %s.%s(%s) has no definition", kind, schema, name, sig)
		}
		var err error
		if d.DependsOn, err = st.objectNames(deps); err != nil {
			return fmt.Errorf("%s: %w", d.Identity(), err)
		}
		if bodyChecked && !needed {
			st.bodyChecked = append(st.bodyChecked, d)
		}
		st.md.Definitions = append(st.md.Definitions, d)
		return nil
	})
}

// resolveBodies adds to each function of defs the tables and views of the
// whole model (every step's, merged into st) that its body names: the
// functions are read at the same time as the tables and views, into a
// state of their own.
func (st *pgState) resolveBodies(defs []*model.Definition) {
	for _, d := range defs {
		d.DependsOn = append(d.DependsOn, st.relationsNamed(d.SQL, d.DependsOn)...)
	}
}

// unqualifyHeader removes the default schema from the name in
// pg_get_functiondef's first line ("CREATE OR REPLACE FUNCTION public.f(").
func (st *pgState) unqualifyHeader(def string, kind model.DefinitionKind, schema string) string {
	if st.scope.schemaOf(schema) != "" {
		return def
	}
	q, err := st.d.QuoteIdent(schema)
	if err != nil {
		return def
	}
	head := "CREATE OR REPLACE " + strings.ToUpper(string(kind)) + " "
	for _, s := range []string{q, schema} { // quote_ident leaves plain names bare
		if strings.HasPrefix(def, head+s+".") {
			return head + def[len(head+s+"."):]
		}
	}
	return def
}

// unqualifyTable removes the default schema from the relation name that
// pg_get_triggerdef and pg_get_indexdef always qualify ("… ON
// public.users FOR EACH ROW …"), so that a trigger or index reads back as
// it is declared in the model.
func (st *pgState) unqualifyTable(def, schema string) string {
	if st.scope.schemaOf(schema) != "" {
		return def
	}
	q, err := st.d.QuoteIdent(schema)
	if err != nil {
		return def
	}
	for _, s := range []string{q, schema} { // quote_ident leaves plain names bare
		if i := strings.Index(def, " ON "+s+"."); i >= 0 {
			return def[:i] + " ON " + def[i+len(" ON "+s+"."):]
		}
	}
	return def
}

// objectNames reads a JSON list of [schema, name] pairs into model names.
func (st *pgState) objectNames(list sql.NullString) ([]model.ObjectName, error) {
	if !list.Valid {
		return nil, nil
	}
	var pairs [][2]string
	if err := json.Unmarshal([]byte(list.String), &pairs); err != nil {
		return nil, fmt.Errorf("dependencies: %w", err)
	}
	out := make([]model.ObjectName, len(pairs))
	for i, p := range pairs {
		out[i] = model.ObjectName{Schema: st.scope.schemaOf(p[0]), Name: p[1]}
	}
	return out, nil
}

// relationsNamed returns the tables and views of the model whose names
// appear as words in a routine's text, and are not in have already. A
// false match only delays the routine until after the tables. '$' ends a
// word: pg_get_functiondef glues the body to its $function$ quotes.
func (st *pgState) relationsNamed(text string, have []model.ObjectName) []model.ObjectName {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		words[w] = true
	}
	seen := map[model.ObjectName]bool{}
	for _, n := range have {
		seen[n] = true
	}
	var out []model.ObjectName
	add := func(schema, name string) {
		n := model.ObjectName{Schema: schema, Name: name}
		if words[strings.ToLower(name)] && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, t := range st.md.Tables {
		add(t.Schema, t.Name)
	}
	for _, v := range st.md.Views {
		add(v.Schema, v.Name)
	}
	return out
}

// pgTriggersQuery lists the triggers of the tables, views and foreign
// tables in scope as pg_get_triggerdef prints them, leaving out internal
// triggers (foreign keys) and those PostgreSQL clones onto partitions (tgparentid, read
// through to_jsonb so that PostgreSQL 12, which lacks it, is served too),
// with their firing state (tgenabled), which the printed text leaves out.
var pgTriggersQuery = `
SELECT n.nspname, c.relname, tg.tgname, pg_catalog.pg_get_triggerdef(tg.oid), COALESCE(d.description, ''),
  fn.nspname, f.proname, tg.tgenabled::text
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc f ON f.oid = tg.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = tg.oid AND d.classoid = 'pg_catalog.pg_trigger'::regclass AND d.objsubid = 0
WHERE NOT tg.tgisinternal AND COALESCE((pg_catalog.to_jsonb(tg) ->> 'tgparentid')::oid, 0) = 0
  AND c.relkind IN ('r', 'p', 'v', 'f') AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.relname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_class", "c.oid") + `
ORDER BY n.nspname, c.relname, tg.tgname`

// readTriggers adds the triggers in scope as definitions.
func (st *pgState) readTriggers(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "triggers", pgTriggersQuery, func(rows *sql.Rows) error {
		var schema, table, name, def, comment, fnSchema, fn, enabled string
		if err := rows.Scan(&schema, &table, &name, &def, &comment, &fnSchema, &fn, &enabled); err != nil {
			return err
		}
		firing, err := pgFiring(enabled)
		if err != nil {
			return fmt.Errorf("trigger %q on %q: %w", name, table, err)
		}
		st.md.Definitions = append(st.md.Definitions, &model.Definition{
			Kind: model.DefTrigger, Schema: st.scope.schemaOf(schema), Name: name, Table: table,
			SQL: st.unqualifyTable(def, schema), Comment: comment, Firing: firing,
			DependsOn: []model.ObjectName{{Schema: st.scope.schemaOf(fnSchema), Name: fn}},
		})
		return nil
	})
}

// pgFiring maps tgenabled and evtenabled to a firing state: O (on in
// ordinary sessions) is the default.
func pgFiring(code string) (model.Firing, error) {
	switch code {
	case "O":
		return "", nil
	case "D":
		return model.FiringDisabled, nil
	case "R":
		return model.FiringReplica, nil
	case "A":
		return model.FiringAlways, nil
	}
	return "", fmt.Errorf("unknown firing state %q", code)
}

// pgRulesQuery lists the rewrite rules of the tables and views in scope,
// other than the _RETURN rule that makes a view.
var pgRulesQuery = `
SELECT n.nspname, c.relname, r.rulename, pg_catalog.pg_get_ruledef(r.oid), COALESCE(d.description, '')
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = r.oid AND d.classoid = 'pg_catalog.pg_rewrite'::regclass AND d.objsubid = 0
WHERE r.rulename <> '_RETURN' AND c.relkind IN ('r', 'p', 'v')
  AND n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.relname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_class", "c.oid") + `
ORDER BY n.nspname, c.relname, r.rulename`

// readRules adds the rules in scope as definitions.
func (st *pgState) readRules(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "rules", pgRulesQuery, func(rows *sql.Rows) error {
		var schema, table, name, def, comment string
		if err := rows.Scan(&schema, &table, &name, &def, &comment); err != nil {
			return err
		}
		st.md.Definitions = append(st.md.Definitions, &model.Definition{
			Kind: model.DefRule, Schema: st.scope.schemaOf(schema), Name: name, Table: table,
			SQL: strings.TrimSuffix(strings.TrimSpace(def), ";"), Comment: comment,
		})
		return nil
	})
}
