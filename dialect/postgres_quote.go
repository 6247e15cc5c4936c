package dialect

import (
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// postgresMaxIdentifier is NAMEDATALEN-1: PostgreSQL silently truncates
// longer names, so they are refused instead.
const postgresMaxIdentifier = 63

// QuoteIdent double-quotes name, doubling any double quote inside, so that
// every name is taken literally (case, unicode, reserved words). It refuses
// the empty name, NUL, invalid UTF-8 and names longer than 63 bytes, which
// the server would otherwise truncate without an error.
func (d *postgresDialect) QuoteIdent(name string) (string, error) {
	switch {
	case name == "":
		return "", &IdentifierError{Name: name, Reason: "empty name"}
	case strings.IndexByte(name, 0) >= 0:
		return "", &IdentifierError{Name: name, Reason: "contains a NUL byte"}
	case !utf8.ValidString(name):
		return "", &IdentifierError{Name: name, Reason: "not valid UTF-8"}
	case len(name) > postgresMaxIdentifier:
		return "", &IdentifierError{Name: name, Reason: fmt.Sprintf(
			"%d bytes long; PostgreSQL names are at most %d bytes (longer ones are truncated)", len(name), postgresMaxIdentifier)}
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`, nil
}

// QuoteQualified quotes schema.name, or just name when schema is empty.
func (d *postgresDialect) QuoteQualified(schema, name string) (string, error) {
	n, err := d.QuoteIdent(name)
	if err != nil || schema == "" {
		return n, err
	}
	s, err := d.QuoteIdent(schema)
	if err != nil {
		return "", err
	}
	return s + "." + n, nil
}

// errNULString is returned for strings PostgreSQL cannot store.
var errNULString = errors.New("postgres: a string literal cannot contain a NUL byte (PostgreSQL text cannot store it; use []byte for bytea)")

// Literal renders a Go value as a PostgreSQL literal. Strings use the
// standard form with single quotes doubled, which is right with
// standard_conforming_strings on (the default since PostgreSQL 9.1);
// []byte becomes '\x…'::bytea;
// time.Time becomes an untyped timestamp literal with its UTC offset, which
// the context reads as timestamp, timestamptz or date. Non-finite floats are
// typed: 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float8.
// A driver.Valuer is rendered as the value it returns.
func (d *postgresDialect) Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		if x {
			return "TRUE", nil
		}
		return "FALSE", nil
	case string:
		return postgresString(x)
	case []byte:
		if x == nil {
			return "NULL", nil
		}
		return `'\x` + hex.EncodeToString(x) + `'::bytea`, nil
	case time.Time:
		return "'" + x.Format("2006-01-02 15:04:05.999999-07:00") + "'", nil
	case float32:
		return postgresFloat(float64(x), 32), nil
	case float64:
		return postgresFloat(x, 64), nil
	case driver.Valuer:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return "NULL", nil
		}
		dv, err := x.Value()
		if err != nil {
			return "", fmt.Errorf("postgres: literal of %T: %w", v, err)
		}
		return d.Literal(dv)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		return d.Literal(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10), nil
	case reflect.Float32:
		return postgresFloat(rv.Float(), 32), nil
	case reflect.Float64:
		return postgresFloat(rv.Float(), 64), nil
	case reflect.String:
		return postgresString(rv.String())
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return d.Literal(rv.Bytes())
		}
	case reflect.Pointer:
		if rv.IsNil() {
			return "NULL", nil
		}
		return d.Literal(rv.Elem().Interface())
	}
	return "", fmt.Errorf("postgres: cannot render a literal of type %T", v)
}

func postgresString(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", errNULString
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}

// postgresFloat renders a float with the fewest digits that read back as
// the same value of its size.
func postgresFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "'NaN'::float8"
	case math.IsInf(f, 1):
		return "'Infinity'::float8"
	case math.IsInf(f, -1):
		return "'-Infinity'::float8"
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}
