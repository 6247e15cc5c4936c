package dialect

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// postgresMaxIdentifier is NAMEDATALEN-1: PostgreSQL silently truncates
// longer names, so they are refused instead.
const postgresMaxIdentifier = 63

// postgresIdents are the rules of PostgreSQL names: not empty, no NUL,
// valid UTF-8, at most 63 bytes.
var postgresIdents = identRules{
	empty:       "empty name",
	nul:         "contains a NUL byte",
	invalidUTF8: "not valid UTF-8",
	length: func(name string) string {
		if len(name) > postgresMaxIdentifier {
			return fmt.Sprintf("%d bytes long; PostgreSQL names are at most %d bytes (longer ones are truncated)", len(name), postgresMaxIdentifier)
		}
		return ""
	},
}

// QuoteIdent double-quotes name, doubling any double quote inside, so that
// every name is taken literally (case, unicode, reserved words). It refuses
// the empty name, NUL, invalid UTF-8 and names longer than 63 bytes, which
// the server would otherwise truncate without an error.
func (d *postgresDialect) QuoteIdent(name string) (string, error) {
	return quoteIdent(&postgresIdents, `"`, name)
}

// QuoteQualified quotes schema.name, or just name when schema is empty.
func (d *postgresDialect) QuoteQualified(schema, name string) (string, error) {
	return quoteQualified(d.QuoteIdent, schema, name)
}

// errNULString is returned for strings PostgreSQL cannot store.
var errNULString = errors.New("postgres: a string literal cannot contain a NUL byte (PostgreSQL text cannot store it; use []byte for bytea)")

// postgresLiterals is how PostgreSQL spells literals (see
// postgresDialect.Literal).
var postgresLiterals = literalStyle{
	trueLit:  "TRUE",
	falseLit: "FALSE",
	str:      postgresString,
	bytes:    func(b []byte) string { return `'\x` + hex.EncodeToString(b) + `'::bytea` },
	time:     quotedTime("2006-01-02 15:04:05.999999-07:00"),
	float: func(f float64, bits int) (string, error) {
		return postgresFloat(f, bits), nil
	},
	valuer:       true,
	valuerPrefix: "postgres:",
	underlying:   true,
	unsupported:  "postgres: cannot render a literal of type %T",
}

// Literal renders a Go value as a PostgreSQL literal. Strings use the
// standard form with single quotes doubled, which is right with
// standard_conforming_strings on (the default since PostgreSQL 9.1);
// []byte becomes '\x…'::bytea;
// time.Time becomes an untyped timestamp literal with its UTC offset, which
// the context reads as timestamp, timestamptz or date. Non-finite floats are
// typed: 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float8.
// A driver.Valuer is rendered as the value it returns.
func (d *postgresDialect) Literal(v any) (string, error) {
	return postgresLiterals.literal(v)
}

func postgresString(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", errNULString
	}
	return doubledQuotes(s), nil
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
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if !strings.ContainsAny(s, ".e") {
		// A whole number keeps a fraction, so that the server stores a
		// decimal (2.0, not the integer 2) and prints it back as a float.
		s += ".0"
	}
	return s
}
