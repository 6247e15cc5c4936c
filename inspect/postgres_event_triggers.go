package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// pgEventTriggersQuery lists the event triggers whose function lies in a
// schema in scope (event triggers belong to the database, not to a
// schema), with their event, tag filter and comment.
var pgEventTriggersQuery = `
SELECT e.evtname, e.evtevent, array_to_json(e.evttags)::text, fn.nspname, f.proname,
  COALESCE(d.description, ''), e.evtenabled::text
FROM pg_catalog.pg_event_trigger e
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = e.oid AND d.classoid = 'pg_catalog.pg_event_trigger'::regclass AND d.objsubid = 0
JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
WHERE fn.nspname = ANY($1::text[]) AND ` + pgNameFilter("e.evtname") + `
  AND ` + pgNotExtensionMember("pg_catalog.pg_event_trigger", "e.oid") + `
ORDER BY e.evtname`

// readEventTriggers adds the event triggers in scope as definitions:
// CREATE EVENT TRIGGER written from the catalog (PostgreSQL keeps no text
// of it). Whether the trigger is disabled or enabled for replicas only
// (ALTER EVENT TRIGGER) is its firing state.
func (st *pgState) readEventTriggers(ctx context.Context, q dialect.Querier) error {
	return st.each(ctx, q, "event triggers", pgEventTriggersQuery, func(rows *sql.Rows) error {
		var name, event, fnSchema, fn, comment, enabled string
		var tags sql.NullString
		if err := rows.Scan(&name, &event, &tags, &fnSchema, &fn, &comment, &enabled); err != nil {
			return err
		}
		firing, err := pgFiring(enabled)
		if err != nil {
			return fmt.Errorf("event trigger %q: %w", name, err)
		}
		def, err := st.eventTriggerSQL(name, event, tags, st.scope.schemaOf(fnSchema), fn)
		if err != nil {
			return fmt.Errorf("event trigger %q: %w", name, err)
		}
		st.md.Definitions = append(st.md.Definitions, &model.Definition{
			Kind: model.DefEventTrigger, Name: name, SQL: def, Comment: comment, Firing: firing,
			DependsOn: []model.ObjectName{{Schema: st.scope.schemaOf(fnSchema), Name: fn}},
		})
		return nil
	})
}

// pgEventName matches the events an event trigger fires on
// (ddl_command_start, sql_drop, …), which are words, not identifiers.
var pgEventName = regexp.MustCompile(`^[a-z_]+$`)

// eventTriggerSQL writes CREATE EVENT TRIGGER name ON event [WHEN TAG IN
// (…)] EXECUTE FUNCTION schema.fn().
func (st *pgState) eventTriggerSQL(name, event string, tags sql.NullString, fnSchema, fn string) (string, error) {
	if !pgEventName.MatchString(event) {
		return "", fmt.Errorf("unexpected event %q", event)
	}
	qname, err := st.d.QuoteIdent(name)
	if err != nil {
		return "", err
	}
	qfn, err := st.d.QuoteQualified(fnSchema, fn)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE EVENT TRIGGER %s ON %s", qname, event)
	var list []string
	if tags.Valid {
		if err := json.Unmarshal([]byte(tags.String), &list); err != nil {
			return "", fmt.Errorf("tags: %w", err)
		}
	}
	for i, tag := range list {
		lit, err := st.d.Literal(tag)
		if err != nil {
			return "", err
		}
		if i == 0 {
			b.WriteString("\n  WHEN TAG IN (")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(lit)
	}
	if len(list) > 0 {
		b.WriteString(")")
	}
	fmt.Fprintf(&b, "\n  EXECUTE FUNCTION %s()", qfn)
	return b.String(), nil
}
