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
}

// View is a view with an opaque definition: the SELECT text as written.
type View struct {
	Schema     string `json:"schema,omitempty"`
	Name       string `json:"name"`
	Definition string `json:"definition"`
}
