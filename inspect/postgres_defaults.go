package inspect

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// pgCastType matches the type name of a cast as pg_get_expr prints it
// after "::": a possibly quoted and schema-qualified name, the multi-word
// built-in names, a type modifier and array brackets.
var pgCastType = regexp.MustCompile(`(?i)^(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)` +
	`(?:\.(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*))?` +
	`(?: (?:varying|precision))?` +
	`(?:\(\d+(?:, ?\d+)?\))?` +
	`(?: with(?:out)? time zone)?` +
	`(?:\[\])*$`)

// pgNumericCasts are the casts after which a quoted literal is a number
// ('-5'::integer is how PostgreSQL prints the default -5).
var pgNumericCasts = []string{"smallint", "integer", "bigint", "numeric", "real", "double precision", "int2", "int4", "int8", "float4", "float8"}

// pgDefault reads a default expression as pg_get_expr prints it. Literals
// come back as model.Default{Literal: …}: quoted strings with their cast
// removed ('x'::character varying → "x"), numbers as int64 or
// float64 (5, 1.50, '-5'::integer), true and false as bool. NULL, with or
// without a cast, is no default (PostgreSQL stores none for DEFAULT NULL).
// Anything else is an expression, kept as printed.
func pgDefault(expr string) *model.Default {
	s := strings.TrimSpace(expr)
	lower := strings.ToLower(s)
	switch {
	case lower == "true":
		return model.DefaultLiteral(true)
	case lower == "false":
		return model.DefaultLiteral(false)
	case lower == "null", strings.HasPrefix(lower, "null::") && pgCastType.MatchString(s[len("null::"):]):
		return nil
	}
	num := s
	if strings.HasPrefix(num, "(") && strings.HasSuffix(num, ")") {
		num = num[1 : len(num)-1] // (-5)
	}
	if v, ok := pgNumber(num, false); ok {
		return model.DefaultLiteral(v)
	}
	lit, rest, ok := pgStringLiteral(s)
	if !ok {
		return model.DefaultExpr(s)
	}
	cast := ""
	if rest != "" {
		c, found := strings.CutPrefix(rest, "::")
		if !found || !pgCastType.MatchString(c) {
			return model.DefaultExpr(s)
		}
		cast = strings.ToLower(c)
	}
	base, _, _ := strings.Cut(cast, "(")
	for _, n := range pgNumericCasts {
		if base == n {
			if v, ok := pgNumber(lit, true); ok {
				return model.DefaultLiteral(v)
			}
			return model.DefaultExpr(s)
		}
	}
	return model.DefaultLiteral(lit)
}

// pgDateTimeCasts are the casts after which a quoted literal is a date,
// time, timestamp or interval value (pgDomainColumnDefault).
var pgDateTimeCasts = []string{"date", "time without time zone", "time with time zone",
	"timestamp without time zone", "timestamp with time zone", "interval"}

// pgDomainColumnDefault reads the default of a column whose type is a
// domain. A literal cast to a date or time type stays an expression, cast
// included: the server keeps the type the default was written in
// (DEFAULT '2018-01-01'::date on a timestamptz domain, as PostgREST's
// fixtures have), and the bare literal would be read as the domain's base
// type instead ('2018-01-01 00:00:00+00'), another default. Anything else
// reads as pgDefault does.
func pgDomainColumnDefault(expr string) *model.Default {
	def := pgDefault(expr)
	if def == nil || def.Expr != "" {
		return def
	}
	s := strings.TrimSpace(expr)
	if _, rest, ok := pgStringLiteral(s); ok {
		cast, _ := strings.CutPrefix(rest, "::")
		base, _, _ := strings.Cut(strings.ToLower(cast), "(")
		if slices.Contains(pgDateTimeCasts, strings.TrimSpace(base)) {
			return model.DefaultExpr(s)
		}
	}
	return def
}

// pgStringLiteral splits a leading standard string literal from the rest
// of s and returns its value, with each doubled quote read as one.
func pgStringLiteral(s string) (value, rest string, ok bool) {
	if !strings.HasPrefix(s, "'") {
		return "", "", false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), s[i+1:], true
	}
	return "", "", false
}

// pgNumber reads an integer as int64 or a decimal as float64. An integer
// too large for int64 is not a number here (it stays an expression, so
// that no digit is lost). NaN and Infinity are numbers only when quoted
// ('NaN'::double precision).
func pgNumber(s string, quoted bool) (any, bool) {
	if s == "" || strings.TrimLeft(s, "+-.0123456789") == s && !quoted {
		return nil, false
	}
	if !strings.ContainsAny(s, ".eEnN") {
		i, err := strconv.ParseInt(s, 10, 64)
		return i, err == nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || (!quoted && (math.IsNaN(f) || math.IsInf(f, 0))) {
		return nil, false
	}
	return f, true
}
