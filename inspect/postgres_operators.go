package inspect

import (
	"context"
	"database/sql"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgOperatorsQuery lists the operators in scope that no extension owns,
// with what CREATE OPERATOR needs: the argument types (NONE for the left
// of a prefix operator), the function, the commutator and negator
// (OPERATOR(schema.symbol)), the selectivity functions, HASHES and
// MERGES, and the function's schema and name for the order of creation.
// Shell operators (named as a commutator, never defined) have no function
// and are left out.
// The globs on names do not apply: an operator is named by its symbol.
var pgOperatorsQuery = `
SELECT n.nspname, o.oprname,
  CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END,
  pg_catalog.format_type(o.oprright, NULL),
  o.oprcode::regproc::text, fn.nspname, f.proname,
  (SELECT 'OPERATOR(' || pg_catalog.quote_ident(cn.nspname) || '.' || c.oprname || ')'
     FROM pg_catalog.pg_operator c JOIN pg_catalog.pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprcom),
  (SELECT 'OPERATOR(' || pg_catalog.quote_ident(gn.nspname) || '.' || g.oprname || ')'
     FROM pg_catalog.pg_operator g JOIN pg_catalog.pg_namespace gn ON gn.oid = g.oprnamespace WHERE g.oid = o.oprnegate),
  CASE WHEN o.oprrest <> 0 THEN o.oprrest::regproc::text END,
  CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regproc::text END,
  o.oprcanhash, o.oprcanmerge, COALESCE(d.description, '')
FROM pg_catalog.pg_operator o
JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
JOIN pg_catalog.pg_proc f ON f.oid = o.oprcode
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = o.oid AND d.classoid = 'pg_catalog.pg_operator'::regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[])
  AND ` + pgNotExtensionMember("pg_catalog.pg_operator", "o.oid") + `
ORDER BY n.nspname, o.oprname, 3, 4`

// readOperators adds the operators in scope as definitions of kind
// operator (model.DefOperator), after the function each one calls
// (DependsOn). The function is written by its name, qualified where the
// search path would not find it (regproc): the argument types pick the
// overload.
func (st *pgState) readOperators(ctx context.Context, q dialect.Querier) error {
	return st.eachInSchemas(ctx, q, "operators", pgOperatorsQuery, func(rows *sql.Rows) error {
		var (
			schema, name, left, right, fn, fnSchema, fnName, comment string
			commutator, negator, restrict, join                      sql.NullString
			hashes, merges                                           bool
		)
		if err := rows.Scan(&schema, &name, &left, &right, &fn, &fnSchema, &fnName, &commutator, &negator,
			&restrict, &join, &hashes, &merges, &comment); err != nil {
			return err
		}
		s := st.scope.schemaOf(schema)
		head := name
		if s != "" {
			qs, err := st.d.QuoteIdent(s)
			if err != nil {
				return err
			}
			head = qs + "." + name
		}
		opts := []string{"FUNCTION = " + fn}
		if left != "NONE" {
			opts = append(opts, "LEFTARG = "+left)
		}
		opts = append(opts, "RIGHTARG = "+right)
		for _, o := range []struct {
			key string
			v   sql.NullString
		}{{"COMMUTATOR", commutator}, {"NEGATOR", negator}, {"RESTRICT", restrict}, {"JOIN", join}} {
			if o.v.Valid {
				opts = append(opts, o.key+" = "+o.v.String)
			}
		}
		if hashes {
			opts = append(opts, "HASHES")
		}
		if merges {
			opts = append(opts, "MERGES")
		}
		d := &model.Definition{
			Kind: model.DefOperator, Schema: s, Name: name, Signature: left + ", " + right, Comment: comment,
			SQL: "CREATE OPERATOR " + head + " (" + strings.Join(opts, ", ") + ")",
		}
		if fnSchema != "pg_catalog" {
			d.DependsOn = []model.ObjectName{{Schema: st.scope.schemaOf(fnSchema), Name: fnName}}
		}
		st.md.Definitions = append(st.md.Definitions, d)
		return nil
	})
}
