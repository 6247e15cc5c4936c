package dialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// RenderType spells a model type in PostgreSQL DDL. Binary types become
// bytea whatever their length (PostgreSQL has no fixed-length binary type);
// an enum is its named type, schema-qualified when EnumSchema is set.
func (d *postgresDialect) RenderType(t model.Type) (string, error) {
	switch t.Kind {
	case model.KindSmallInt:
		return "smallint", nil
	case model.KindInteger:
		return "integer", nil
	case model.KindBigInt:
		return "bigint", nil
	case model.KindBoolean:
		return "boolean", nil
	case model.KindVarchar:
		if t.Length > 0 {
			return fmt.Sprintf("varchar(%d)", t.Length), nil
		}
		return "varchar", nil
	case model.KindChar:
		return fmt.Sprintf("char(%d)", max(t.Length, 1)), nil
	case model.KindText:
		return "text", nil
	case model.KindNumeric:
		switch {
		case t.Precision > 0:
			return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale), nil
		case t.Scale != 0:
			return "", fmt.Errorf("postgres: type %s: a numeric scale needs a precision", t)
		}
		return "numeric", nil
	case model.KindReal:
		return "real", nil
	case model.KindDouble:
		return "double precision", nil
	case model.KindDate:
		return "date", nil
	case model.KindTime, model.KindTimestamp:
		s := t.Kind.String()
		if t.Precision > 0 {
			s += fmt.Sprintf("(%d)", t.Precision)
		}
		if t.WithTimezone {
			s += " with time zone"
		}
		return s, nil
	case model.KindInterval:
		return "interval", nil
	case model.KindJSON:
		return "json", nil
	case model.KindJSONB:
		return "jsonb", nil
	case model.KindUUID:
		return "uuid", nil
	case model.KindBinary:
		return "bytea", nil
	case model.KindEnum:
		if t.EnumName == "" {
			return "", Unsupported(d.Name(), "type "+t.String(), "an enum without a type name",
				"set EnumName and declare the type in MetaData.Enums (PostgreSQL enums are CREATE TYPE … AS ENUM)")
		}
		q, err := d.QuoteQualified(t.EnumSchema, t.EnumName)
		if err != nil {
			return "", fmt.Errorf("postgres: enum type: %w", err)
		}
		return q, nil
	case model.KindRaw:
		if strings.TrimSpace(t.Raw) == "" {
			return "", fmt.Errorf("postgres: a raw type has no spelling")
		}
		return t.Raw, nil
	}
	return "", fmt.Errorf("postgres: cannot render type kind %s", t.Kind)
}

// postgresSimpleTypes maps type names without parameters, as format_type()
// and information_schema spell them and their common synonyms.
var postgresSimpleTypes = map[string]model.Type{
	"smallint":         model.SmallInt,
	"int2":             model.SmallInt,
	"smallserial":      model.SmallInt,
	"serial2":          model.SmallInt,
	"integer":          model.Integer,
	"int":              model.Integer,
	"int4":             model.Integer,
	"serial":           model.Integer,
	"serial4":          model.Integer,
	"bigint":           model.BigInt,
	"int8":             model.BigInt,
	"bigserial":        model.BigInt,
	"serial8":          model.BigInt,
	"boolean":          model.Boolean,
	"bool":             model.Boolean,
	"text":             model.Text,
	"real":             model.Real,
	"float4":           model.Real,
	"double precision": model.Double,
	"float8":           model.Double,
	"float":            model.Double,
	"date":             model.Date,
	"interval":         model.Interval,
	"json":             model.JSON,
	"jsonb":            model.JSONB,
	"uuid":             model.UUID,
	"bytea":            model.Blob,
}

// ParseType reads a type as format_type() or information_schema reports it
// ("character varying(20)", "timestamp(3) with time zone", "int4") into a
// model type, folding synonyms. Serial pseudo-types read as their integer
// type. Anything else, including arrays, enums, domains and explicit zero
// precisions such as time(0), becomes model.Raw with the spelling given.
func (d *postgresDialect) ParseType(raw string) model.Type {
	spelling := strings.TrimSpace(raw)
	s := strings.ToLower(strings.Join(strings.Fields(spelling), " "))
	if t, ok := postgresSimpleTypes[s]; ok {
		return t
	}
	unknown := model.Raw(spelling)
	if strings.HasSuffix(s, "]") || strings.Contains(s, `"`) {
		return unknown // arrays, quoted (user-defined) names
	}
	name, args, suffix, ok := splitTypeName(s)
	if !ok {
		return unknown
	}
	switch name {
	case "character varying", "varchar", "character", "char", "bpchar":
		kind := model.KindChar
		if name == "character varying" || name == "varchar" {
			kind = model.KindVarchar
		}
		if suffix != "" || len(args) > 1 {
			return unknown
		}
		t := model.Type{Kind: kind}
		switch {
		case len(args) == 1 && args[0] > 0:
			t.Length = args[0]
		case len(args) == 1:
			return unknown
		case kind == model.KindChar && name != "bpchar":
			t.Length = 1 // char means char(1)
		case kind == model.KindChar:
			return unknown // bare bpchar is blank-padded text of any length
		}
		return t
	case "numeric", "decimal":
		if suffix != "" || len(args) > 2 || (len(args) > 0 && args[0] == 0) {
			return unknown
		}
		t := model.Type{Kind: model.KindNumeric}
		if len(args) > 0 {
			t.Precision = args[0]
		}
		if len(args) > 1 {
			t.Scale = args[1]
		}
		return t
	case "float":
		if suffix != "" || len(args) != 1 || args[0] < 1 || args[0] > 53 {
			return unknown
		}
		if args[0] <= 24 {
			return model.Real
		}
		return model.Double
	case "time", "timetz", "timestamp", "timestamptz":
		t := model.Type{Kind: model.KindTimestamp}
		if strings.HasPrefix(name, "time") && !strings.HasPrefix(name, "timestamp") {
			t.Kind = model.KindTime
		}
		tz := strings.HasSuffix(name, "tz")
		switch suffix {
		case "":
		case "with time zone":
			if tz {
				return unknown
			}
			tz = true
		case "without time zone":
			if tz {
				return unknown
			}
		default:
			return unknown
		}
		t.WithTimezone = tz
		if len(args) > 1 || (len(args) == 1 && args[0] == 0) {
			return unknown // time(0) has no portable spelling
		}
		if len(args) == 1 {
			t.Precision = args[0]
		}
		return t
	}
	return unknown
}

// splitTypeName splits a normalised type spelling "name(1,2) suffix" into
// its parts. The suffix is what follows the parenthesis (or, without one,
// a trailing "with[out] time zone").
func splitTypeName(s string) (name string, args []int, suffix string, ok bool) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		for _, sfx := range []string{" with time zone", " without time zone"} {
			if rest, found := strings.CutSuffix(s, sfx); found {
				return rest, nil, strings.TrimSpace(sfx), true
			}
		}
		return s, nil, "", true
	}
	closing := strings.IndexByte(s, ')')
	if closing < open {
		return "", nil, "", false
	}
	name = strings.TrimSpace(s[:open])
	for _, a := range strings.Split(s[open+1:closing], ",") {
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil || n < 0 {
			return "", nil, "", false
		}
		args = append(args, n)
	}
	return name, args, strings.TrimSpace(s[closing+1:]), true
}
