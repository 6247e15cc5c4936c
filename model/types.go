package model

import (
	"fmt"
	"strings"
)

// TypeKind names a portable column type. The zero value is KindInvalid so
// that a forgotten type is caught by validation rather than rendered.
type TypeKind int

// The portable type kinds. Each maps onto PostgreSQL, MySQL/MariaDB and
// SQLite through the dialect; KindRaw passes a database type through as is.
const (
	KindInvalid TypeKind = iota
	KindSmallInt
	KindInteger
	KindBigInt
	KindBoolean
	KindVarchar // Length required on MySQL; optional on PostgreSQL/SQLite
	KindChar    // Length defaults to 1
	KindText
	KindNumeric // Precision and Scale, both optional
	KindReal    // 4-byte float
	KindDouble  // 8-byte float
	KindDate
	KindTime      // WithTimezone selects time with time zone on PostgreSQL
	KindTimestamp // WithTimezone selects timestamptz on PostgreSQL
	KindInterval
	KindJSON
	KindJSONB
	KindUUID
	KindBinary // Length > 0 means fixed binary(n) / varbinary; 0 means blob/bytea
	KindEnum   // Values, and on PostgreSQL EnumName naming the CREATE TYPE
	KindRaw    // Raw holds the database's own spelling
	// KindNone is a column declared without a type, which SQLite allows
	// (the column then has BLOB affinity). Other databases refuse it.
	KindNone
)

var kindNames = [...]string{
	KindInvalid:   "invalid",
	KindSmallInt:  "smallint",
	KindInteger:   "integer",
	KindBigInt:    "bigint",
	KindBoolean:   "boolean",
	KindVarchar:   "varchar",
	KindChar:      "char",
	KindText:      "text",
	KindNumeric:   "numeric",
	KindReal:      "real",
	KindDouble:    "double",
	KindDate:      "date",
	KindTime:      "time",
	KindTimestamp: "timestamp",
	KindInterval:  "interval",
	KindJSON:      "json",
	KindJSONB:     "jsonb",
	KindUUID:      "uuid",
	KindBinary:    "binary",
	KindEnum:      "enum",
	KindRaw:       "raw",
	KindNone:      "none",
}

// String returns the lower-case portable name of the kind.
func (k TypeKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("TypeKind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseTypeKind is the inverse of TypeKind.String.
func ParseTypeKind(s string) (TypeKind, bool) {
	for k, n := range kindNames {
		if n == s && k != int(KindInvalid) {
			return TypeKind(k), true
		}
	}
	return KindInvalid, false
}

// MarshalText implements encoding.TextMarshaler (used by the JSON form of a model).
func (k TypeKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *TypeKind) UnmarshalText(b []byte) error {
	if string(b) == KindInvalid.String() {
		*k = KindInvalid // what MarshalText writes for a type not yet set
		return nil
	}
	v, ok := ParseTypeKind(string(b))
	if !ok {
		return fmt.Errorf("model: unknown type kind %q", b)
	}
	*k = v
	return nil
}

// Type is a column type: a portable kind with its parameters, or a raw
// database type. Types are values; compare them with Equal.
type Type struct {
	Kind TypeKind `json:"kind"`
	// Length for varchar, char and fixed binary. Zero means unbounded/default.
	Length int `json:"length,omitempty"`
	// Precision and Scale for numeric; Precision also for time/timestamp
	// fractional seconds where the dialect supports it (0 = default).
	Precision int `json:"precision,omitempty"`
	Scale     int `json:"scale,omitempty"`
	// WithTimezone for time and timestamp.
	WithTimezone bool `json:"with_timezone,omitempty"`
	// EnumName is the PostgreSQL type name of an enum (other databases
	// render the values inline). Values are the enum labels in order.
	EnumName   string   `json:"enum_name,omitempty"`
	EnumSchema string   `json:"enum_schema,omitempty"`
	Values     []string `json:"values,omitempty"`
	// Raw is the database's own spelling, for KindRaw only.
	Raw string `json:"raw,omitempty"`
}

// Convenience constructors for the portable types.
var (
	SmallInt  = Type{Kind: KindSmallInt}
	Integer   = Type{Kind: KindInteger}
	BigInt    = Type{Kind: KindBigInt}
	Boolean   = Type{Kind: KindBoolean}
	Text      = Type{Kind: KindText}
	Real      = Type{Kind: KindReal}
	Double    = Type{Kind: KindDouble}
	Date      = Type{Kind: KindDate}
	Interval  = Type{Kind: KindInterval}
	JSON      = Type{Kind: KindJSON}
	JSONB     = Type{Kind: KindJSONB}
	UUID      = Type{Kind: KindUUID}
	Blob      = Type{Kind: KindBinary}
	Timestamp = Type{Kind: KindTimestamp}
	// TimestampTZ is a timestamp with time zone.
	TimestampTZ = Type{Kind: KindTimestamp, WithTimezone: true}
	Time        = Type{Kind: KindTime}
)

// Varchar returns varchar(n); n == 0 means unbounded where the database allows.
func Varchar(n int) Type { return Type{Kind: KindVarchar, Length: n} }

// Char returns char(n).
func Char(n int) Type { return Type{Kind: KindChar, Length: n} }

// Numeric returns numeric(p, s); p == 0 means unconstrained.
func Numeric(p, s int) Type { return Type{Kind: KindNumeric, Precision: p, Scale: s} }

// Binary returns a fixed binary(n) type.
func Binary(n int) Type { return Type{Kind: KindBinary, Length: n} }

// Enum returns an enum type. name is the PostgreSQL type name; MySQL renders
// the values inline and SQLite stores text with a CHECK constraint.
func Enum(name string, values ...string) Type {
	return Type{Kind: KindEnum, EnumName: name, Values: append([]string(nil), values...)}
}

// Raw returns a database-specific type passed through unchanged,
// such as "tsvector", "int[]", "inet", "mediumtext" or "set('a','b')".
func Raw(spelling string) Type { return Type{Kind: KindRaw, Raw: spelling} }

// Equal reports whether two types are the same. Raw spellings compare
// case-insensitively with runs of white space collapsed.
func (t Type) Equal(o Type) bool {
	if t.Kind != o.Kind || t.Length != o.Length || t.Precision != o.Precision ||
		t.Scale != o.Scale || t.WithTimezone != o.WithTimezone ||
		t.EnumName != o.EnumName || t.EnumSchema != o.EnumSchema || len(t.Values) != len(o.Values) {
		return false
	}
	for i := range t.Values {
		if t.Values[i] != o.Values[i] {
			return false
		}
	}
	return normalizeRaw(t.Raw) == normalizeRaw(o.Raw)
}

func normalizeRaw(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// String returns a readable, dialect-neutral spelling, used in messages
// and in the schema diff text.
func (t Type) String() string {
	switch t.Kind {
	case KindRaw:
		return t.Raw
	case KindVarchar, KindChar:
		if t.Length > 0 {
			return fmt.Sprintf("%s(%d)", t.Kind, t.Length)
		}
	case KindBinary:
		if t.Length > 0 {
			return fmt.Sprintf("binary(%d)", t.Length)
		}
		return "blob"
	case KindNumeric:
		if t.Precision > 0 {
			return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
		}
	case KindTime, KindTimestamp:
		s := t.Kind.String()
		if t.Precision > 0 {
			s += fmt.Sprintf("(%d)", t.Precision)
		}
		if t.WithTimezone {
			s += " with time zone"
		}
		return s
	case KindEnum:
		q := make([]string, len(t.Values))
		for i, v := range t.Values {
			q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		name := t.EnumName
		if name != "" {
			name = " " + name
		}
		return "enum" + name + "(" + strings.Join(q, ",") + ")"
	}
	return t.Kind.String()
}

// IsInteger reports whether the type is one of the integer kinds.
func (t Type) IsInteger() bool {
	return t.Kind == KindSmallInt || t.Kind == KindInteger || t.Kind == KindBigInt
}
