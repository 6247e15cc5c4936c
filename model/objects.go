package model

// EnumType is a named enum type (PostgreSQL CREATE TYPE … AS ENUM). On MySQL
// and SQLite enums live inline in the column type, so a MetaData's enum types
// matter only to PostgreSQL.
type EnumType struct {
	Schema string   `json:"schema,omitempty"`
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// Sequence is a standalone sequence (PostgreSQL, MariaDB 10.3+).
type Sequence struct {
	Schema    string `json:"schema,omitempty"`
	Name      string `json:"name"`
	Start     int64  `json:"start,omitempty"`
	Increment int64  `json:"increment,omitempty"`
	MinValue  *int64 `json:"min_value,omitempty"`
	MaxValue  *int64 `json:"max_value,omitempty"`
	Cache     int64  `json:"cache,omitempty"`
	Cycle     bool   `json:"cycle,omitempty"`
	// OwnedBy is "table.column" owning the sequence (PostgreSQL), or empty.
	OwnedBy string `json:"owned_by,omitempty"`
	// As is the sequence's data type when it is not the default bigint:
	// "smallint" or "integer" (PostgreSQL; a serial column's sequence is an
	// integer sequence).
	As      string `json:"as,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// View is a view with an opaque definition: the SELECT text as written.
type View struct {
	Schema     string `json:"schema,omitempty"`
	Name       string `json:"name"`
	Definition string `json:"definition"`
	// Columns are the column names declared after the view's name
	// (CREATE VIEW v (a, b) AS …), when the view declares them; empty
	// means the names come from the SELECT.
	Columns []string `json:"columns,omitempty"`
	Comment string   `json:"comment,omitempty"`
	// ColumnComments are the comments on the view's columns, by column
	// name (PostgreSQL: COMMENT ON COLUMN view.column).
	ColumnComments map[string]string `json:"column_comments,omitempty"`
	// ColumnDefaults are the defaults of the view's columns, by column
	// name, as SQL expressions (PostgreSQL: ALTER VIEW … ALTER COLUMN …
	// SET DEFAULT, used by an INSERT through the view).
	ColumnDefaults map[string]string `json:"column_defaults,omitempty"`
	// CheckOption makes writes through the view keep rows visible in it:
	// "local" or "cascaded" (WITH LOCAL|CASCADED CHECK OPTION); empty for
	// none. PostgreSQL, MySQL/MariaDB.
	CheckOption string `json:"check_option,omitempty"`
	// SecurityInvoker runs the view with its caller's privileges instead of
	// its owner's (MySQL/MariaDB SQL SECURITY INVOKER, PostgreSQL 15+
	// security_invoker).
	SecurityInvoker bool `json:"security_invoker,omitempty"`
	// SecurityBarrier keeps the planner from pushing functions of the
	// caller below the view's conditions (PostgreSQL security_barrier).
	SecurityBarrier bool `json:"security_barrier,omitempty"`
	// Algorithm is how MySQL/MariaDB run the view: "merge" or
	// "temptable"; empty for the server's choice (UNDEFINED).
	Algorithm string `json:"algorithm,omitempty"`
	// DependsOn names the views and definitions the view reads, so that it
	// is created after them (see MetaData.LateObjects). Tables need not be
	// listed: views are created after every table.
	DependsOn []ObjectName `json:"depends_on,omitempty"`
}

// Schema is a namespace that objects live in (PostgreSQL CREATE SCHEMA). The
// connection's default schema is never listed: its objects have an empty
// Schema.
type Schema struct {
	Name    string `json:"name"`
	Comment string `json:"comment,omitempty"`
}

// Extension is an installed PostgreSQL extension (citext, hstore, pg_trgm,
// …). The objects it brings belong to it and are not part of the model.
type Extension struct {
	Name string `json:"name"`
	// Schema holds the extension's objects; empty means the default schema.
	Schema string `json:"schema,omitempty"`
	// Version is the installed version; empty means the default one.
	Version string `json:"version,omitempty"`
}

// Domain is a PostgreSQL domain: a named type over a base type, with an
// optional default, NOT NULL, collation and check constraints. Columns use
// it by name (a Raw type spelling the domain).
type Domain struct {
	Schema    string   `json:"schema,omitempty"`
	Name      string   `json:"name"`
	Type      Type     `json:"type"`
	NotNull   bool     `json:"not_null,omitempty"`
	Default   *Default `json:"default,omitempty"`
	Collation string   `json:"collation,omitempty"`
	// CollationSchema is the schema of Collation when it is not the
	// default one (a collation created in another schema).
	CollationSchema string   `json:"collation_schema,omitempty"`
	Checks          []*Check `json:"checks,omitempty"`
	Comment         string   `json:"comment,omitempty"`
}
