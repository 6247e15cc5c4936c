package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Table is a table: its columns in order, its constraints and indexes.
type Table struct {
	// Schema is the PostgreSQL schema or MySQL database; empty means the
	// connection's default (current_schema(), the connected database, main).
	Schema  string    `json:"schema,omitempty"`
	Name    string    `json:"name"`
	Columns []*Column `json:"columns"`

	PrimaryKey  *PrimaryKey   `json:"primary_key,omitempty"`
	ForeignKeys []*ForeignKey `json:"foreign_keys,omitempty"`
	Uniques     []*Unique     `json:"uniques,omitempty"`
	Checks      []*Check      `json:"checks,omitempty"`
	Indexes     []*Index      `json:"indexes,omitempty"`
	// Exclusions are PostgreSQL exclusion constraints.
	Exclusions []*Exclusion `json:"exclusions,omitempty"`

	// PartitionBy makes the table partitioned (PostgreSQL); PartitionOf makes
	// it a partition of another table. A table may be both (sub-partitions).
	PartitionBy *PartitionBy `json:"partition_by,omitempty"`
	PartitionOf *PartitionOf `json:"partition_of,omitempty"`

	Comment string `json:"comment,omitempty"`
	// WithoutRowID makes a SQLite WITHOUT ROWID table; other databases ignore it.
	WithoutRowID bool `json:"without_rowid,omitempty"`
	// Strict makes a SQLite STRICT table; other databases ignore it.
	Strict bool `json:"strict,omitempty"`
	// RowSecurity enables row-level security (PostgreSQL ALTER TABLE …
	// ENABLE ROW LEVEL SECURITY): rows are filtered by the table's
	// policies (definitions of kind policy). ForceRowSecurity applies the
	// policies to the table's owner too (FORCE ROW LEVEL SECURITY).
	RowSecurity      bool `json:"row_security,omitempty"`
	ForceRowSecurity bool `json:"force_row_security,omitempty"`
	// Options holds database-specific table options that pass through,
	// such as MySQL "ENGINE" or "CHARSET". Keys are upper-case.
	Options map[string]string `json:"options,omitempty"`
	// RenamedFrom declares that this table was called so before; autogenerate
	// emits a rename instead of drop and create.
	RenamedFrom string `json:"renamed_from,omitempty"`
}

// Column is a table column.
type Column struct {
	Name     string `json:"name"`
	Type     Type   `json:"type"`
	Nullable bool   `json:"nullable"`
	// Default is the server default, nil for none.
	Default *Default `json:"default,omitempty"`
	// Identity makes a generated-by-default or always identity column on
	// PostgreSQL; on MySQL and SQLite it renders as AUTO_INCREMENT/AUTOINCREMENT.
	Identity *Identity `json:"identity,omitempty"`
	// AutoIncrement asks for the database's native auto-numbering:
	// serial-like identity on PostgreSQL, AUTO_INCREMENT on MySQL, and
	// INTEGER PRIMARY KEY AUTOINCREMENT on SQLite.
	AutoIncrement bool `json:"autoincrement,omitempty"`
	// Generated makes a computed column.
	Generated *Generated `json:"generated,omitempty"`
	Comment   string     `json:"comment,omitempty"`
	// Collation is the column collation when it differs from the default,
	// and CollationSchema the PostgreSQL schema of a collation of the
	// model's own (a DefCollation) outside the default schema.
	Collation       string `json:"collation,omitempty"`
	CollationSchema string `json:"collation_schema,omitempty"`
	// RenamedFrom declares the column's former name for autogenerate.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Invisible hides the column from SELECT * and from INSERT without a
	// column list (MySQL 8.0.23+, MariaDB 10.3+ INVISIBLE); it is read
	// and written when named.
	Invisible bool `json:"invisible,omitempty"`
}

// Default is a server default: either a literal value (rendered by the
// dialect as an escaped literal) or an SQL expression passed through.
type Default struct {
	// Literal is a Go value: string, bool, int64, float64 or nil for NULL.
	// It is used when Expr is empty.
	Literal any `json:"literal,omitempty"`
	// Expr is SQL text such as "now()" or "CURRENT_TIMESTAMP".
	Expr string `json:"expr,omitempty"`
}

// DefaultLiteral returns a literal server default.
func DefaultLiteral(v any) *Default { return &Default{Literal: v} }

// DefaultExpr returns an SQL-expression server default.
func DefaultExpr(sql string) *Default { return &Default{Expr: sql} }

// MarshalJSON writes a float64 literal with a fraction or exponent (2.0,
// not 2) so that UnmarshalJSON can tell it from an int64.
func (d Default) MarshalJSON() ([]byte, error) {
	type plain Default
	if f, ok := d.Literal.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return json.Marshal(struct {
			Literal json.RawMessage `json:"literal"`
			Expr    string          `json:"expr,omitempty"`
		}{json.RawMessage(strconv.FormatFloat(f, 'f', 1, 64)), d.Expr})
	}
	return json.Marshal(plain(d))
}

// UnmarshalJSON reads whole numbers back as int64 and other numbers as
// float64 (encoding/json alone would make every number a float64), so that
// a model survives a JSON round trip.
func (d *Default) UnmarshalJSON(b []byte) error {
	var raw struct {
		Literal json.RawMessage `json:"literal"`
		Expr    string          `json:"expr"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("model: default: %w", err)
	}
	*d = Default{Expr: raw.Expr}
	if len(raw.Literal) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw.Literal))
	dec.UseNumber()
	if err := dec.Decode(&d.Literal); err != nil {
		return fmt.Errorf("model: default literal: %w", err)
	}
	if n, ok := d.Literal.(json.Number); ok {
		if i, err := n.Int64(); err == nil && !strings.ContainsAny(n.String(), ".eE") {
			d.Literal = i
		} else if f, err := n.Float64(); err == nil {
			d.Literal = f
		} else {
			return fmt.Errorf("model: default literal %s: %w", n, err)
		}
	}
	return nil
}

// Identity describes an identity column (SQL standard GENERATED … AS IDENTITY).
type Identity struct {
	// Always selects GENERATED ALWAYS; otherwise BY DEFAULT.
	Always    bool  `json:"always,omitempty"`
	Start     int64 `json:"start,omitempty"`
	Increment int64 `json:"increment,omitempty"`
}

// Generated describes a generated (computed) column.
type Generated struct {
	Expr string `json:"expr"`
	// Stored selects STORED; otherwise VIRTUAL. PostgreSQL 12–17 supports
	// STORED only.
	Stored bool `json:"stored,omitempty"`
}

// Column returns the column with the given name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ColumnNames returns the names of the columns in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Index returns the index with the given name, or nil.
func (t *Table) Index(name string) *Index {
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}

// QualifiedName returns "schema.name" or just "name"; for messages only,
// never for SQL (the dialect quotes names).
func (t *Table) QualifiedName() string { return qualified(t.Schema, t.Name) }

func qualified(schema, name string) string {
	if schema == "" {
		return name
	}
	return schema + "." + name
}
