package dialect

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// sqliteTimeFormat is how time.Time values are written: ISO-8601 text that
// SQLite's date and time functions read, and the format the modernc.org/sqlite
// driver itself writes for bound time.Time parameters.
const sqliteTimeFormat = "2006-01-02 15:04:05.999999999-07:00"

// QuoteIdent quotes name in double quotes, doubling inner double quotes.
// It refuses the empty name and names containing NUL.
func (d *sqliteDialect) QuoteIdent(name string) (string, error) {
	switch {
	case name == "":
		return "", &IdentifierError{Name: name, Reason: "sqlite: a name cannot be empty"}
	case strings.IndexByte(name, 0) >= 0:
		return "", &IdentifierError{Name: name, Reason: "sqlite: a name cannot contain NUL"}
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`, nil
}

// QuoteQualified quotes schema.name; on SQLite the schema is an attached
// database ("main", "temp" or an ATTACH … AS name). An empty schema gives
// just the quoted name.
func (d *sqliteDialect) QuoteQualified(schema, name string) (string, error) {
	n, err := d.QuoteIdent(name)
	if err != nil {
		return "", err
	}
	if schema == "" {
		return n, nil
	}
	s, err := d.QuoteIdent(schema)
	if err != nil {
		return "", err
	}
	return s + "." + n, nil
}

// Literal renders v as an SQLite literal: NULL, 1/0 for booleans, integers,
// floats (NaN and infinities refused, since SQLite has no literal for them),
// 'text' with doubled quotes (NUL refused), X'hex' blobs, and time.Time as
// ISO-8601 text.
func (d *sqliteDialect) Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		if x {
			return "1", nil
		}
		return "0", nil
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
		return sqliteUint(uint64(x))
	case uint8:
		return sqliteUint(uint64(x))
	case uint16:
		return sqliteUint(uint64(x))
	case uint32:
		return sqliteUint(uint64(x))
	case uint64:
		return sqliteUint(x)
	case float32:
		return sqliteFloat(float64(x), 32)
	case float64:
		return sqliteFloat(x, 64)
	case string:
		if strings.IndexByte(x, 0) >= 0 {
			return "", fmt.Errorf("sqlite: literal %q: a string literal cannot contain NUL; use a []byte (blob) value", x)
		}
		return "'" + strings.ReplaceAll(x, "'", "''") + "'", nil
	case []byte:
		if x == nil {
			return "NULL", nil
		}
		return "X'" + strings.ToUpper(hex.EncodeToString(x)) + "'", nil
	case time.Time:
		return "'" + x.Format(sqliteTimeFormat) + "'", nil
	}
	return "", fmt.Errorf("sqlite: cannot render a literal of type %T", v)
}

// sqliteUint refuses integers above SQLite's 64-bit signed range, which
// SQLite would silently read as an imprecise REAL.
func sqliteUint(x uint64) (string, error) {
	if x > math.MaxInt64 {
		return "", fmt.Errorf("sqlite: integer literal %d is larger than SQLite's 64-bit signed maximum", x)
	}
	return strconv.FormatUint(x, 10), nil
}

// sqliteFloat writes the shortest text that reads back as the same float,
// always with a decimal point or exponent so that SQLite reads a REAL.
func sqliteFloat(f float64, bits int) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("sqlite: float literal %v: SQLite has no literal for NaN or infinity", f)
	}
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s, nil
}
