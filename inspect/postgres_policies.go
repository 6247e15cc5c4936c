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

// pgPoliciesQuery lists the row-level security policies of the tables in
// scope: whether permissive, the command, the roles (NULL for PUBLIC,
// which polroles holds as 0), the USING and WITH CHECK expressions, and
// the comment.
var pgPoliciesQuery = `
SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd::text,
  (SELECT json_agg(CASE WHEN r.oid = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(r.oid) END ORDER BY r.i)
    FROM unnest(p.polroles) WITH ORDINALITY AS r(oid, i)),
  pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid),
  COALESCE(pg_catalog.obj_description(p.oid, 'pg_policy'), '')
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ` + pgTableFilter + `
ORDER BY n.nspname, c.relname, p.polname`

// pgPolicyCommands maps polcmd to the command a policy applies to.
var pgPolicyCommands = map[string]string{"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}

// readPolicies adds the row-level security policies in scope as
// definitions: CREATE POLICY written from pg_policy (PostgreSQL keeps no
// text of it).
func (st *pgState) readPolicies(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "policies", pgPoliciesQuery, func(rows *sql.Rows) error {
		var (
			schema, table, name, cmd, comment string
			permissive                        bool
			roles, using, check               sql.NullString
		)
		if err := rows.Scan(&schema, &table, &name, &permissive, &cmd, &roles, &using, &check, &comment); err != nil {
			return err
		}
		schema = st.scope.schemaOf(schema)
		def, err := st.policySQL(schema, table, name, permissive, cmd, roles, using, check)
		if err != nil {
			return fmt.Errorf("policy %q on %q: %w", name, table, err)
		}
		st.md.Definitions = append(st.md.Definitions, &model.Definition{
			Kind: model.DefPolicy, Schema: schema, Name: name, Table: table, SQL: def, Comment: comment,
		})
		return nil
	})
}

// policySQL writes CREATE POLICY name ON table [AS RESTRICTIVE] FOR cmd
// TO roles [USING (…)] [WITH CHECK (…)].
func (st *pgState) policySQL(schema, table, name string, permissive bool, cmd string, roles, using, check sql.NullString) (string, error) {
	command, ok := pgPolicyCommands[cmd]
	if !ok {
		return "", fmt.Errorf("unexpected command %q", cmd)
	}
	qname, err := st.d.QuoteIdent(name)
	if err != nil {
		return "", err
	}
	qtable, err := st.d.QuoteQualified(schema, table)
	if err != nil {
		return "", err
	}
	var names []*string
	if roles.Valid {
		if err := json.Unmarshal([]byte(roles.String), &names); err != nil {
			return "", fmt.Errorf("roles: %w", err)
		}
	}
	to := make([]string, len(names))
	for i, r := range names {
		if r == nil {
			to[i] = "PUBLIC"
			continue
		}
		if to[i], err = st.d.QuoteIdent(*r); err != nil {
			return "", err
		}
	}
	if len(to) == 0 {
		to = []string{"PUBLIC"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE POLICY %s ON %s", qname, qtable)
	if !permissive {
		b.WriteString(" AS RESTRICTIVE")
	}
	fmt.Fprintf(&b, "\n  FOR %s TO %s", command, strings.Join(to, ", "))
	if using.Valid {
		fmt.Fprintf(&b, "\n  USING (%s)", using.String)
	}
	if check.Valid {
		fmt.Fprintf(&b, "\n  WITH CHECK (%s)", check.String)
	}
	return b.String(), nil
}
