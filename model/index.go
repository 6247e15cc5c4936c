package model

// Index is an index on a table.
type Index struct {
	Name   string      `json:"name,omitempty"`
	Unique bool        `json:"unique,omitempty"`
	Parts  []IndexPart `json:"parts"`
	// Where is a partial-index predicate (PostgreSQL, SQLite).
	Where string `json:"where,omitempty"`
	// Method is the PostgreSQL access method: btree, hash, gin, gist, brin, spgist.
	// MySQL accepts btree and hash. Empty means the default.
	Method string `json:"method,omitempty"`
	// Include lists PostgreSQL covering (INCLUDE) columns.
	Include []string `json:"include,omitempty"`
	// NullsNotDistinct makes a unique index treat NULLs as equal, so that
	// at most one row may have NULL keys (PostgreSQL 15+).
	NullsNotDistinct bool `json:"nulls_not_distinct,omitempty"`
	// Invisible hides the index from the query planner while keeping it
	// up to date (MariaDB 10.6+ IGNORED, MySQL 8 INVISIBLE).
	Invisible bool `json:"invisible,omitempty"`
	// Comment is the index's comment (PostgreSQL, MySQL/MariaDB).
	Comment string `json:"comment,omitempty"`
}

// IndexPart is one key of an index: a column or an expression.
type IndexPart struct {
	// Column names a column; Expr is an SQL expression instead.
	Column string `json:"column,omitempty"`
	Expr   string `json:"expr,omitempty"`
	Desc   bool   `json:"desc,omitempty"`
	// Nulls places NULLs first or last when that is not the default of the
	// direction (PostgreSQL, SQLite). Empty means the default: last for
	// ascending keys, first for descending ones.
	Nulls NullsOrder `json:"nulls,omitempty"`
	// Length is a MySQL prefix length (KEY (name(10))); 0 means whole column.
	Length int `json:"length,omitempty"`
	// Collation is the key's collation when it differs from the column's
	// (PostgreSQL, SQLite), and CollationSchema the PostgreSQL schema of a
	// collation of the model's own outside the default schema.
	Collation       string `json:"collation,omitempty"`
	CollationSchema string `json:"collation_schema,omitempty"`
	// Opclass is the PostgreSQL operator class when it is not the default
	// for the type (gin_trgm_ops, text_pattern_ops, …); OpclassParams are its
	// parameters without parentheses ("siglen=32").
	Opclass       string `json:"opclass,omitempty"`
	OpclassParams string `json:"opclass_params,omitempty"`
}

// NullsOrder says where an index key puts NULLs.
type NullsOrder string

// The NULLS orders.
const (
	NullsFirst NullsOrder = "first"
	NullsLast  NullsOrder = "last"
)

// Columns returns the column names of the index's column parts
// (expressions are left out).
func (ix *Index) Columns() []string {
	var cols []string
	for _, p := range ix.Parts {
		if p.Column != "" {
			cols = append(cols, p.Column)
		}
	}
	return cols
}

// HasExpr reports whether any key of the index is an expression.
func (ix *Index) HasExpr() bool {
	for _, p := range ix.Parts {
		if p.Expr != "" {
			return true
		}
	}
	return false
}

// Cols returns index parts for plain ascending columns, a shorthand for
// building indexes.
func Cols(names ...string) []IndexPart {
	parts := make([]IndexPart, len(names))
	for i, n := range names {
		parts[i] = IndexPart{Column: n}
	}
	return parts
}
