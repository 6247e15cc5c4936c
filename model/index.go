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
}

// IndexPart is one key of an index: a column or an expression.
type IndexPart struct {
	// Column names a column; Expr is an SQL expression instead.
	Column string `json:"column,omitempty"`
	Expr   string `json:"expr,omitempty"`
	Desc   bool   `json:"desc,omitempty"`
	// Length is a MySQL prefix length (KEY (name(10))); 0 means whole column.
	Length int `json:"length,omitempty"`
}

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
