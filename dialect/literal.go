package dialect

import (
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// identRules is what a dialect's identifiers may hold; check applies them
// in the same order for every dialect. The reasons are the dialect's own
// wording.
type identRules struct {
	// empty and nul are the reasons for the empty name and a name with NUL.
	empty, nul string
	// invalidUTF8 is the reason for a name that is not valid UTF-8; when
	// empty, any bytes are accepted.
	invalidUTF8 string
	// length, when set, returns why a valid UTF-8 name is too long (or
	// holds a character the database cannot store, or otherwise breaks
	// the database's rules for names), or "".
	length func(name string) string
}

// check returns an *IdentifierError for a name the rules refuse.
func (r *identRules) check(name string) error {
	reason := ""
	switch {
	case name == "":
		reason = r.empty
	case strings.IndexByte(name, 0) >= 0:
		reason = r.nul
	case r.invalidUTF8 != "" && !utf8.ValidString(name):
		reason = r.invalidUTF8
	case r.length != nil:
		reason = r.length(name)
	}
	if reason == "" {
		return nil
	}
	return &IdentifierError{Name: name, Reason: reason}
}

// quoteIdent checks name against rules and encloses it in q, doubling any
// q inside.
func quoteIdent(rules *identRules, q, name string) (string, error) {
	if err := rules.check(name); err != nil {
		return "", err
	}
	return q + strings.ReplaceAll(name, q, q+q) + q, nil
}

// quoteQualified quotes schema.name with quote, or just name when schema
// is empty; the name is checked first.
func quoteQualified(quote func(string) (string, error), schema, name string) (string, error) {
	n, err := quote(name)
	if err != nil || schema == "" {
		return n, err
	}
	s, err := quote(schema)
	if err != nil {
		return "", err
	}
	return s + "." + n, nil
}

// literalStyle is what differs between the dialects' SQL literals;
// literal renders the rest (NULL, integers, the dispatch on Go types) the
// same way for every dialect.
type literalStyle struct {
	// trueLit and falseLit spell the booleans.
	trueLit, falseLit string
	// str quotes a string, or refuses it.
	str func(string) (string, error)
	// bytes spells a non-nil []byte (a nil one is NULL).
	bytes func([]byte) string
	// time spells a time.Time, or refuses it.
	time func(time.Time) (string, error)
	// float spells a float of the given size (32 or 64), special values
	// included, or refuses it.
	float func(f float64, bits int) (string, error)
	// uint, when set, spells unsigned integers (or refuses them); when
	// nil they are written in decimal.
	uint func(uint64) (string, error)
	// valuer renders a driver.Valuer as the value it returns, a nil
	// pointer Valuer as NULL; errors are prefixed with valuerPrefix.
	valuer       bool
	valuerPrefix string
	// underlying renders other values by their reflect kind: named types
	// like their underlying type, pointers as what they point to (NULL
	// when nil), named byte slices as []byte.
	underlying bool
	// unsupported formats the error for any other value (with %T).
	unsupported string
}

// literal renders v as an SQL literal in the style.
func (s *literalStyle) literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		if x {
			return s.trueLit, nil
		}
		return s.falseLit, nil
	case string:
		if !utf8.ValidString(x) {
			return "", fmt.Errorf("literal %q: not valid UTF-8; pass the bytes as a []byte (binary) value", x)
		}
		return s.str(x)
	case []byte:
		if x == nil {
			return "NULL", nil
		}
		return s.bytes(x), nil
	case time.Time:
		return s.time(x)
	case int:
		return strconv.FormatInt(int64(x), 10), nil
	case int8:
		return strconv.FormatInt(int64(x), 10), nil
	case int16:
		return strconv.FormatInt(int64(x), 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint:
		return s.unsigned(uint64(x))
	case uint8:
		return s.unsigned(uint64(x))
	case uint16:
		return s.unsigned(uint64(x))
	case uint32:
		return s.unsigned(uint64(x))
	case uint64:
		return s.unsigned(x)
	case float32:
		return s.float(float64(x), 32)
	case float64:
		return s.float(x, 64)
	}
	if x, ok := v.(driver.Valuer); ok && s.valuer {
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return "NULL", nil
		}
		dv, err := x.Value()
		if err != nil {
			return "", fmt.Errorf("%s literal of %T: %w", s.valuerPrefix, v, err)
		}
		return s.literal(dv)
	}
	if s.underlying {
		if lit, ok, err := s.byKind(v); ok {
			return lit, err
		}
	}
	return "", fmt.Errorf(s.unsupported, v)
}

// unsigned renders an unsigned integer.
func (s *literalStyle) unsigned(x uint64) (string, error) {
	if s.uint != nil {
		return s.uint(x)
	}
	return strconv.FormatUint(x, 10), nil
}

// byKind renders v by its reflect kind; ok is false for a kind that has
// no literal.
func (s *literalStyle) byKind(v any) (lit string, ok bool, err error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		lit, err = s.literal(rv.Bool())
	case reflect.String:
		lit, err = s.literal(rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		lit, err = s.literal(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		lit, err = s.literal(rv.Uint())
	case reflect.Float32, reflect.Float64:
		lit, err = s.float(rv.Float(), rv.Type().Bits())
	case reflect.Pointer:
		if rv.IsNil() {
			return "NULL", true, nil
		}
		lit, err = s.literal(rv.Elem().Interface())
	case reflect.Slice:
		if rv.Type().Elem().Kind() != reflect.Uint8 {
			return "", false, nil
		}
		lit, err = s.literal(rv.Bytes())
	default:
		return "", false, nil
	}
	return lit, true, err
}

// hexBlob spells bytes as X'…' with upper-case hexadecimal digits.
func hexBlob(b []byte) string {
	return "X'" + strings.ToUpper(hex.EncodeToString(b)) + "'"
}

// quotedTime returns a time spelling: the time in layout, single-quoted.
func quotedTime(layout string) func(time.Time) (string, error) {
	return func(t time.Time) (string, error) { return "'" + t.Format(layout) + "'", nil }
}

// doubledQuotes quotes s in single quotes, doubling the quotes inside.
func doubledQuotes(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
