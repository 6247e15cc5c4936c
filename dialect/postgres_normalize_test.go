package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

// TestPostgresNormalize checks that declared spellings PostgreSQL stores
// identically normalise to the same model.
func TestPostgresNormalize(t *testing.T) {
	d := Postgres()
	declared := &model.MetaData{Tables: []*model.Table{{
		Schema: "app",
		Name:   "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Type{Kind: model.KindRaw, Raw: "int4"}, AutoIncrement: true, Nullable: true},
			{Name: "bin", Type: model.Binary(16)},
		},
		Indexes: []*model.Index{{Name: "ix", Method: "BTREE", Parts: model.Cols("id")}},
	}}}
	inspected := &model.MetaData{Tables: []*model.Table{{
		Schema: "app",
		Name:   "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer, Identity: &model.Identity{Start: 1, Increment: 1}},
			{Name: "bin", Type: model.Blob},
		},
		Indexes: []*model.Index{{Name: "ix", Parts: model.Cols("id")}},
	}}}
	a, b := Normalize(d, declared).Tables[0], Normalize(d, inspected).Tables[0]
	for i := range a.Columns {
		ca, cb := a.Columns[i], b.Columns[i]
		if !ca.Type.Equal(cb.Type) || ca.Nullable != cb.Nullable || ca.AutoIncrement != cb.AutoIncrement ||
			(ca.Identity == nil) != (cb.Identity == nil) || (ca.Identity != nil && *ca.Identity != *cb.Identity) {
			t.Errorf("column %s: declared %+v (identity %+v) vs inspected %+v (identity %+v)", ca.Name, ca, ca.Identity, cb, cb.Identity)
		}
	}
	if a.Indexes[0].Method != b.Indexes[0].Method {
		t.Errorf("index method %q vs %q", a.Indexes[0].Method, b.Indexes[0].Method)
	}
}

// TestPostgresNormalizeEnumSchema checks that an enum column keeps its
// type's schema: in a table of schema app, app.mood and the default
// schema's mood are different types, and an unqualified type would be
// created in the wrong schema.
func TestPostgresNormalizeEnumSchema(t *testing.T) {
	tb := &model.Table{Schema: "app", Name: "t", Columns: []*model.Column{
		{Name: "a", Type: model.Type{Kind: model.KindEnum, EnumSchema: "app", EnumName: "mood", Values: []string{"x"}}},
		{Name: "b", Type: model.Type{Kind: model.KindEnum, EnumName: "mood", Values: []string{"x"}}},
	}}
	Postgres().(*postgresDialect).normalizeTable(tb)
	if a, b := tb.Columns[0].Type, tb.Columns[1].Type; a.Equal(b) || a.EnumSchema != "app" {
		t.Errorf("app.mood normalised to %+v and mood to %+v; want them different, app.mood qualified", a, b)
	}
}

func TestTrimDecimalZeros(t *testing.T) {
	for in, want := range map[string]string{
		"2.0": "2", "2.00": "2", "-2.0": "-2", "1.50": "1.5", "0.0000": "0", "10": "10", "100.": "100",
		"1e10": "1e10", "2.0e0": "2.0e0", "'2.0'": "'2.0'", "x.0": "x.0", ".50": ".50", "1.05": "1.05",
	} {
		if got := trimDecimalZeros(in); got != want {
			t.Errorf("trimDecimalZeros(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPostgresBooleanIntegerDefaultNormalize: on a boolean column the
// integer literals 0 and 1 compare equal to the false and true PostgreSQL
// prints back, and other integers, and integers on other types, keep
// their value.
func TestPostgresBooleanIntegerDefaultNormalize(t *testing.T) {
	d := Postgres().(*postgresDialect)
	raw := model.Type{Kind: model.KindRaw, Raw: "bool"}
	tests := []struct {
		typ  model.Type
		def  *model.Default
		want string
	}{
		{model.Boolean, model.DefaultLiteral(int64(0)), "false"},
		{model.Boolean, model.DefaultLiteral(1), "true"},
		{raw, model.DefaultLiteral(int64(1)), "true"},
		{model.Boolean, model.DefaultExpr("false"), "false"},
		{model.Boolean, model.DefaultLiteral(false), "false"},
		{model.Boolean, model.DefaultLiteral(int64(2)), "2"},
		{model.Integer, model.DefaultLiteral(int64(0)), "0"},
	}
	for _, tt := range tests {
		if got := d.normalizeDefault(tt.typ, tt.def); got == nil || got.Expr != tt.want {
			t.Errorf("%v default %+v: normalised to %+v, want %q", tt.typ, tt.def, got, tt.want)
		}
	}
}

// TestPostgresDateTimeDefaultNormalize: a date or time literal default
// compares equal to the spelling the server stores and prints back
// (checked on the server by TestPostgresDateTimeDefaultServer in
// inspect), and different values stay different.
func TestPostgresDateTimeDefaultNormalize(t *testing.T) {
	d := Postgres().(*postgresDialect)
	tz := model.TimestampTZ
	same := []struct {
		typ        model.Type
		a, printed string
	}{
		{tz, "2018-01-01", "2018-01-01 00:00:00+00"},
		{tz, "2018-01-01 10:00:00+05", "2018-01-01 05:00:00+00"},
		{tz, "2018-01-01T00:00:00.500Z", "2018-01-01 00:00:00.5+00"},
		{tz, "2018-01-01 10:00+0130", "2018-01-01 08:30:00+00"},
		{model.Timestamp, "2018-01-01", "2018-01-01 00:00:00"},
		{model.Timestamp, "2018-01-01 10:00:00+05", "2018-01-01 10:00:00"},
		{model.Date, "2018-01-01", "2018-01-01"},
		{model.Time, "10:00", "10:00:00"},
		{model.Time, "10:00:01.250", "10:00:01.25"},
		{model.Text, "x", "x"},
		{tz, "epoch", "epoch"},
	}
	for _, tt := range same {
		a := d.normalizeDefault(tt.typ, model.DefaultLiteral(tt.a))
		b := d.normalizeDefault(tt.typ, model.DefaultLiteral(tt.printed))
		if a == nil || b == nil || a.Expr != b.Expr {
			t.Errorf("%v: %q normalised to %+v and %q to %+v; want them equal", tt.typ, tt.a, a, tt.printed, b)
		}
	}
	differ := []struct {
		typ  model.Type
		a, b string
	}{
		{tz, "2018-01-01", "2018-01-02"},
		{tz, "2018-01-01 00:00:00+00", "2018-01-01 00:00:00+01"},
		{tz, "2018-01-01 00:00:00.5", "2018-01-01 00:00:00.25"},
		{model.Timestamp, "2018-01-01 10:00", "2018-01-01 10:01"},
		{model.Date, "2018-01-01", "2018-01-31"},
		{model.Time, "10:00", "10:00:01"},
		{tz, "2018-01-01", "infinity"},
		{model.TimestampTZ, "2018-02-30", "2018-03-02"},
	}
	for _, tt := range differ {
		a := d.normalizeDefault(tt.typ, model.DefaultLiteral(tt.a))
		b := d.normalizeDefault(tt.typ, model.DefaultLiteral(tt.b))
		if a == nil || b == nil || a.Expr == b.Expr {
			t.Errorf("%v: %q and %q both normalised to %+v; want them different", tt.typ, tt.a, tt.b, a)
		}
	}
}
