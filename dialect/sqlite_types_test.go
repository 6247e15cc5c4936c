package dialect

import (
	"errors"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestSQLiteTypeRoundTrip renders every supported kind and parses the text
// back: the model type must survive, so that autogenerate sees no change.
func TestSQLiteTypeRoundTrip(t *testing.T) {
	d := SQLite()
	cases := []struct {
		typ  model.Type
		want string
	}{
		{model.SmallInt, "SMALLINT"},
		{model.Integer, "INTEGER"},
		{model.BigInt, "BIGINT"},
		{model.Boolean, "BOOLEAN"},
		{model.Varchar(0), "VARCHAR"},
		{model.Varchar(255), "VARCHAR(255)"},
		{model.Char(0), "CHAR"},
		{model.Char(2), "CHAR(2)"},
		{model.Text, "TEXT"},
		{model.Numeric(0, 0), "NUMERIC"},
		{model.Numeric(10, 0), "NUMERIC(10,0)"},
		{model.Numeric(12, 2), "NUMERIC(12,2)"},
		{model.Real, "REAL"},
		{model.Double, "DOUBLE"},
		{model.Date, "DATE"},
		{model.Time, "TIME"},
		{model.Type{Kind: model.KindTime, Precision: 3}, "TIME(3)"},
		{model.Type{Kind: model.KindTime, WithTimezone: true}, "TIMETZ"},
		{model.Type{Kind: model.KindTime, Precision: 6, WithTimezone: true}, "TIMETZ(6)"},
		{model.Timestamp, "TIMESTAMP"},
		{model.Type{Kind: model.KindTimestamp, Precision: 6}, "TIMESTAMP(6)"},
		{model.TimestampTZ, "TIMESTAMPTZ"},
		{model.Type{Kind: model.KindTimestamp, Precision: 3, WithTimezone: true}, "TIMESTAMPTZ(3)"},
		{model.JSON, "JSON"},
		{model.JSONB, "JSONB"},
		{model.UUID, "UUID"},
		{model.Blob, "BLOB"},
		{model.Binary(16), "BLOB(16)"},
		{model.Raw("ANY"), "ANY"},
		{model.Raw("geometry(Point)"), "geometry(Point)"},
	}
	for _, tc := range cases {
		got, err := d.RenderType(tc.typ)
		if err != nil || got != tc.want {
			t.Errorf("RenderType(%s) = %q, %v; want %q", tc.typ, got, err, tc.want)
			continue
		}
		if back := d.ParseType(got); !back.Equal(tc.typ) {
			t.Errorf("ParseType(RenderType(%s) = %q) = %s (%#v)", tc.typ, got, back, back)
		}
	}
}

func TestSQLiteRenderTypeEnumAndErrors(t *testing.T) {
	d := SQLite()
	got, err := d.RenderType(model.Enum("mood", "happy", "sad", "naïveté"))
	if err != nil || got != "VARCHAR(7)" {
		t.Errorf("RenderType(enum) = %q, %v; want VARCHAR(7) (longest value, in characters)", got, err)
	}
	ck, err := SQLite().(*sqliteDialect).EnumCheck(`mo"od`, []string{"happy", "it's"})
	if want := `CHECK ("mo""od" IN ('happy', 'it''s'))`; err != nil || ck != want {
		t.Errorf("EnumCheck = %q, %v; want %q", ck, err, want)
	}

	_, err = d.RenderType(model.Interval)
	var ue *UnsupportedError
	if !errors.As(err, &ue) || err.Error() != "sqlite: type interval: an interval type is not supported; store a number of seconds in an INTEGER column, or ISO-8601 duration text" {
		t.Errorf("RenderType(interval) = %v; want an *UnsupportedError", err)
	}
	for _, bad := range []model.Type{{}, model.Raw(""), {Kind: model.KindNumeric, Scale: 2}, {Kind: model.KindEnum}} {
		if s, err := d.RenderType(bad); err == nil {
			t.Errorf("RenderType(%#v) = %q; want an error", bad, s)
		}
	}
}

// TestSQLiteParseType covers the spellings found in real SQLite schemas,
// written by hand or by other tools.
func TestSQLiteParseType(t *testing.T) {
	d := SQLite()
	cases := []struct {
		raw  string
		want model.Type
	}{
		{"INT", model.Integer},
		{"int", model.Integer},
		{"Integer", model.Integer},
		{"INT(11)", model.Integer},
		{"INT4", model.Integer},
		{"  integer  ", model.Integer},
		{"smallint", model.SmallInt},
		{"INT2", model.SmallInt},
		{"BIGINT", model.BigInt},
		{"int8", model.BigInt},
		{"BOOL", model.Boolean},
		{"boolean", model.Boolean},
		{"VARCHAR(20)", model.Varchar(20)},
		{"varchar ( 20 )", model.Varchar(20)},
		{"VARCHAR", model.Varchar(0)},
		{"NVARCHAR(100)", model.Varchar(100)},
		{"NVARCHAR", model.Varchar(0)},
		{"character varying(30)", model.Varchar(30)},
		{"VARYING CHARACTER(255)", model.Varchar(255)},
		{"NATIONAL VARYING CHARACTER(10)", model.Varchar(10)},
		{"CHAR(2)", model.Char(2)},
		{"CHARACTER(20)", model.Char(20)},
		{"NCHAR(55)", model.Char(55)},
		{"NATIVE CHARACTER(70)", model.Char(70)},
		{"TEXT", model.Text},
		{"CLOB", model.Text},
		{"NUMERIC", model.Numeric(0, 0)},
		{"NUMERIC(10)", model.Numeric(10, 0)},
		{"NUMERIC(10, 2)", model.Numeric(10, 2)},
		{"DECIMAL(10,5)", model.Numeric(10, 5)},
		{"REAL", model.Real},
		{"FLOAT4", model.Real},
		{"FLOAT(24)", model.Real},
		{"DOUBLE", model.Double},
		{"DOUBLE PRECISION", model.Double},
		{"double   precision", model.Double},
		{"FLOAT", model.Double},
		{"FLOAT(53)", model.Double},
		{"FLOAT8", model.Double},
		{"DATE", model.Date},
		{"TIME", model.Time},
		{"TIME(3)", model.Type{Kind: model.KindTime, Precision: 3}},
		{"TIME WITHOUT TIME ZONE", model.Time},
		{"TIME WITH TIME ZONE", model.Type{Kind: model.KindTime, WithTimezone: true}},
		{"DATETIME", model.Timestamp},
		{"datetime", model.Timestamp},
		{"TIMESTAMP", model.Timestamp},
		{"TIMESTAMP WITHOUT TIME ZONE", model.Timestamp},
		{"TIMESTAMP WITH TIME ZONE", model.TimestampTZ},
		{"timestamptz", model.TimestampTZ},
		{"JSON", model.JSON},
		{"jsonb", model.JSONB},
		{"UUID", model.UUID},
		{"BLOB", model.Blob},
		{"BLOB(16)", model.Binary(16)},
		{"BYTEA", model.Blob},
		{"VARBINARY(32)", model.Binary(32)},
		{"BINARY(8)", model.Binary(8)},
		// Unknown or malformed spellings stay raw, exactly as written.
		{"", model.Type{Kind: model.KindNone}},
		{"ANY", model.Raw("ANY")},
		{"TINYINT", model.Raw("TINYINT")},
		{"UNSIGNED BIG INT", model.Raw("UNSIGNED BIG INT")},
		{"MediumText", model.Raw("MediumText")},
		{"BINARY", model.Raw("BINARY")},
		{"VARCHAR(20", model.Raw("VARCHAR(20")},
		{"VARCHAR(a)", model.Raw("VARCHAR(a)")},
		{"VARCHAR(1,2)", model.Raw("VARCHAR(1,2)")},
		{"NUMERIC(1,2,3)", model.Raw("NUMERIC(1,2,3)")},
		{"BOOLEAN(1)", model.Raw("BOOLEAN(1)")},
		{"DOUBLE(10,2)", model.Raw("DOUBLE(10,2)")},
		{"(5)", model.Raw("(5)")},
		{"geometry(Point)", model.Raw("geometry(Point)")},
	}
	for _, tc := range cases {
		got := d.ParseType(tc.raw)
		if !got.Equal(tc.want) || got.Raw != tc.want.Raw {
			t.Errorf("ParseType(%q) = %#v; want %#v", tc.raw, got, tc.want)
		}
	}
}
