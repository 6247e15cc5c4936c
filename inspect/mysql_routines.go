package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/migratego/migrate/model"
)

// MySQL and MariaDB keep stored functions, procedures, triggers and events
// in information_schema (ROUTINES and PARAMETERS, TRIGGERS, EVENTS). The
// inspector reads them with one query each and writes each one's CREATE
// statement from the catalog columns, as SHOW CREATE would print it but
// without the DEFINER clause: a definer is an account of one server, and a
// schema reloaded on another server, where that account does not exist,
// must not fail on it (nor silently run as someone else's account when
// SQL SECURITY DEFINER). The object is then created with the loading
// account as its definer. SQL SECURITY INVOKER is kept. The sql_mode an
// object was created under (SQL_MODE) is kept when it is not the
// inspecting session's: its body runs under it (|| concatenates under
// PIPES_AS_CONCAT), and the dialect sets it around the CREATE statement.

// mysqlRoutine is a stored function or procedure being read.
type mysqlRoutine struct {
	schema, name, kind  string
	returns             string
	returnsCS           mysqlCharset
	body, deterministic string
	access, security    string
	comment, sqlMode    string
	params              []string
}

// readRoutines reads stored functions and procedures with their parameters.
func (st *mysqlState) readRoutines(ctx context.Context) error {
	where, args := st.filter("ROUTINE_SCHEMA", "ROUTINE_NAME")
	q := `SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, COALESCE(DTD_IDENTIFIER, ''),
	COALESCE(r.CHARACTER_SET_NAME, ''), COALESCE(r.COLLATION_NAME, ''), COALESCE(cs.DEFAULT_COLLATE_NAME, ''),
	ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT, SQL_MODE
FROM information_schema.ROUTINES r
LEFT JOIN information_schema.CHARACTER_SETS cs ON cs.CHARACTER_SET_NAME = r.CHARACTER_SET_NAME
WHERE ` + where + `
ORDER BY ROUTINE_SCHEMA, ROUTINE_TYPE, ROUTINE_NAME`
	byKey := map[[3]string]*mysqlRoutine{}
	var order []*mysqlRoutine
	err := st.query(ctx, "routines", q, args, func(rows *sql.Rows) error {
		r := &mysqlRoutine{}
		var body sql.NullString
		if err := rows.Scan(&r.schema, &r.name, &r.kind, &r.returns, &r.returnsCS.name, &r.returnsCS.collation, &r.returnsCS.defaultCollation, &body,
			&r.deterministic, &r.access, &r.security, &r.comment, &r.sqlMode); err != nil {
			return err
		}
		if !body.Valid {
			return fmt.Errorf("%s %s.%s: its body is hidden from this account; inspect with an account that may see it (the definer, or one with the SHOW ROUTINE privilege)",
				strings.ToLower(r.kind), r.schema, r.name)
		}
		r.body = body.String
		byKey[[3]string{r.schema, r.kind, r.name}] = r
		order = append(order, r)
		return nil
	})
	if err != nil || len(order) == 0 {
		return err
	}
	where, args = st.filter("SPECIFIC_SCHEMA", "SPECIFIC_NAME")
	q = `SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, COALESCE(PARAMETER_MODE, ''), PARAMETER_NAME, DTD_IDENTIFIER,
	COALESCE(p.CHARACTER_SET_NAME, ''), COALESCE(p.COLLATION_NAME, ''), COALESCE(cs.DEFAULT_COLLATE_NAME, '')
FROM information_schema.PARAMETERS p
LEFT JOIN information_schema.CHARACTER_SETS cs ON cs.CHARACTER_SET_NAME = p.CHARACTER_SET_NAME
WHERE ORDINAL_POSITION > 0 AND ` + where + `
ORDER BY SPECIFIC_SCHEMA, ROUTINE_TYPE, SPECIFIC_NAME, ORDINAL_POSITION`
	err = st.query(ctx, "routine parameters", q, args, func(rows *sql.Rows) error {
		var schema, name, kind, mode, pname, typ string
		var cs mysqlCharset
		if err := rows.Scan(&schema, &name, &kind, &mode, &pname, &typ, &cs.name, &cs.collation, &cs.defaultCollation); err != nil {
			return err
		}
		r := byKey[[3]string{schema, kind, name}]
		if r == nil {
			return nil
		}
		qn, err := st.in.d.QuoteIdent(pname)
		if err != nil {
			return err
		}
		p := qn + " " + st.withCharset(schema, typ, cs)
		if kind == "PROCEDURE" && mode != "" {
			p = mode + " " + p
		}
		r.params = append(r.params, p)
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range order {
		def, err := st.routineDefinition(r)
		if err != nil {
			return fmt.Errorf("inspect mysql: %s %s.%s: %w", strings.ToLower(r.kind), r.schema, r.name, err)
		}
		st.routines = append(st.routines, def)
	}
	return nil
}

// mysqlCharset is the character set and collation of a routine's string
// parameter or result, as the catalog gives them, and the character set's
// default collation.
type mysqlCharset struct {
	name, collation, defaultCollation string
}

// withCharset appends to a string type of a routine in schema the
// character set and collation the server gave it, which the catalog's
// DTD_IDENTIFIER leaves out, in the fewest words that give them back:
// none when they are the schema's defaults (what a parameter declared
// without them gets, so that a routine written so reads back as written),
// CHARSET alone when the collation is the character set's default (what
// CHARSET alone gives), CHARSET and COLLATE otherwise.
func (st *mysqlState) withCharset(schema, typ string, cs mysqlCharset) string {
	switch {
	case cs.name == "":
		return typ
	case cs.collation != "" && strings.EqualFold(cs.collation, st.schemaCollation[schema]):
		return typ
	case cs.collation == "" || strings.EqualFold(cs.collation, cs.defaultCollation):
		return typ + " CHARSET " + cs.name
	}
	return typ + " CHARSET " + cs.name + " COLLATE " + cs.collation
}

// routineDefinition writes CREATE FUNCTION or CREATE PROCEDURE.
func (st *mysqlState) routineDefinition(r *mysqlRoutine) (*model.Definition, error) {
	schema := st.schemaName(r.schema)
	name, err := st.in.d.QuoteQualified(schema, r.name)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE %s %s(%s)", r.kind, name, strings.Join(r.params, ", "))
	kind := model.DefProcedure
	if r.kind == "FUNCTION" {
		kind = model.DefFunction
		fmt.Fprintf(&b, " RETURNS %s", st.withCharset(r.schema, r.returns, r.returnsCS))
	}
	if r.deterministic == "YES" {
		b.WriteString("\n    DETERMINISTIC")
	}
	if r.access != "" && r.access != "CONTAINS SQL" {
		b.WriteString("\n    " + r.access)
	}
	if r.security == "INVOKER" {
		b.WriteString("\n    SQL SECURITY INVOKER")
	}
	if r.comment != "" {
		lit, err := st.in.d.Literal(r.comment)
		if err != nil {
			return nil, err
		}
		b.WriteString("\n    COMMENT " + lit)
	}
	b.WriteString("\n" + r.body)
	return &model.Definition{Kind: kind, Schema: schema, Name: r.name, SQL: b.String(), SQLMode: st.definitionSQLMode(r.sqlMode)}, nil
}

// readTriggers reads triggers, in the order they fire for each table,
// timing and event (ACTION_ORDER), which is the order creating them one
// after another gives back. The include and exclude globs apply to the
// trigger's table.
//
// The schemas are matched on EVENT_OBJECT_SCHEMA (a trigger lives in its
// table's schema), the column MariaDB looks tables up by: on
// TRIGGER_SCHEMA it reads the trigger files of every database on the
// server (EXPLAIN: "Scanned all databases"; 35 ms instead of 7 at 1,000
// tables with ten databases on the server).
func (st *mysqlState) readTriggers(ctx context.Context) error {
	where, args := st.filter("EVENT_OBJECT_SCHEMA", "EVENT_OBJECT_TABLE")
	q := `SELECT EVENT_OBJECT_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT, SQL_MODE
FROM information_schema.TRIGGERS
WHERE ` + where + `
ORDER BY EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`
	return st.query(ctx, "triggers", q, args, func(rows *sql.Rows) error {
		var schema, name, table, timing, event, body, mode string
		if err := rows.Scan(&schema, &name, &table, &timing, &event, &body, &mode); err != nil {
			return err
		}
		s := st.schemaName(schema)
		qn, err := st.in.d.QuoteQualified(s, name)
		if err != nil {
			return err
		}
		qt, err := st.in.d.QuoteQualified(s, table)
		if err != nil {
			return err
		}
		st.triggers = append(st.triggers, &model.Definition{
			Kind: model.DefTrigger, Schema: s, Name: name, Table: table,
			SQL:     fmt.Sprintf("CREATE TRIGGER %s %s %s ON %s FOR EACH ROW %s", qn, timing, event, qt, body),
			SQLMode: st.definitionSQLMode(mode),
		})
		return nil
	})
}

// readEvents reads scheduled events. Times are written as the catalog
// shows them, in the event's time zone.
func (st *mysqlState) readEvents(ctx context.Context) error {
	where, args := st.filter("EVENT_SCHEMA", "EVENT_NAME")
	q := `SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE,
	COALESCE(CAST(EXECUTE_AT AS CHAR), ''), COALESCE(INTERVAL_VALUE, ''), COALESCE(INTERVAL_FIELD, ''),
	COALESCE(CAST(STARTS AS CHAR), ''), COALESCE(CAST(ENDS AS CHAR), ''), STATUS, ON_COMPLETION, EVENT_COMMENT, SQL_MODE
FROM information_schema.EVENTS
WHERE ` + where + `
ORDER BY EVENT_SCHEMA, EVENT_NAME`
	return st.query(ctx, "events", q, args, func(rows *sql.Rows) error {
		var schema, name, body, typ, at, every, field, starts, ends, status, completion, comment, mode string
		if err := rows.Scan(&schema, &name, &body, &typ, &at, &every, &field, &starts, &ends, &status, &completion, &comment, &mode); err != nil {
			return err
		}
		s := st.schemaName(schema)
		qn, err := st.in.d.QuoteQualified(s, name)
		if err != nil {
			return err
		}
		lit := func(v string) string {
			l, err2 := st.in.d.Literal(v)
			if err2 != nil && err == nil {
				err = err2
			}
			return l
		}
		var b strings.Builder
		fmt.Fprintf(&b, "CREATE EVENT %s ON SCHEDULE ", qn)
		if typ == "ONE TIME" {
			b.WriteString("AT " + lit(at))
		} else {
			if !mysqlIntervalField.MatchString(field) {
				return fmt.Errorf("event %s.%s: unexpected interval unit %q", schema, name, field)
			}
			if v, ok := unquoteMySQL(every); ok { // MariaDB quotes '1:30'
				every = v
			}
			fmt.Fprintf(&b, "EVERY %s %s", lit(every), field)
			if starts != "" {
				b.WriteString(" STARTS " + lit(starts))
			}
			if ends != "" {
				b.WriteString(" ENDS " + lit(ends))
			}
		}
		b.WriteString(" ON COMPLETION " + completion)
		switch status {
		case "DISABLED":
			b.WriteString(" DISABLE")
		case "SLAVESIDE_DISABLED":
			b.WriteString(" DISABLE ON SLAVE")
		default:
			b.WriteString(" ENABLE")
		}
		if comment != "" {
			b.WriteString(" COMMENT " + lit(comment))
		}
		b.WriteString(" DO " + body)
		if err != nil {
			return err
		}
		st.events = append(st.events, &model.Definition{Kind: model.DefEvent, Schema: s, Name: name, SQL: b.String(),
			SQLMode: st.definitionSQLMode(mode)})
		return nil
	})
}

// mysqlIntervalField matches the interval units of EVERY (DAY,
// MINUTE_SECOND, …), which the event text spells as they are.
var mysqlIntervalField = regexp.MustCompile(`^[A-Z]+(_[A-Z]+)?$`)
