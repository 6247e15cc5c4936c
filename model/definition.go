package model

import "strings"

// DefinitionKind says what a Definition creates.
type DefinitionKind string

// The kinds of objects the model keeps as definitions.
const (
	// DefFunction is a function (PostgreSQL, MySQL/MariaDB stored function).
	DefFunction DefinitionKind = "function"
	// DefProcedure is a stored procedure.
	DefProcedure DefinitionKind = "procedure"
	// DefAggregate is a PostgreSQL user-defined aggregate.
	DefAggregate DefinitionKind = "aggregate"
	// DefType is a type the model does not take apart (PostgreSQL
	// composite and range types).
	DefType DefinitionKind = "type"
	// DefTrigger is a trigger on Table.
	DefTrigger DefinitionKind = "trigger"
	// DefEventTrigger is a PostgreSQL event trigger (database-wide).
	DefEventTrigger DefinitionKind = "event_trigger"
	// DefEvent is a MySQL/MariaDB scheduled event.
	DefEvent DefinitionKind = "event"
	// DefRule is a PostgreSQL rewrite rule on Table.
	DefRule DefinitionKind = "rule"
	// DefVirtualTable is a SQLite virtual table (FTS3/4/5, R*Tree, …).
	DefVirtualTable DefinitionKind = "virtual_table"
	// DefMaterializedView is a PostgreSQL materialized view (CREATE
	// MATERIALIZED VIEW … AS …).
	DefMaterializedView DefinitionKind = "materialized_view"
	// DefIndex is an index on an object that is not a table of the model
	// (a materialized view), named by Table; the indexes of tables are
	// Table.Indexes.
	DefIndex DefinitionKind = "index"
	// DefPolicy is a PostgreSQL row-level security policy on Table.
	DefPolicy DefinitionKind = "policy"
	// DefForeignServer is a PostgreSQL foreign server (CREATE SERVER …
	// FOREIGN DATA WRAPPER …), which belongs to the database: Schema is
	// empty.
	DefForeignServer DefinitionKind = "foreign_server"
	// DefForeignTable is a PostgreSQL foreign table (CREATE FOREIGN TABLE
	// … SERVER …), depending on its server.
	DefForeignTable DefinitionKind = "foreign_table"
	// DefOperator is a PostgreSQL operator (CREATE OPERATOR), named by its
	// symbol (|||) and told apart from the operators of the same symbol by
	// Signature, its left and right argument types ("text, text"; NONE
	// for the left of a prefix operator).
	DefOperator DefinitionKind = "operator"
	// DefCollation is a PostgreSQL collation (CREATE COLLATION … (provider
	// = icu, locale = …)), which columns, domains and index keys may name;
	// it is created before them.
	DefCollation DefinitionKind = "collation"
	// DefTextSearchDictionary is a PostgreSQL text search dictionary
	// (CREATE TEXT SEARCH DICTIONARY … (TEMPLATE = …, options)).
	DefTextSearchDictionary DefinitionKind = "text_search_dictionary"
	// DefTextSearchConfiguration is a PostgreSQL text search configuration.
	// Its SQL is the CREATE TEXT SEARCH CONFIGURATION … (PARSER = …)
	// statement followed by its mappings, one statement per token type,
	// each on a line of its own after ";" and starting with
	// TextSearchMappingPrefix (the server keeps no text of it, and CREATE
	// cannot name the mappings).
	DefTextSearchConfiguration DefinitionKind = "text_search_configuration"
	// DefCast is a PostgreSQL cast (CREATE CAST (source AS target) …),
	// which belongs to the database: Schema is empty and Name is "source
	// AS target", the two types as the server prints them.
	DefCast DefinitionKind = "cast"
	// DefOperatorFamily is a PostgreSQL operator family (CREATE OPERATOR
	// FAMILY … USING method), told apart by its access method, which
	// Signature holds ("btree"). Its SQL is the CREATE followed by its
	// loose members, one ALTER OPERATOR FAMILY … ADD statement each, each
	// on a line of its own after ";" and starting with
	// OperatorFamilyAddPrefix.
	DefOperatorFamily DefinitionKind = "operator_family"
	// DefOperatorClass is a PostgreSQL operator class (CREATE OPERATOR
	// CLASS … FOR TYPE … USING method FAMILY … AS …), told apart by its
	// access method, which Signature holds.
	DefOperatorClass DefinitionKind = "operator_class"
)

// OperatorFamilyAddPrefix starts each member statement of the SQL of a
// DefOperatorFamily.
const OperatorFamilyAddPrefix = "ALTER OPERATOR FAMILY "

// TextSearchMappingPrefix starts each mapping statement of the SQL of a
// DefTextSearchConfiguration.
const TextSearchMappingPrefix = "ALTER TEXT SEARCH CONFIGURATION "

// SplitStatements returns the statements of a definition's SQL: for a
// text search configuration, the CREATE and each mapping (each line that
// follows a ";" ending the previous one and starts with
// TextSearchMappingPrefix), and likewise for an operator family and its
// members (OperatorFamilyAddPrefix); for other kinds, SQL itself.
func (d *Definition) SplitStatements() []string {
	var prefix string
	switch d.Kind {
	case DefTextSearchConfiguration:
		prefix = TextSearchMappingPrefix
	case DefOperatorFamily:
		prefix = OperatorFamilyAddPrefix
	default:
		return []string{d.SQL}
	}
	var out []string
	rest := d.SQL
	for {
		i := strings.Index(rest, ";\n"+prefix)
		if i < 0 {
			return append(out, rest)
		}
		out = append(out, rest[:i])
		rest = rest[i+2:]
	}
}

// definitionKinds lists the known kinds, in the order they are documented.
var definitionKinds = []DefinitionKind{
	DefFunction, DefProcedure, DefAggregate, DefType, DefTrigger,
	DefEventTrigger, DefEvent, DefRule, DefVirtualTable, DefMaterializedView, DefIndex, DefPolicy,
	DefForeignServer, DefForeignTable, DefOperator, DefCollation,
	DefTextSearchDictionary, DefTextSearchConfiguration, DefCast,
	DefOperatorFamily, DefOperatorClass,
}

// Valid reports whether k is one of the known kinds.
func (k DefinitionKind) Valid() bool {
	for _, x := range definitionKinds {
		if k == x {
			return true
		}
	}
	return false
}

// OnTable reports whether objects of kind k belong to a table (triggers,
// rules and policies) or another relation (indexes of materialized views), which
// Definition.Table then names.
func (k DefinitionKind) OnTable() bool {
	return k == DefTrigger || k == DefRule || k == DefIndex || k == DefPolicy
}

// HasSignature reports whether objects of kind k are told apart by their
// argument list (functions, procedures and aggregates, which overload, and
// operators), which Definition.Signature then holds.
func (k DefinitionKind) HasSignature() bool {
	return k == DefFunction || k == DefProcedure || k == DefAggregate || k == DefOperator ||
		k == DefOperatorFamily || k == DefOperatorClass
}

// Definition is an object the model does not take apart: function and
// procedure bodies, triggers, events, rules, virtual tables. It is kept as
// the server's own text (pg_get_functiondef, pg_get_triggerdef, SHOW CREATE
// …, sqlite_master.sql), with enough identity to compare it and drop it.
//
// A Go model may declare definitions too; their SQL is executed as written.
type Definition struct {
	Kind   DefinitionKind `json:"kind"`
	Schema string         `json:"schema,omitempty"`
	Name   string         `json:"name"`
	// Table is the table of a trigger or rule (in Schema).
	Table string `json:"table,omitempty"`
	// Signature is the argument list that identifies a function, procedure
	// or aggregate among overloads, as PostgreSQL prints it
	// (pg_get_function_identity_arguments): "integer, text", or "" for none;
	// for an operator its left and right argument types ("text, text",
	// "NONE, integer"), which it must have.
	Signature string `json:"signature,omitempty"`
	// Language is the language of a function, procedure or trigger body
	// (sql, plpgsql, …), for reading; SQL says it too.
	Language string `json:"language,omitempty"`
	// SQL is the statement that creates the object, without a final
	// semicolon.
	SQL     string `json:"sql"`
	Comment string `json:"comment,omitempty"`
	// Firing says when a trigger or PostgreSQL event trigger fires, when
	// not as created: disabled, or for replication sessions only or always
	// (ALTER TABLE … DISABLE/ENABLE REPLICA/ENABLE ALWAYS TRIGGER, ALTER
	// EVENT TRIGGER …). The server keeps it apart from the definition.
	Firing Firing `json:"firing,omitempty"`
	// SQLMode is the sql_mode a MySQL/MariaDB routine, trigger or event
	// was created under, when it is not the session's: the server runs the
	// body under it (|| concatenates under PIPES_AS_CONCAT, "x" names a
	// column under ANSI_QUOTES). Creating the object sets it around the
	// CREATE statement.
	SQLMode string `json:"sql_mode,omitempty"`
	// DependsOn names the views and definitions (and, to create it after the
	// tables, the tables) this object needs. See MetaData.LateObjects.
	DependsOn []ObjectName `json:"depends_on,omitempty"`
}

// Firing is when a trigger fires, when not as created (the empty value:
// enabled, in ordinary sessions).
type Firing string

// The firing states of a trigger other than the default.
const (
	// FiringDisabled: the trigger never fires.
	FiringDisabled Firing = "disabled"
	// FiringReplica: the trigger fires only in sessions replaying
	// replication (session_replication_role = replica).
	FiringReplica Firing = "replica"
	// FiringAlways: the trigger fires in every session.
	FiringAlways Firing = "always"
)

// Valid reports whether f is the default or one of the known states.
func (f Firing) Valid() bool {
	return f == "" || f == FiringDisabled || f == FiringReplica || f == FiringAlways
}

// ObjectName names a table, view or definition of the model. A name
// matches every object so called: all overloads of a function.
type ObjectName struct {
	Schema string `json:"schema,omitempty"`
	Name   string `json:"name"`
}

// QualifiedName returns "schema.name" or "name", for messages.
func (n ObjectName) QualifiedName() string { return qualified(n.Schema, n.Name) }

// Identity returns a readable identity of the definition, for messages
// and as a key (no two objects of a model share it): "function
// app.f(integer)", "trigger audit on app.users".
func (d *Definition) Identity() string {
	s := string(d.Kind) + " " + qualified(d.Schema, d.Name)
	switch {
	case d.Kind.OnTable():
		s += " on " + qualified(d.Schema, d.Table)
	case d.Kind.HasSignature():
		s += "(" + d.Signature + ")"
	}
	return s
}

// Definition returns the definition of the given kind, schema, name and,
// for kinds with one, table or signature; nil if there is none.
func (m *MetaData) Definition(kind DefinitionKind, schema, name, tableOrSignature string) *Definition {
	for _, d := range m.Definitions {
		if d.Kind != kind || d.Schema != schema || d.Name != name {
			continue
		}
		switch {
		case kind.OnTable() && d.Table != tableOrSignature:
			continue
		case kind.HasSignature() && d.Signature != tableOrSignature:
			continue
		}
		return d
	}
	return nil
}
