package dialect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// mysqlMaxFSP is the largest fractional-seconds precision of time types.
const mysqlMaxFSP = 6

// RenderType spells a model type in MySQL/MariaDB DDL.
//
// The mapping, chosen so that ParseType of what the catalog reports gives
// the same model type back:
//
//	smallint, integer, bigint  smallint, int, bigint
//	boolean                    tinyint(1) (MySQL's BOOL)
//	varchar(n)                 varchar(n); a length is required
//	char(n)                    char(n), char(1) without a length
//	text                       text (64 KiB; use Raw("longtext") for more)
//	numeric(p,s)               decimal(p,s); without a precision decimal(10,0),
//	                           MySQL's default (no fraction digits)
//	real, double               float, double
//	date, time(p)              date, time(p); no time with time zone
//	timestamp(p)               datetime(p): a wall-clock date and time
//	timestamptz(p)             timestamp(p): an instant, stored in UTC and
//	                           shown in the session time zone (1970–2038)
//	interval                   not supported
//	json, jsonb                json (on MariaDB an alias of longtext with a
//	                           json_valid check, reported as longtext)
//	uuid                       uuid on MariaDB 10.7+, else char(36)
//	binary(n), binary          binary(n), blob (64 KiB; Raw("longblob") for more)
//	enum                       ENUM('a','b') inline; EnumName is ignored
//	raw                        passed through unchanged
func (d *mysqlDialect) RenderType(t model.Type) (string, error) {
	obj := "type " + t.String()
	switch t.Kind {
	case model.KindSmallInt:
		return "smallint", nil
	case model.KindInteger:
		return "int", nil
	case model.KindBigInt:
		return "bigint", nil
	case model.KindBoolean:
		return "tinyint(1)", nil
	case model.KindVarchar:
		if t.Length <= 0 {
			return "", Unsupported(d.Name(), obj, "varchar without a length",
				"give it a Length (up to 16383 characters in utf8mb4), or use text")
		}
		return fmt.Sprintf("varchar(%d)", t.Length), nil
	case model.KindChar:
		n := t.Length
		if n <= 0 {
			n = 1
		}
		return fmt.Sprintf("char(%d)", n), nil
	case model.KindText:
		return "text", nil
	case model.KindNumeric:
		switch {
		case t.Precision > 0:
			return fmt.Sprintf("decimal(%d,%d)", t.Precision, t.Scale), nil
		case t.Scale > 0:
			return "", fmt.Errorf("mysql: %s: a scale needs a precision", obj)
		}
		// MySQL's default; spelled out so that it reads back unchanged.
		return "decimal(10,0)", nil
	case model.KindReal:
		return "float", nil
	case model.KindDouble:
		return "double", nil
	case model.KindDate:
		return "date", nil
	case model.KindTime:
		if t.WithTimezone {
			return "", Unsupported(d.Name(), obj, "time with time zone", "use time and store UTC")
		}
		return withFSP("time", t.Precision)
	case model.KindTimestamp:
		if t.WithTimezone {
			return withFSP("timestamp", t.Precision)
		}
		return withFSP("datetime", t.Precision)
	case model.KindInterval:
		return "", Unsupported(d.Name(), obj, "the interval type",
			"store a number of seconds in a bigint, or use time for spans under 839 hours")
	case model.KindJSON, model.KindJSONB:
		return "json", nil
	case model.KindUUID:
		if d.nativeUUID() {
			return "uuid", nil
		}
		return "char(36)", nil
	case model.KindBinary:
		if t.Length > 0 {
			return fmt.Sprintf("binary(%d)", t.Length), nil
		}
		return "blob", nil
	case model.KindEnum:
		if len(t.Values) == 0 {
			return "", fmt.Errorf("mysql: %s has no values", obj)
		}
		q := make([]string, len(t.Values))
		for i, v := range t.Values {
			q[i] = mysqlString(v)
		}
		return "enum(" + strings.Join(q, ",") + ")", nil
	case model.KindRaw:
		if strings.TrimSpace(t.Raw) == "" {
			return "", fmt.Errorf("mysql: a raw type has no spelling")
		}
		return t.Raw, nil
	case model.KindNone:
		return "", Unsupported(d.Name(), "type "+t.String(), "a column without a type",
			"only SQLite has untyped columns; give the column a type")
	}
	return "", fmt.Errorf("mysql: cannot render type kind %v", t.Kind)
}

func withFSP(name string, p int) (string, error) {
	switch {
	case p < 0 || p > mysqlMaxFSP:
		return "", fmt.Errorf("mysql: type %s: fractional seconds precision %d is outside 0-%d", name, p, mysqlMaxFSP)
	case p == 0:
		return name, nil
	}
	return fmt.Sprintf("%s(%d)", name, p), nil
}

// mysqlTypeModifiers may follow a numeric type.
var mysqlTypeModifiers = []string{"unsigned", "signed", "zerofill"}

// ParseType reads a column type as information_schema.COLUMNS.COLUMN_TYPE
// reports it on MySQL 8 ("int", "tinyint(1)", "bigint unsigned") and
// MariaDB ("int(11)", "bigint(20) unsigned", "longtext"), or as a user
// writes it ("INTEGER", "bool", "numeric(10,2)", "double precision").
// Integer display widths are dropped, also inside raw types, so that both
// servers' spellings compare equal. Anything without a portable kind
// (mediumtext, tinyint unsigned, set('a','b'), year) becomes model.Raw.
//
// A MariaDB JSON column is reported as longtext (with a json_valid check
// constraint); ParseType cannot see the check and returns Raw("longtext").
func (d *mysqlDialect) ParseType(raw string) model.Type {
	s := strings.TrimSpace(raw)
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "enum") {
		if vals, ok := parseMySQLValueList(strings.TrimSpace(s[len("enum"):])); ok {
			return model.Enum("", vals...)
		}
		return model.Raw(s)
	}
	base, args, mods, ok := splitMySQLType(lower)
	if !ok {
		return model.Raw(s)
	}
	n, nargs := mysqlTypeArgs(args)
	plain := len(mods) == 0 || (len(mods) == 1 && mods[0] == "signed")
	if !plain {
		return mysqlRawWithModifiers(base, args, mods)
	}
	switch base {
	case "tinyint":
		if nargs == 1 && n[0] == 1 {
			return model.Boolean
		}
		return model.Raw("tinyint")
	case "bool", "boolean":
		return model.Boolean
	case "smallint":
		return model.SmallInt
	case "mediumint":
		return model.Raw("mediumint")
	case "int", "integer":
		return model.Integer
	case "bigint":
		return model.BigInt
	case "varchar", "character varying", "char varying":
		if nargs == 1 {
			return model.Varchar(n[0])
		}
		if nargs == 0 {
			return model.Varchar(0)
		}
	case "char", "character":
		switch {
		case nargs == 0:
			return model.Char(1)
		case nargs == 1 && n[0] == 36 && !d.nativeUUID():
			return model.UUID
		case nargs == 1:
			return model.Char(n[0])
		}
	case "text":
		return model.Text
	case "decimal", "numeric", "dec", "fixed":
		switch nargs {
		case 0:
			return model.Numeric(0, 0)
		case 1:
			return model.Numeric(n[0], 0)
		case 2:
			return model.Numeric(n[0], n[1])
		}
	case "float":
		switch {
		case nargs == 0:
			return model.Real
		case nargs == 1 && n[0] <= 24:
			return model.Real
		case nargs == 1:
			return model.Double
		}
	case "double", "double precision", "real":
		if nargs == 0 {
			return model.Double
		}
	case "date":
		if nargs == 0 {
			return model.Date
		}
	case "time", "datetime", "timestamp":
		p := 0
		if nargs == 1 {
			p = n[0]
		} else if nargs != 0 {
			break
		}
		switch base {
		case "time":
			return model.Type{Kind: model.KindTime, Precision: p}
		case "datetime":
			return model.Type{Kind: model.KindTimestamp, Precision: p}
		}
		return model.Type{Kind: model.KindTimestamp, Precision: p, WithTimezone: true}
	case "json":
		return model.JSON
	case "uuid":
		return model.UUID
	case "binary":
		switch nargs {
		case 0:
			return model.Binary(1)
		case 1:
			return model.Binary(n[0])
		}
	case "blob":
		return model.Blob
	case "year":
		return model.Raw("year")
	}
	if isMySQLIntType(base) {
		return model.Raw(base)
	}
	return model.Raw(s)
}

func isMySQLIntType(base string) bool {
	switch base {
	case "tinyint", "smallint", "mediumint", "int", "integer", "bigint":
		return true
	}
	return false
}

// mysqlRawWithModifiers spells a numeric type with unsigned/zerofill as a
// raw type. Integer display widths are dropped unless zerofill uses them.
func mysqlRawWithModifiers(base, args string, mods []string) model.Type {
	zerofill := slices.Contains(mods, "zerofill")
	s := base
	if args != "" && (!isMySQLIntType(base) || zerofill) {
		s += "(" + args + ")"
	}
	var keep []string
	for _, m := range mods {
		if m != "signed" {
			keep = append(keep, m)
		}
	}
	if len(keep) > 0 {
		s += " " + strings.Join(keep, " ")
	}
	return model.Raw(s)
}

// splitMySQLType splits a lower-case type such as "double precision",
// "int(10) unsigned zerofill" or "decimal(10, 2)" into its base name, the
// text between parentheses (spaces removed), and trailing modifiers. ok is
// false when the text has another shape (set('a'), character set clauses).
func splitMySQLType(s string) (base, args string, mods []string, ok bool) {
	head, tail := s, ""
	if i := strings.IndexByte(s, '('); i >= 0 {
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return "", "", nil, false
		}
		head, args, tail = s[:i], s[i+1:i+j], s[i+j+1:]
		if strings.ContainsAny(args, "'\"`(") {
			return "", "", nil, false
		}
		args = strings.Join(strings.Fields(args), "")
	}
	words := strings.Fields(head)
	for len(words) > 1 && slices.Contains(mysqlTypeModifiers, words[len(words)-1]) {
		mods = append([]string{words[len(words)-1]}, mods...)
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return "", "", nil, false
	}
	if len(mods) > 0 && (args != "" || tail != "") {
		// "int unsigned(10)" is not a type spelling.
		return "", "", nil, false
	}
	for _, w := range strings.Fields(tail) {
		if !slices.Contains(mysqlTypeModifiers, w) {
			return "", "", nil, false
		}
		mods = append(mods, w)
	}
	return strings.Join(words, " "), args, mods, true
}

// mysqlTypeArgs reads "10,2" as integers; nargs is -1 when an argument is
// not a number.
func mysqlTypeArgs(args string) (n []int, nargs int) {
	if args == "" {
		return nil, 0
	}
	for _, a := range strings.Split(args, ",") {
		v, err := strconv.Atoi(a)
		if err != nil || v < 0 {
			return nil, -1
		}
		n = append(n, v)
	}
	return n, len(n)
}

// parseMySQLValueList reads an ENUM or SET value list as COLUMN_TYPE shows
// it, such as ('a','b\\c'), into its values: a doubled single quote is a
// quote, and backslash escapes are unescaped.
func parseMySQLValueList(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return nil, false
	}
	s = s[1 : len(s)-1]
	var vals []string
	i := 0
	for {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) || s[i] != '\'' {
			return nil, false
		}
		i++
		var b strings.Builder
		closed := false
		for i < len(s) && !closed {
			c := s[i]
			switch {
			case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
				b.WriteByte('\'')
				i += 2
			case c == '\'':
				closed = true
				i++
			case c == '\\' && i+1 < len(s):
				b.WriteString(UnescapeMySQL(s[i+1]))
				i += 2
			default:
				b.WriteByte(c)
				i++
			}
		}
		if !closed {
			return nil, false
		}
		vals = append(vals, b.String())
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			return vals, len(vals) > 0
		}
		if s[i] != ',' {
			return nil, false
		}
		i++
	}
}

// UnescapeMySQL returns what a backslash followed by c means in a MySQL
// string literal: \0, \n, \r, \t, \b and \Z are control characters, and
// any other character stands for itself. The inspector reads catalog
// strings with it.
func UnescapeMySQL(c byte) string {
	switch c {
	case '0':
		return "\x00"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'b':
		return "\b"
	case 'Z':
		return "\x1a"
	}
	return string(c)
}
