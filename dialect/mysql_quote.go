package dialect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// mysqlMaxIdent is the longest identifier MySQL and MariaDB accept, in
// characters (not bytes).
const mysqlMaxIdent = 64

// mysqlIdents are the rules of MySQL identifiers: no empty name, NUL or
// invalid UTF-8, only characters of the Basic Multilingual Plane, and at
// most 64 characters.
var mysqlIdents = identRules{
	empty:       "MySQL identifiers cannot be empty",
	nul:         "MySQL identifiers cannot contain NUL",
	invalidUTF8: "MySQL identifiers must be valid UTF-8",
	length: func(name string) string {
		for _, r := range name {
			if r > 0xFFFF {
				return fmt.Sprintf("%q is outside the Basic Multilingual Plane, which MySQL identifiers cannot hold", r)
			}
		}
		if n := utf8.RuneCountInString(name); n > mysqlMaxIdent {
			return fmt.Sprintf("%d characters long; MySQL identifiers hold at most %d", n, mysqlMaxIdent)
		}
		if strings.HasSuffix(name, " ") {
			return "ends with a space, which MySQL identifiers cannot"
		}
		return ""
	},
}

// QuoteIdent quotes name with backticks, doubling any backtick inside, so
// that quotes, unicode and reserved words are safe. It refuses what the
// server would refuse anyway, with a clearer message: the empty name, NUL,
// invalid UTF-8, characters outside the Basic Multilingual Plane, and names
// longer than 64 characters.
func (d *mysqlDialect) QuoteIdent(name string) (string, error) {
	return quoteIdent(&mysqlIdents, "`", name)
}

// QuoteQualified quotes `schema`.`name` (the schema is a MySQL database),
// or just `name` when schema is empty.
func (d *mysqlDialect) QuoteQualified(schema, name string) (string, error) {
	return quoteQualified(d.QuoteIdent, schema, name)
}

// mysqlLiterals is how MySQL spells literals (see mysqlDialect.Literal).
var mysqlLiterals = literalStyle{
	trueLit:     "TRUE",
	falseLit:    "FALSE",
	str:         func(s string) (string, error) { return mysqlString(s), nil },
	bytes:       hexBlob,
	time:        mysqlTime,
	float:       mysqlFloat,
	underlying:  true,
	unsupported: "mysql: cannot render a value of type %T as an SQL literal",
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
	return mysqlLiterals.literal(v)
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
