package model

// PrimaryKey is a table's primary key, possibly composite.
type PrimaryKey struct {
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	// Comment is the constraint's comment (PostgreSQL COMMENT ON
	// CONSTRAINT); so for the other constraints.
	Comment string `json:"comment,omitempty"`
}

// FKAction is a referential action of a foreign key. The empty value means
// the database default (NO ACTION).
type FKAction string

// Referential actions.
const (
	NoAction   FKAction = "NO ACTION"
	Restrict   FKAction = "RESTRICT"
	Cascade    FKAction = "CASCADE"
	SetNull    FKAction = "SET NULL"
	SetDefault FKAction = "SET DEFAULT"
)

// Valid reports whether a is empty or one of the known actions.
func (a FKAction) Valid() bool {
	switch a {
	case "", NoAction, Restrict, Cascade, SetNull, SetDefault:
		return true
	}
	return false
}

// ForeignKey is a foreign key constraint.
type ForeignKey struct {
	Name       string   `json:"name,omitempty"`
	Columns    []string `json:"columns"`
	RefSchema  string   `json:"ref_schema,omitempty"`
	RefTable   string   `json:"ref_table"`
	RefColumns []string `json:"ref_columns"`
	OnDelete   FKAction `json:"on_delete,omitempty"`
	OnUpdate   FKAction `json:"on_update,omitempty"`
	// Deferrable and InitiallyDeferred: PostgreSQL and SQLite.
	Deferrable        bool `json:"deferrable,omitempty"`
	InitiallyDeferred bool `json:"initially_deferred,omitempty"`
	// NotValid creates the constraint without checking existing rows
	// (PostgreSQL only, and only when added to an existing table).
	NotValid bool   `json:"not_valid,omitempty"`
	Comment  string `json:"comment,omitempty"`
}

// Unique is a unique constraint (as opposed to a unique index, which is an
// Index with Unique set).
type Unique struct {
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	// NullsNotDistinct makes rows whose keys are NULL conflict with each
	// other (PostgreSQL 15+ UNIQUE NULLS NOT DISTINCT).
	NullsNotDistinct bool `json:"nulls_not_distinct,omitempty"`
	// Deferrable and InitiallyDeferred let the check wait until the
	// transaction commits (PostgreSQL), as for foreign keys.
	Deferrable        bool   `json:"deferrable,omitempty"`
	InitiallyDeferred bool   `json:"initially_deferred,omitempty"`
	Comment           string `json:"comment,omitempty"`
	// OnConflict is SQLite's conflict resolution for the constraint
	// (UNIQUE (…) ON CONFLICT REPLACE): ROLLBACK, ABORT, FAIL, IGNORE or
	// REPLACE; empty is ABORT, the default. An insert that breaks a
	// REPLACE constraint deletes the old row instead of failing.
	OnConflict string `json:"on_conflict,omitempty"`
}

// Check is a check constraint. Expr is SQL text, without the enclosing
// CHECK ( ).
type Check struct {
	Name    string `json:"name,omitempty"`
	Expr    string `json:"expr"`
	Comment string `json:"comment,omitempty"`
}

// Exclusion is a PostgreSQL exclusion constraint: no two rows may have
// elements that all compare true with their operators
// (EXCLUDE USING gist (room WITH =, during WITH &&)).
type Exclusion struct {
	Name string `json:"name,omitempty"`
	// Method is the index access method (gist, usually); empty means the
	// server's default, btree.
	Method   string             `json:"method,omitempty"`
	Elements []ExclusionElement `json:"elements"`
	// Include lists covering (INCLUDE) columns.
	Include []string `json:"include,omitempty"`
	// Where is a predicate restricting the constraint to some rows.
	Where             string `json:"where,omitempty"`
	Deferrable        bool   `json:"deferrable,omitempty"`
	InitiallyDeferred bool   `json:"initially_deferred,omitempty"`
	Comment           string `json:"comment,omitempty"`
}

// ExclusionElement is one element of an exclusion constraint: an index key
// and the operator its values are compared with ("=", "&&", or
// "OPERATOR(schema.op)" for an operator outside pg_catalog).
type ExclusionElement struct {
	IndexPart
	Operator string `json:"operator"`
}

// ConstraintComment is the comment of one of a table's constraints.
type ConstraintComment struct {
	// Kind is "primary key", "unique constraint", "check constraint",
	// "foreign key" or "exclusion constraint", for messages.
	Kind, Name, Comment string
}

// ConstraintComments lists the comments of t's constraints, in the order
// of the primary key, unique, check, foreign key and exclusion constraints.
func (t *Table) ConstraintComments() []ConstraintComment {
	var out []ConstraintComment
	add := func(kind, name, comment string) {
		if comment != "" {
			out = append(out, ConstraintComment{Kind: kind, Name: name, Comment: comment})
		}
	}
	if t.PrimaryKey != nil {
		add("primary key", t.PrimaryKey.Name, t.PrimaryKey.Comment)
	}
	for _, u := range t.Uniques {
		add("unique constraint", u.Name, u.Comment)
	}
	for _, c := range t.Checks {
		add("check constraint", c.Name, c.Comment)
	}
	for _, fk := range t.ForeignKeys {
		add("foreign key", fk.Name, fk.Comment)
	}
	for _, ex := range t.Exclusions {
		add("exclusion constraint", ex.Name, ex.Comment)
	}
	return out
}
