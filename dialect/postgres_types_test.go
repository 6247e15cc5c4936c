package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

func TestPostgresRenderType(t *testing.T) {
	d := Postgres()
	tests := []struct {
		in   model.Type
		want string
	}{
		{model.SmallInt, "smallint"},
		{model.Integer, "integer"},
		{model.BigInt, "bigint"},
		{model.Boolean, "boolean"},
		{model.Varchar(20), "varchar(20)"},
		{model.Varchar(0), "varchar"},
		{model.Char(3), "char(3)"},
		{model.Char(0), "char(1)"},
		{model.Text, "text"},
		{model.Numeric(10, 2), "numeric(10,2)"},
		{model.Numeric(0, 0), "numeric"},
		{model.Real, "real"},
		{model.Double, "double precision"},
		{model.Date, "date"},
		{model.Time, "time"},
		{model.Type{Kind: model.KindTime, Precision: 3, WithTimezone: true}, "time(3) with time zone"},
		{model.Timestamp, "timestamp"},
		{model.TimestampTZ, "timestamp with time zone"},
		{model.Type{Kind: model.KindTimestamp, Precision: 6}, "timestamp(6)"},
		{model.Interval, "interval"},
		{model.JSON, "json"},
		{model.JSONB, "jsonb"},
		{model.UUID, "uuid"},
		{model.Blob, "bytea"},
		{model.Binary(16), "bytea"},
		{model.Enum("mood", "a", "b"), `"mood"`},
		{model.Type{Kind: model.KindEnum, EnumName: `My"Mood`, EnumSchema: "app", Values: []string{"x"}}, `"app"."My""Mood"`},
		{model.Raw("tsvector"), "tsvector"},
		{model.Raw("integer[]"), "integer[]"},
		{model.Raw("inet"), "inet"},
	}
	for _, tt := range tests {
		got, err := d.RenderType(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("RenderType(%v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestPostgresRenderTypeRefuses(t *testing.T) {
	d := Postgres()
	for _, typ := range []model.Type{
		{},
		{Kind: model.KindEnum, Values: []string{"a"}},
		{Kind: model.KindEnum, EnumName: "a\x00"},
		{Kind: model.KindNumeric, Scale: 2},
		model.Raw(" "),
		{Kind: model.TypeKind(99)},
	} {
		if got, err := d.RenderType(typ); err == nil {
			t.Errorf("RenderType(%#v) = %q; want an error", typ, got)
		}
	}
}

// TestPostgresTypeRoundTrip renders every kind and parses the spelling back,
// both as rendered and as format_type() reports it. Enums are left out (a
// catalog spelling cannot tell an enum from any other named type; the
// inspector reads them from pg_enum) and so is a binary length (bytea has
// none).
func TestPostgresTypeRoundTrip(t *testing.T) {
	d := Postgres()
	tests := []struct {
		typ     model.Type
		catalog string // format_type() spelling
	}{
		{model.SmallInt, "smallint"},
		{model.Integer, "integer"},
		{model.BigInt, "bigint"},
		{model.Boolean, "boolean"},
		{model.Varchar(20), "character varying(20)"},
		{model.Varchar(0), "character varying"},
		{model.Char(3), "character(3)"},
		{model.Char(1), "character(1)"},
		{model.Text, "text"},
		{model.Numeric(10, 2), "numeric(10,2)"},
		{model.Numeric(5, 0), "numeric(5,0)"},
		{model.Numeric(0, 0), "numeric"},
		{model.Real, "real"},
		{model.Double, "double precision"},
		{model.Date, "date"},
		{model.Time, "time without time zone"},
		{model.Type{Kind: model.KindTime, Precision: 3}, "time(3) without time zone"},
		{model.Type{Kind: model.KindTime, WithTimezone: true}, "time with time zone"},
		{model.Type{Kind: model.KindTime, Precision: 2, WithTimezone: true}, "time(2) with time zone"},
		{model.Timestamp, "timestamp without time zone"},
		{model.TimestampTZ, "timestamp with time zone"},
		{model.Type{Kind: model.KindTimestamp, Precision: 3, WithTimezone: true}, "timestamp(3) with time zone"},
		{model.Type{Kind: model.KindTimestamp, Precision: 6}, "timestamp(6) without time zone"},
		{model.Interval, "interval"},
		{model.JSON, "json"},
		{model.JSONB, "jsonb"},
		{model.UUID, "uuid"},
		{model.Blob, "bytea"},
		{model.Raw("tsvector"), "tsvector"},
		{model.Raw("integer[]"), "integer[]"},
		{model.Raw("inet"), "inet"},
		{model.Raw("interval(3)"), "interval(3)"},
	}
	covered := map[model.TypeKind]bool{model.KindEnum: true}
	for _, tt := range tests {
		covered[tt.typ.Kind] = true
		rendered, err := d.RenderType(tt.typ)
		if err != nil {
			t.Errorf("RenderType(%v): %v", tt.typ, err)
			continue
		}
		if got := d.ParseType(rendered); !got.Equal(tt.typ) {
			t.Errorf("ParseType(RenderType(%v) = %q) = %#v; want %#v", tt.typ, rendered, got, tt.typ)
		}
		if got := d.ParseType(tt.catalog); !got.Equal(tt.typ) {
			t.Errorf("ParseType(%q) = %#v; want %#v", tt.catalog, got, tt.typ)
		}
	}
	for k := model.KindInvalid + 1; k <= model.KindRaw; k++ {
		if !covered[k] {
			t.Errorf("kind %s has no round-trip case", k)
		}
	}
}

func TestPostgresParseTypeSynonyms(t *testing.T) {
	d := Postgres()
	tests := []struct {
		in   string
		want model.Type
	}{
		{"int2", model.SmallInt},
		{"smallserial", model.SmallInt},
		{"int", model.Integer},
		{"int4", model.Integer},
		{"INTEGER", model.Integer},
		{"serial", model.Integer},
		{"serial4", model.Integer},
		{"int8", model.BigInt},
		{"bigserial", model.BigInt},
		{"bool", model.Boolean},
		{"varchar(20)", model.Varchar(20)},
		{"VARCHAR( 20 )", model.Varchar(20)},
		{"varchar", model.Varchar(0)},
		{"character", model.Char(1)},
		{"char", model.Char(1)},
		{"char(3)", model.Char(3)},
		{"bpchar(3)", model.Char(3)},
		{"decimal(10,2)", model.Numeric(10, 2)},
		{"decimal", model.Numeric(0, 0)},
		{"numeric(10)", model.Numeric(10, 0)},
		{"float4", model.Real},
		{"float8", model.Double},
		{"float", model.Double},
		{"float(10)", model.Real},
		{"float(25)", model.Double},
		{"double  precision", model.Double},
		{"time", model.Time},
		{"timetz", model.Type{Kind: model.KindTime, WithTimezone: true}},
		{"timetz(3)", model.Type{Kind: model.KindTime, Precision: 3, WithTimezone: true}},
		{"timestamp", model.Timestamp},
		{"timestamptz", model.TimestampTZ},
		{"timestamptz(3)", model.Type{Kind: model.KindTimestamp, Precision: 3, WithTimezone: true}},
		{"timestamp(3)", model.Type{Kind: model.KindTimestamp, Precision: 3}},
		{" Timestamp With Time Zone ", model.TimestampTZ},
		// Unknown or unportable spellings pass through as written.
		{"tsvector", model.Raw("tsvector")},
		{"integer[]", model.Raw("integer[]")},
		{"character varying(20)[]", model.Raw("character varying(20)[]")},
		{"inet", model.Raw("inet")},
		{"Inet", model.Raw("Inet")},
		{`"Mood"`, model.Raw(`"Mood"`)},
		{"app.mood", model.Raw("app.mood")},
		{`"char"`, model.Raw(`"char"`)},
		{"bpchar", model.Raw("bpchar")},
		{"time(0)", model.Raw("time(0)")},
		{"timestamptz with time zone", model.Raw("timestamptz with time zone")},
		{"numeric(0)", model.Raw("numeric(0)")},
		{"varchar(x)", model.Raw("varchar(x)")},
		{"interval day to second", model.Raw("interval day to second")},
		{"bit varying(8)", model.Raw("bit varying(8)")},
		{"float(99)", model.Raw("float(99)")},
	}
	for _, tt := range tests {
		got := d.ParseType(tt.in)
		if !got.Equal(tt.want) || (got.Kind == model.KindRaw && got.Raw != tt.want.Raw) {
			t.Errorf("ParseType(%q) = %#v; want %#v", tt.in, got, tt.want)
		}
	}
}
