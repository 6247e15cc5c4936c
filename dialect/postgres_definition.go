package dialect

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// postgresDrops says how PostgreSQL drops each kind of definition.
var postgresDrops = map[model.DefinitionKind]dropSpec{
	model.DefFunction:     {keyword: "FUNCTION", signature: true},
	model.DefProcedure:    {keyword: "PROCEDURE", signature: true},
	model.DefAggregate:    {keyword: "AGGREGATE", signature: true},
	model.DefType:         {keyword: "TYPE"},
	model.DefTrigger:      {keyword: "TRIGGER", onTable: true, unqualified: true},
	model.DefRule:         {keyword: "RULE", onTable: true, unqualified: true},
	model.DefEventTrigger: {keyword: "EVENT TRIGGER", unqualified: true},
	// An index lives in its relation's schema.
	model.DefMaterializedView: {keyword: "MATERIALIZED VIEW"},
	model.DefIndex:            {keyword: "INDEX"},
	model.DefPolicy:           {keyword: "POLICY", onTable: true, unqualified: true},
	// A server belongs to the database.
	model.DefForeignServer:           {keyword: "SERVER", unqualified: true},
	model.DefForeignTable:            {keyword: "FOREIGN TABLE"},
	model.DefCollation:               {keyword: "COLLATION"},
	model.DefTextSearchDictionary:    {keyword: "TEXT SEARCH DICTIONARY"},
	model.DefTextSearchConfiguration: {keyword: "TEXT SEARCH CONFIGURATION"},
	// A cast belongs to the database and is named by its two types.
	model.DefCast: {keyword: "CAST", cast: true},
	// Operator families and classes are named with their access method.
	model.DefOperatorFamily: {keyword: "OPERATOR FAMILY", using: true},
	model.DefOperatorClass:  {keyword: "OPERATOR CLASS", using: true},
	// An operator is named by its symbol, which is never quoted.
	model.DefOperator: {keyword: "OPERATOR", signature: true, operator: true},
}

// CreateDefinition returns the definition's SQL, and COMMENT ON for its
// comment.
func (d *postgresDialect) CreateDefinition(def *model.Definition) ([]string, error) {
	if _, ok := postgresDrops[def.Kind]; !ok {
		return nil, Unsupported(d.Name(), def.Identity(), kindFeature(def.Kind), "")
	}
	if err := checkDefinitionSettings(d, def, true, false); err != nil {
		return nil, err
	}
	var out []string
	for _, part := range def.SplitStatements() {
		one := *def
		one.SQL = part
		s, err := definitionStatement(d, &one)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if def.Comment != "" {
		c, err := d.commentOnDefinition(def, def.Comment)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if def.Firing != "" {
		f, err := d.firingStatement(def)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// postgresFiringActions are the ALTER … TRIGGER actions that set each
// firing state.
var postgresFiringActions = map[model.Firing]string{
	"":                   "ENABLE",
	model.FiringDisabled: "DISABLE",
	model.FiringReplica:  "ENABLE REPLICA",
	model.FiringAlways:   "ENABLE ALWAYS",
}

// firingStatement returns ALTER TABLE … DISABLE TRIGGER (ENABLE, ENABLE
// REPLICA, ENABLE ALWAYS) for a trigger, or ALTER EVENT TRIGGER … DISABLE
// (…) for an event trigger, which sets its firing state.
func (d *postgresDialect) firingStatement(def *model.Definition) (string, error) {
	action, ok := postgresFiringActions[def.Firing]
	if !ok {
		return "", Unsupported(d.Name(), def.Identity(), "a firing state ("+string(def.Firing)+")", "")
	}
	b := newBuilder(d)
	switch def.Kind {
	case model.DefEventTrigger:
		b.raw("ALTER EVENT TRIGGER ").ident(def.Name).raw(" ", action)
	case model.DefTrigger:
		b.raw("ALTER TABLE ").qualified(def.Schema, def.Table).raw(" ", action, " TRIGGER ").ident(def.Name)
	default:
		return "", Unsupported(d.Name(), def.Identity(), "a firing state ("+string(def.Firing)+")", "")
	}
	return d.wrap(b.stmt())
}

// commentOnDefinition returns COMMENT ON kind name IS '…', or IS NULL for
// an empty comment.
func (d *postgresDialect) commentOnDefinition(def *model.Definition, comment string) (string, error) {
	spec, ok := postgresDrops[def.Kind]
	if !ok {
		return "", d.wrapErr(Unsupported(d.Name(), def.Identity(), "a definition of this kind", ""))
	}
	b := newBuilder(d)
	b.raw("COMMENT ON ", spec.keyword, " ")
	spec.writeObject(b, def)
	b.raw(" IS ").literal(nullIfEmpty(comment))
	return d.wrap(b.stmt())
}

// DropDefinition returns DROP FUNCTION s.f(args), DROP TRIGGER t ON s.tab, ….
func (d *postgresDialect) DropDefinition(def *model.Definition) ([]string, error) {
	return dropDefinition(d, postgresDrops, def)
}

// ReplaceDefinition sets the firing state of a trigger or event trigger
// whose definition and comment stay, and replaces a function or procedure
// in place with CREATE OR REPLACE when its signature stays (see
// sameRoutineSignature), so that what depends on it (checks, defaults,
// indexes, generated columns, views, triggers) stays: the server refuses
// to drop a function those use. The new SQL is run as CREATE OR REPLACE
// even when the model writes CREATE. The comment follows with COMMENT ON.
// Other kinds, and a routine whose arguments or result type change
// (which CREATE OR REPLACE cannot do), report false: they are dropped and
// created again.
func (d *postgresDialect) ReplaceDefinition(from, to *model.Definition) ([]string, bool, error) {
	if (to.Kind == model.DefTrigger || to.Kind == model.DefEventTrigger) && from.Firing != to.Firing && from.Comment == to.Comment &&
		CanonicalText(d, from.SQL) == CanonicalText(d, to.SQL) {
		// Only the firing state differs: ALTER it in place.
		f, err := d.firingStatement(to)
		if err != nil {
			return nil, false, err
		}
		return []string{f}, true, nil
	}
	if to.Kind != model.DefFunction && to.Kind != model.DefProcedure {
		return nil, false, nil
	}
	s, err := definitionStatement(d, to)
	if err != nil {
		return nil, false, err
	}
	if !d.sameRoutineSignature(from, to) {
		return nil, false, nil
	}
	s, ok := routineOrReplace(s)
	if !ok {
		return nil, false, nil
	}
	out := []string{s}
	if from.Comment != to.Comment {
		c, err := d.commentOnDefinition(to, to.Comment)
		if err != nil {
			return nil, false, err
		}
		out = append(out, c)
	}
	return out, true, nil
}

// routineOrReplace returns a CREATE [OR REPLACE] FUNCTION or PROCEDURE statement
// as CREATE OR REPLACE, and false for another statement.
func routineOrReplace(stmt string) (string, bool) {
	rest, ok := cutWord(stmt, "create")
	if !ok {
		return "", false
	}
	if r, ok := cutWord(rest, "or"); ok {
		if r, ok = cutWord(r, "replace"); !ok {
			return "", false
		}
		rest = r
	}
	if _, ok := cutWord(rest, "function"); !ok {
		if _, ok := cutWord(rest, "procedure"); !ok {
			return "", false
		}
	}
	return "CREATE OR REPLACE " + rest, true
}

// cutWord returns s after its first word, and whether that word is w (any
// case), with the white space before the next word removed.
func cutWord(s, w string) (string, bool) {
	s = strings.TrimLeft(s, " \t\r\n")
	if !hasWordAt(s, 0, w) {
		return "", false
	}
	return strings.TrimLeft(s[len(w):], " \t\r\n"), true
}

// sameRoutineSignature reports whether two definitions of one function or
// procedure have the same argument list (names, modes, types and
// defaults) and result type (RETURNS …), compared as CanonicalText: the
// change CREATE OR REPLACE can make. PostgreSQL refuses to change a
// function's result type or an argument's name that way, or to remove an
// argument's default.
func (d *postgresDialect) sameRoutineSignature(from, to *model.Definition) bool {
	fa, fr, ok1 := routineHeader(from.SQL)
	ta, tr, ok2 := routineHeader(to.SQL)
	return ok1 && ok2 && CanonicalText(d, fa) == CanonicalText(d, ta) && CanonicalText(d, fr) == CanonicalText(d, tr)
}
