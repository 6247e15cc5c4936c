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
