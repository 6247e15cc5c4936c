package dialect

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/migratego/migrate/model"
)

// SQLite stores any value in any column; a declared type only gives the
// column an affinity. The dialect therefore writes declared types that keep
// the model's information (VARCHAR(20), NUMERIC(10,2), TIMESTAMPTZ, UUID …)
// and ParseType reads them back. Every spelling below has the affinity one
// expects: the integer kinds contain "INT", the text kinds "CHAR" or "TEXT",
// the floats "REAL" or "DOUB", blobs "BLOB"; the rest (BOOLEAN, NUMERIC,
// DATE, TIME, TIMESTAMP, JSON, UUID) get NUMERIC affinity, under which text
// that does not look like a number stays text.

// RenderType spells a model type as an SQLite declared type.
//
// An enum renders as VARCHAR(n), n being its longest value in characters;
// CreateTable adds the column constraint CHECK ("col" IN ('a', 'b')) (see
// EnumCheck). Intervals have no SQLite counterpart and are refused.
func (d *sqliteDialect) RenderType(t model.Type) (string, error) {
	withLen := func(name string, n int) string {
		if n > 0 {
			return fmt.Sprintf("%s(%d)", name, n)
		}
		return name
	}
	switch t.Kind {
	case model.KindSmallInt:
		return "SMALLINT", nil
	case model.KindInteger:
		return "INTEGER", nil
	case model.KindBigInt:
		return "BIGINT", nil
	case model.KindBoolean:
		return "BOOLEAN", nil
	case model.KindVarchar:
		return withLen("VARCHAR", t.Length), nil
	case model.KindChar:
		return withLen("CHAR", t.Length), nil
	case model.KindText:
		return "TEXT", nil
	case model.KindNumeric:
		switch {
		case t.Precision > 0:
			return fmt.Sprintf("NUMERIC(%d,%d)", t.Precision, t.Scale), nil
		case t.Scale != 0:
			return "", fmt.Errorf("sqlite: type %s: a numeric scale needs a precision", t)
		}
		return "NUMERIC", nil
	case model.KindReal:
		return "REAL", nil
	case model.KindDouble:
		return "DOUBLE", nil
	case model.KindDate:
		return "DATE", nil
	case model.KindTime:
		if t.WithTimezone {
			return withLen("TIMETZ", t.Precision), nil
		}
		return withLen("TIME", t.Precision), nil
	case model.KindTimestamp:
		if t.WithTimezone {
			return withLen("TIMESTAMPTZ", t.Precision), nil
		}
		return withLen("TIMESTAMP", t.Precision), nil
	case model.KindJSON:
		return "JSON", nil
	case model.KindJSONB:
		return "JSONB", nil
	case model.KindUUID:
		return "UUID", nil
	case model.KindBinary:
		return withLen("BLOB", t.Length), nil
	case model.KindEnum:
		if len(t.Values) == 0 {
			return "", fmt.Errorf("sqlite: enum type %s has no values", t)
		}
		n := 1
		for _, v := range t.Values {
			n = max(n, utf8.RuneCountInString(v))
		}
		return fmt.Sprintf("VARCHAR(%d)", n), nil
	case model.KindInterval:
		return "", Unsupported(d.Name(), "type "+t.String(), "an interval type",
			"store a number of seconds in an INTEGER column, or ISO-8601 duration text")
	case model.KindRaw:
		if t.Raw == "" {
			return "", fmt.Errorf("sqlite: a raw type has no spelling")
		}
		return t.Raw, nil
	case model.KindNone:
		return "", nil // a column declared without a type
	}
	return "", fmt.Errorf("sqlite: cannot render type kind %s", t.Kind)
}

// strictType returns the type a column of a STRICT table has: such a
// table accepts only INT, INTEGER, REAL, TEXT, BLOB and ANY, so the kinds
// with one of those storage classes take its name (the integer kinds are
// INTEGER, REAL and DOUBLE are REAL, the character kinds TEXT, binary
// BLOB), in the DDL and in normal form alike: on a STRICT table they are
// one type. Other kinds stay as they are, for SQLite to refuse.
func strictType(t model.Type) model.Type {
	switch t.Kind {
	case model.KindSmallInt, model.KindInteger, model.KindBigInt:
		return model.Integer
	case model.KindReal, model.KindDouble:
		return model.Real
	case model.KindVarchar, model.KindChar, model.KindText:
		return model.Text
	case model.KindBinary:
		return model.Blob
	}
	return t
}

// EnumCheck returns the column constraint CreateTable writes after an enum
// column: CHECK ("col" IN ('a', 'b')), values in declaration order, one
// space after each comma. An inspector recognises an enum column by this
// exact shape (a column-level check on a VARCHAR column); callers reach it
// by type assertion on interface{ EnumCheck(string, []string) (string, error) }.
func (d *sqliteDialect) EnumCheck(column string, values []string) (string, error) {
	col, err := d.QuoteIdent(column)
	if err != nil {
		return "", err
	}
	lits := make([]string, len(values))
	for i, v := range values {
		if lits[i], err = d.Literal(v); err != nil {
			return "", fmt.Errorf("sqlite: enum column %q: %w", column, err)
		}
	}
	return "CHECK (" + col + " IN (" + strings.Join(lits, ", ") + "))", nil
}

// sqliteTypeNames folds declared-type names (upper case, single spaces,
// without the parenthesised arguments) onto model kinds.
var sqliteTypeNames = map[string]model.TypeKind{
	"SMALLINT": model.KindSmallInt,
	"INT2":     model.KindSmallInt,

	"INT":     model.KindInteger,
	"INTEGER": model.KindInteger,
	"INT4":    model.KindInteger,

	"BIGINT": model.KindBigInt,
	"INT8":   model.KindBigInt,

	"BOOL":    model.KindBoolean,
	"BOOLEAN": model.KindBoolean,

	"VARCHAR":                    model.KindVarchar,
	"VARCHAR2":                   model.KindVarchar,
	"NVARCHAR":                   model.KindVarchar,
	"NVARCHAR2":                  model.KindVarchar,
	"CHARACTER VARYING":          model.KindVarchar,
	"CHAR VARYING":               model.KindVarchar,
	"VARYING CHARACTER":          model.KindVarchar,
	"NATIONAL VARYING CHARACTER": model.KindVarchar,
	"NATIONAL CHARACTER VARYING": model.KindVarchar,

	"CHAR":               model.KindChar,
	"CHARACTER":          model.KindChar,
	"NCHAR":              model.KindChar,
	"NATIVE CHARACTER":   model.KindChar,
	"NATIONAL CHARACTER": model.KindChar,

	"TEXT": model.KindText,
	"CLOB": model.KindText,

	"NUMERIC": model.KindNumeric,
	"DECIMAL": model.KindNumeric,
	"DEC":     model.KindNumeric,

	"REAL":   model.KindReal,
	"FLOAT4": model.KindReal,

	"DOUBLE":           model.KindDouble,
	"DOUBLE PRECISION": model.KindDouble,
	"FLOAT":            model.KindDouble, // FLOAT(p) with p <= 24 is REAL, below
	"FLOAT8":           model.KindDouble,

	"DATE": model.KindDate,

	"TIME":                        model.KindTime,
	"TIME WITHOUT TIME ZONE":      model.KindTime,
	"TIMESTAMP":                   model.KindTimestamp,
	"DATETIME":                    model.KindTimestamp,
	"TIMESTAMP WITHOUT TIME ZONE": model.KindTimestamp,

	"JSON":  model.KindJSON,
	"JSONB": model.KindJSONB,
	"UUID":  model.KindUUID,

	"BLOB":      model.KindBinary,
	"BINARY":    model.KindBinary,
	"VARBINARY": model.KindBinary,
	"BYTEA":     model.KindBinary,
}

// sqliteZonedNames are the time types with a time zone.
var sqliteZonedNames = map[string]model.TypeKind{
	"TIMETZ":                   model.KindTime,
	"TIME WITH TIME ZONE":      model.KindTime,
	"TIMESTAMPTZ":              model.KindTimestamp,
	"TIMESTAMP WITH TIME ZONE": model.KindTimestamp,
}

// ParseType reads a declared type as sqlite_schema and pragma_table_info
// report it (any case, any spacing, with or without arguments) into a model
// type, folding synonyms: INT and INTEGER are integer, NVARCHAR(20) is
// varchar(20), DOUBLE PRECISION and FLOAT are double, DATETIME is timestamp,
// CLOB is text. The empty declared type of a column without a type is
// model.KindNone. Anything else becomes model.Raw with the original
// spelling (trimmed).
func (d *sqliteDialect) ParseType(raw string) model.Type {
	orig := strings.TrimSpace(raw)
	if orig == "" {
		return model.Type{Kind: model.KindNone}
	}
	name, args, ok := splitSQLiteType(orig)
	if !ok {
		return model.Raw(orig)
	}
	kind, zoned := sqliteTypeNames[name], false
	if kind == model.KindInvalid {
		kind, zoned = sqliteZonedNames[name], true
	}
	nargs := len(args)
	arg := func(i int) int {
		if i < nargs {
			return args[i]
		}
		return 0
	}
	switch kind {
	case model.KindInvalid:
		return model.Raw(orig)
	case model.KindSmallInt, model.KindInteger, model.KindBigInt:
		// INT(11): a display width, meaningless to SQLite.
		if nargs <= 1 {
			return model.Type{Kind: kind}
		}
	case model.KindVarchar, model.KindChar:
		if nargs <= 1 && arg(0) >= 0 {
			return model.Type{Kind: kind, Length: arg(0)}
		}
	case model.KindBinary:
		if nargs <= 1 && arg(0) >= 0 && (nargs == 1 || name == "BLOB" || name == "BYTEA") {
			return model.Type{Kind: kind, Length: arg(0)}
		}
	case model.KindNumeric:
		if arg(0) >= 0 && arg(1) >= 0 {
			return model.Numeric(arg(0), arg(1))
		}
	case model.KindDouble:
		if name == "FLOAT" && nargs == 1 && arg(0) > 0 && arg(0) <= 24 {
			return model.Real
		}
		if nargs == 0 || (name == "FLOAT" && nargs == 1 && arg(0) > 0) {
			return model.Double
		}
	case model.KindTime, model.KindTimestamp:
		if nargs <= 1 && arg(0) >= 0 {
			return model.Type{Kind: kind, Precision: arg(0), WithTimezone: zoned}
		}
	default:
		if nargs == 0 {
			return model.Type{Kind: kind}
		}
	}
	return model.Raw(orig)
}

// splitSQLiteType splits a declared type into its upper-case name, words
// joined by single spaces, and up to two signed integer arguments. ok is
// false when the text is not of that shape.
func splitSQLiteType(s string) (name string, args []int, ok bool) {
	if s == "" {
		return "", nil, false
	}
	head := s
	if i := strings.IndexByte(s, '('); i >= 0 {
		if !strings.HasSuffix(s, ")") {
			return "", nil, false
		}
		head = s[:i]
		inner := s[i+1 : len(s)-1]
		parts := strings.Split(inner, ",")
		if len(parts) > 2 {
			return "", nil, false
		}
		for _, p := range parts {
			n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(p), "+"))
			if err != nil {
				return "", nil, false
			}
			args = append(args, n)
		}
	}
	words := strings.Fields(head)
	if len(words) == 0 {
		return "", nil, false
	}
	return strings.ToUpper(strings.Join(words, " ")), args, true
}
