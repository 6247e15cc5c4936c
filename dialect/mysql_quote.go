package dialect

import (
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// mysqlMaxIdent is the longest identifier MySQL and MariaDB accept, in
// characters (not bytes).
const mysqlMaxIdent = 64

// QuoteIdent quotes name with backticks, doubling any backtick inside, so
// that quotes, unicode and reserved words are safe. It refuses what the
// server would refuse anyway, with a clearer message: the empty name, NUL,
// invalid UTF-8, characters outside the Basic Multilingual Plane, and names
// longer than 64 characters.
func (d *mysqlDialect) QuoteIdent(name string) (string, error) {
	if err := checkMySQLIdent(name); err != nil {
		return "", err
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`", nil
}

func checkMySQLIdent(name string) error {
	switch {
	case name == "":
		return &IdentifierError{Name: name, Reason: "MySQL identifiers cannot be empty"}
	case strings.IndexByte(name, 0) >= 0:
		return &IdentifierError{Name: name, Reason: "MySQL identifiers cannot contain NUL"}
	case !utf8.ValidString(name):
		return &IdentifierError{Name: name, Reason: "MySQL identifiers must be valid UTF-8"}
	}
	n := 0
	for _, r := range name {
		if r > 0xFFFF {
			return &IdentifierError{Name: name, Reason: fmt.Sprintf("%q is outside the Basic Multilingual Plane, which MySQL identifiers cannot hold", r)}
		}
		n++
	}
	if n > mysqlMaxIdent {
		return &IdentifierError{Name: name, Reason: fmt.Sprintf("%d characters long; MySQL identifiers hold at most %d", n, mysqlMaxIdent)}
	}
	return nil
}

// QuoteQualified quotes `schema`.`name` (the schema is a MySQL database),
// or just `name` when schema is empty.
func (d *mysqlDialect) QuoteQualified(schema, name string) (string, error) {
	q, err := d.QuoteIdent(name)
	if err != nil || schema == "" {
		return q, err
	}
	s, err := d.QuoteIdent(schema)
	if err != nil {
		return "", err
	}
	return s + "." + q, nil
}

// Literal renders v as a MySQL literal: NULL, TRUE/FALSE, integers, floats
// (NaN and infinities are refused: MySQL has no such values), strings,
// X'…' for []byte, and '2006-01-02 15:04:05.999999' for time.Time, in UTC
// as go-sql-driver/mysql sends times by default. Named types whose
// underlying kind is one of these are rendered like it.
//
// Strings are escaped for the default sql_mode, where backslash is an
// escape character: \ ' NUL, newline, carriage return and Ctrl-Z are
// escaped, and a single quote is doubled, which also keeps the literal
// closed under NO_BACKSLASH_ESCAPES.
func (d *mysqlDialect) Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		if x {
			return "TRUE", nil
		}
		return "FALSE", nil
	case string:
		return mysqlString(x), nil
	case []byte:
		if x == nil {
			return "NULL", nil
		}
		return "X'" + strings.ToUpper(hex.EncodeToString(x)) + "'", nil
	case time.Time:
		return mysqlTime(x)
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
		return strconv.FormatUint(uint64(x), 10), nil
	case uint8:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint16:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint32:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float32:
		return mysqlFloat(float64(x), 32)
	case float64:
		return mysqlFloat(x, 64)
	}
	return mysqlReflectLiteral(d, v)
}

// mysqlReflectLiteral renders named types (type Status string) by their
// underlying kind.
func mysqlReflectLiteral(d *mysqlDialect, v any) (string, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		return d.Literal(rv.Bool())
	case reflect.String:
		return d.Literal(rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return d.Literal(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return d.Literal(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return d.Literal(rv.Float())
	case reflect.Pointer:
		if rv.IsNil() {
			return "NULL", nil
		}
		return d.Literal(rv.Elem().Interface())
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return d.Literal(rv.Bytes())
		}
	}
	return "", fmt.Errorf("mysql: cannot render a value of type %T as an SQL literal", v)
}

// mysqlString quotes s for the default sql_mode (backslash escapes on).
func mysqlString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`''`)
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case 0x1a:
			b.WriteString(`\Z`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func mysqlFloat(f float64, bits int) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("mysql: cannot render %v as a literal: MySQL has no NaN or infinite values", f)
	}
	return strconv.FormatFloat(f, 'g', -1, bits), nil
}

func mysqlTime(t time.Time) (string, error) {
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("mysql: cannot render time %v as a literal: year %d is outside 0000-9999", t, y)
	}
	return "'" + t.Format("2006-01-02 15:04:05.999999") + "'", nil
}
