package model

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	timeType    = reflect.TypeFor[time.Time]()
	rawJSONType = reflect.TypeFor[json.RawMessage]()

	// sqlNullTypes are the database/sql nullable wrappers and the column
	// type each holds.
	sqlNullTypes = map[reflect.Type]Type{
		reflect.TypeFor[sql.NullString]():  Text,
		reflect.TypeFor[sql.NullInt64]():   BigInt,
		reflect.TypeFor[sql.NullInt32]():   Integer,
		reflect.TypeFor[sql.NullInt16]():   SmallInt,
		reflect.TypeFor[sql.NullByte]():    SmallInt,
		reflect.TypeFor[sql.NullBool]():    Boolean,
		reflect.TypeFor[sql.NullFloat64](): Double,
		reflect.TypeFor[sql.NullTime]():    TimestampTZ,
	}
)

// maxPointerDepth bounds the pointer levels followed, as type P *P has no end.
const maxPointerDepth = 8

// goColumnType maps a Go field type to a column type. nullable is set for
// pointers and the database/sql Null wrappers (including sql.Null[T]) even
// when ok is false, so that a type= override keeps the Go nullability.
func goColumnType(t reflect.Type) (typ Type, nullable, ok bool) {
	for depth := 0; t.Kind() == reflect.Pointer; depth++ {
		if depth == maxPointerDepth {
			return Type{}, true, false
		}
		t = t.Elem()
		nullable = true
	}
	if nt, found := sqlNullTypes[t]; found {
		return nt, true, true
	}
	if inner, found := genericNullValue(t); found {
		typ, _, ok = goColumnType(inner)
		return typ, true, ok
	}
	switch t {
	case timeType:
		return TimestampTZ, nullable, true
	case rawJSONType:
		return JSONB, nullable, true
	}
	switch t.Kind() {
	case reflect.Bool:
		return Boolean, nullable, true
	case reflect.Int8, reflect.Int16, reflect.Uint8:
		return SmallInt, nullable, true
	case reflect.Int, reflect.Int32, reflect.Uint16:
		return Integer, nullable, true
	case reflect.Int64, reflect.Uint32, reflect.Uint, reflect.Uint64:
		return BigInt, nullable, true
	case reflect.Float32:
		return Real, nullable, true
	case reflect.Float64:
		return Double, nullable, true
	case reflect.String:
		return Text, nullable, true
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return Blob, nullable, true
		}
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			if t.Len() == 16 {
				return UUID, nullable, true
			}
			return Binary(t.Len()), nullable, true
		}
	}
	return Type{}, nullable, false
}

// genericNullValue recognises database/sql.Null[T] and returns T.
func genericNullValue(t reflect.Type) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct || t.PkgPath() != "database/sql" || !strings.HasPrefix(t.Name(), "Null[") {
		return nil, false
	}
	f, ok := t.FieldByName("V")
	if !ok {
		return nil, false
	}
	return f.Type, true
}

var (
	typeSpelling = regexp.MustCompile(`^([a-z][a-z0-9_ ]*?) ?(?:\(([0-9, ]*)\))?$`)
	enumSpelling = regexp.MustCompile(`(?is)^enum(?:\s+([A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?))?\s*\((.*)\)$`)
)

// ParseType reads a portable type spelling, the form Type.String writes,
// and returns the type. It accepts, in any case:
//
//	smallint integer bigint (and int, int2, int4, int8) boolean bool text
//	varchar varchar(n) char char(n)
//	numeric numeric(p) numeric(p,s) decimal(p,s)
//	real double "double precision" float4 float8
//	date interval json jsonb uuid blob binary binary(n)
//	time time(p) timestamp timestamp(p), each optionally followed by
//	"with time zone"; timetz and timestamptz are short for that
//	enum('a','b') and "enum name('a','b')" (name may be schema.name)
//
// Anything else is returned as a Raw type with the spelling kept, so
// "int[]", "inet" or "mediumtext" pass through to the database. A Raw type
// whose spelling is one of the names above reads back as the portable type.
func ParseType(s string) Type {
	s = strings.TrimSpace(s)
	if t, ok := parseEnumType(s); ok {
		return t
	}
	low := strings.ToLower(strings.Join(strings.Fields(s), " "))
	tz := false
	if rest, ok := strings.CutSuffix(low, " with time zone"); ok {
		low, tz = rest, true
	} else if rest, ok := strings.CutSuffix(low, " without time zone"); ok {
		low = rest
	}
	m := typeSpelling.FindStringSubmatch(low)
	if m == nil {
		return Raw(s)
	}
	base := m[1]
	var args []int
	if m[2] != "" || strings.HasSuffix(low, ")") {
		for a := range strings.SplitSeq(m[2], ",") {
			n, err := strconv.Atoi(strings.TrimSpace(a))
			if err != nil || n < 0 {
				return Raw(s)
			}
			args = append(args, n)
		}
	}
	arg := func(i int) int {
		if i < len(args) {
			return args[i]
		}
		return 0
	}
	// maxArgs is how many parenthesised numbers the base type takes.
	var t Type
	maxArgs := 0
	switch base {
	case "smallint", "int2":
		t = SmallInt
	case "integer", "int", "int4":
		t = Integer
	case "bigint", "int8":
		t = BigInt
	case "boolean", "bool":
		t = Boolean
	case "text":
		t = Text
	case "varchar", "character varying":
		t, maxArgs = Varchar(arg(0)), 1
	case "char", "character":
		t, maxArgs = Char(arg(0)), 1
	case "numeric", "decimal":
		t, maxArgs = Numeric(arg(0), arg(1)), 2
	case "real", "float4":
		t = Real
	case "double", "double precision", "float8":
		t = Double
	case "date":
		t = Date
	case "interval":
		t = Interval
	case "json":
		t = JSON
	case "jsonb":
		t = JSONB
	case "uuid":
		t = UUID
	case "blob":
		t = Blob
	case "binary":
		t, maxArgs = Binary(arg(0)), 1
	case "time", "timetz":
		t, maxArgs = Type{Kind: KindTime, Precision: arg(0), WithTimezone: tz || base == "timetz"}, 1
	case "timestamp", "timestamptz":
		t, maxArgs = Type{Kind: KindTimestamp, Precision: arg(0), WithTimezone: tz || base == "timestamptz"}, 1
	default:
		return Raw(s)
	}
	if len(args) > maxArgs || (tz && t.Kind != KindTime && t.Kind != KindTimestamp) {
		return Raw(s)
	}
	return t
}

// parseEnumType reads enum('a','b') or enum name('a','b').
func parseEnumType(s string) (Type, bool) {
	m := enumSpelling.FindStringSubmatch(s)
	if m == nil {
		return Type{}, false
	}
	values, ok := parseQuotedList(m[2])
	if !ok || len(values) == 0 {
		return Type{}, false
	}
	t := Enum("", values...)
	if schema, name, found := strings.Cut(m[1], "."); found {
		t.EnumSchema, t.EnumName = schema, name
	} else {
		t.EnumName = m[1]
	}
	return t, true
}

// parseQuotedList reads a comma-separated list of single-quoted strings,
// in which a quote is written twice, and returns the strings.
func parseQuotedList(s string) ([]string, bool) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		if s[0] != '\'' {
			return nil, false
		}
		var b strings.Builder
		i := 1
		for {
			if i >= len(s) {
				return nil, false
			}
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					b.WriteByte('\'')
					i += 2
					continue
				}
				break
			}
			b.WriteByte(s[i])
			i++
		}
		out = append(out, b.String())
		s = strings.TrimSpace(s[i+1:])
		if s == "" {
			break
		}
		if s[0] != ',' {
			return nil, false
		}
		s = strings.TrimSpace(s[1:])
		if s == "" {
			return nil, false
		}
	}
	return out, true
}

// parseDefault reads the value of a default= option: a single-quoted
// string, null, true, false or a decimal number is a literal; anything
// else is an SQL expression.
func parseDefault(v string) *Default {
	switch lv := strings.ToLower(v); {
	case isQuoted(v):
		return DefaultLiteral(unquote(v))
	case lv == "null":
		return &Default{}
	case lv == "true", lv == "false":
		return DefaultLiteral(lv == "true")
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return DefaultLiteral(n)
	}
	if strings.Trim(v, "0123456789+-.eE") == "" && strings.ContainsAny(v, "0123456789") {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return DefaultLiteral(f)
		}
	}
	return DefaultExpr(v)
}
