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

// pgOpMembers lists, as a JSON array of [item, dependency schema,
// dependency name], the operators and support functions of the operator
// family or class whose OID is ref (catalog refClass) that pg_depend ties
// to it: the members of a class, or the loose members of a family. An item
// is spelled as CREATE OPERATOR CLASS and ALTER OPERATOR FAMILY … ADD take
// it: OPERATOR n op(left, right) [FOR ORDER BY family], FUNCTION n (left,
// right) f(args). Operators and functions print qualified where the search
// path would not find them (regoperator, regprocedure). The dependency is
// the operator's or function's schema and name when not in pg_catalog.
// The aliases inside differ from those of the queries that use it (f, fn,
// c, n), which ref names.
func pgOpMembers(refClass, ref string) string {
	return `(SELECT json_agg(m.item ORDER BY m.kind, m.num, m.item::text) FROM (
    SELECT 1 AS kind, o.amopstrategy AS num, json_build_array(
      'OPERATOR ' || o.amopstrategy || ' ' || o.amopopr::regoperator::text
        || CASE WHEN o.amoppurpose = 'o' THEN ' FOR ORDER BY ' || ` + pgQualifiedIn("sf.opfnamespace", "sf.opfname") + ` ELSE '' END,
      CASE WHEN opn.nspname <> 'pg_catalog' THEN opn.nspname END, op.oprname) AS item
    FROM pg_catalog.pg_depend x
    JOIN pg_catalog.pg_amop o ON o.oid = x.objid
    JOIN pg_catalog.pg_operator op ON op.oid = o.amopopr
    JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace
    LEFT JOIN pg_catalog.pg_opfamily sf ON sf.oid = o.amopsortfamily
    WHERE x.classid = 'pg_catalog.pg_amop'::regclass AND x.refclassid = '` + refClass + `'::regclass AND x.refobjid = ` + ref + `
    UNION ALL
    SELECT 2, p.amprocnum, json_build_array(
      'FUNCTION ' || p.amprocnum || ' (' || pg_catalog.format_type(p.amproclefttype, NULL) || ', '
        || pg_catalog.format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure::text,
      CASE WHEN mpn.nspname <> 'pg_catalog' THEN mpn.nspname END, mp.proname)
    FROM pg_catalog.pg_depend x
    JOIN pg_catalog.pg_amproc p ON p.oid = x.objid
    JOIN pg_catalog.pg_proc mp ON mp.oid = p.amproc
    JOIN pg_catalog.pg_namespace mpn ON mpn.oid = mp.pronamespace
    WHERE x.classid = 'pg_catalog.pg_amproc'::regclass AND x.refclassid = '` + refClass + `'::regclass AND x.refobjid = ` + ref + `) m)`
}

// pgOpClassesQuery lists the operator families and classes in scope that
// no extension made, families first (PostgreSQL keeps no text of either):
// the access method, for a class whether it is the default for its type,
// the type, its family and storage type, and the members of each
// (pgOpMembers: a class's own, a family's loose ones).
var pgOpClassesQuery = `
SELECT 'family', n.nspname, f.opfname, am.amname, false, NULL, NULL, NULL,
  ` + pgOpMembers("pg_catalog.pg_opfamily", "f.oid") + `, COALESCE(d.description, '')
FROM pg_catalog.pg_opfamily f
JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace
JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = f.oid AND d.classoid = 'pg_catalog.pg_opfamily'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("f.opfname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_opfamily", "f.oid") + `
UNION ALL
SELECT 'class', n.nspname, c.opcname, am.amname, c.opcdefault, pg_catalog.format_type(c.opcintype, NULL),
  json_build_array(fn.nspname, f.opfname, ` + pgQualifiedIn("f.opfnamespace", "f.opfname") + `),
  CASE WHEN c.opckeytype <> 0 THEN pg_catalog.format_type(c.opckeytype, NULL) END,
  ` + pgOpMembers("pg_catalog.pg_opclass", "c.oid") + `, COALESCE(d.description, '')
FROM pg_catalog.pg_opclass c
JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace
JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_opclass'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND ` + pgNameFilter("c.opcname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_opclass", "c.oid") + `
ORDER BY 1 DESC, 2, 3, 4`

// readOpClasses adds the operator families and classes in scope as
// definitions (model.DefOperatorFamily, model.DefOperatorClass), told
// apart by their access method (Signature). A family's SQL is its CREATE
// followed by one ALTER OPERATOR FAMILY … ADD per loose member; a class
// names its family (FAMILY), so that the reload needs no implicit one.
func (st *pgState) readOpClasses(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "operator classes", pgOpClassesQuery, func(rows *sql.Rows) error {
		var (
			kind, nspname, name, method, comment string
			isDefault                            bool
			typ, family, storage, members        sql.NullString
		)
		if err := rows.Scan(&kind, &nspname, &name, &method, &isDefault, &typ, &family, &storage, &members, &comment); err != nil {
			return err
		}
		schema := st.scope.schemaOf(nspname)
		qname, err := st.d.QuoteQualified(schema, name)
		if err != nil {
			return fmt.Errorf("operator %s %q: %w", kind, name, err)
		}
		def := &model.Definition{Schema: schema, Name: name, Signature: method, Comment: comment}
		var items []string
		if members.Valid {
			var ms [][3]*string
			if err := json.Unmarshal([]byte(members.String), &ms); err != nil {
				return fmt.Errorf("members of operator %s %q: %w", kind, name, err)
			}
			for _, m := range ms {
				items = append(items, *m[0])
				if m[1] != nil {
					def.DependsOn = append(def.DependsOn, model.ObjectName{Schema: st.scope.schemaOf(*m[1]), Name: *m[2]})
				}
			}
		}
		if kind == "family" {
			def.Kind = model.DefOperatorFamily
			var b strings.Builder
			b.WriteString("CREATE OPERATOR FAMILY " + qname + " USING " + method)
			for _, it := range items {
				b.WriteString(";\n" + model.OperatorFamilyAddPrefix + qname + " USING " + method + " ADD " + it)
			}
			def.SQL = b.String()
			st.md.Definitions = append(st.md.Definitions, def)
			return nil
		}
		def.Kind = model.DefOperatorClass
		var fam [3]string
		if err := json.Unmarshal([]byte(family.String), &fam); err != nil {
			return fmt.Errorf("family of operator class %q: %w", name, err)
		}
		def.DependsOn = append(def.DependsOn, model.ObjectName{Schema: st.scope.schemaOf(fam[0]), Name: fam[1]})
		if storage.Valid {
			items = append(items, "STORAGE "+storage.String)
		}
		head := "CREATE OPERATOR CLASS " + qname
		if isDefault {
			head += " DEFAULT"
		}
		def.SQL = head + " FOR TYPE " + typ.String + " USING " + method + " FAMILY " + fam[2] + " AS " + strings.Join(items, ", ")
		st.md.Definitions = append(st.md.Definitions, def)
		return nil
	})
}
