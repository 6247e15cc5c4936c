package dialect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sqliteTimeFormat is how time.Time values are written: ISO-8601 text that
// SQLite's date and time functions read, and the format the modernc.org/sqlite
// driver itself writes for bound time.Time parameters.
const sqliteTimeFormat = "2006-01-02 15:04:05.999999999-07:00"

// sqliteIdents are the rules of SQLite names: not empty, no NUL.
var sqliteIdents = identRules{
	empty: "sqlite: a name cannot be empty",
	nul:   "sqlite: a name cannot contain NUL",
}

// QuoteIdent quotes name in double quotes, doubling inner double quotes.
// It refuses the empty name and names containing NUL.
func (d *sqliteDialect) QuoteIdent(name string) (string, error) {
	return quoteIdent(&sqliteIdents, `"`, name)
}

// QuoteQualified quotes schema.name; on SQLite the schema is an attached
// database ("main", "temp" or an ATTACH … AS name). An empty schema gives
// just the quoted name.
func (d *sqliteDialect) QuoteQualified(schema, name string) (string, error) {
	return quoteQualified(d.QuoteIdent, schema, name)
}

// sqliteLiterals is how SQLite spells literals (see sqliteDialect.Literal).
var sqliteLiterals = literalStyle{
	trueLit:     "1",
	falseLit:    "0",
	str:         sqliteString,
	bytes:       hexBlob,
	time:        quotedTime(sqliteTimeFormat),
	float:       sqliteFloat,
	uint:        sqliteUint,
	underlying:  true,
	unsupported: "sqlite: cannot render a literal of type %T",
}

// Literal renders v as an SQLite literal: NULL, 1/0 for booleans, integers,
// floats (NaN and infinities refused, since SQLite has no literal for them),
// named types as their underlying type and pointers as what they point to,
// 'text' with doubled quotes (NUL refused), X'hex' blobs, and time.Time as
// ISO-8601 text.
func (d *sqliteDialect) Literal(v any) (string, error) {
	return sqliteLiterals.literal(v)
}

// sqliteString quotes s, refusing NUL (SQLite text ends there).
func sqliteString(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("sqlite: literal %q: a string literal cannot contain NUL; use a []byte (blob) value", s)
	}
	return doubledQuotes(s), nil
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
