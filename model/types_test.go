package model

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestTypeKindStringAndParse(t *testing.T) {
	for k := KindInvalid; k <= KindNone; k++ {
		s := k.String()
		if s == "" || strings.HasPrefix(s, "TypeKind(") {
			t.Errorf("kind %d has no name", int(k))
		}
		got, ok := ParseTypeKind(s)
		if k == KindInvalid {
			if ok {
				t.Errorf("ParseTypeKind(%q) = %v, true; want false", s, got)
			}
			continue
		}
		if !ok || got != k {
			t.Errorf("ParseTypeKind(%q) = %v, %v; want %v, true", s, got, ok, k)
		}
	}
	for _, k := range []TypeKind{-1, KindNone + 1, 99} {
		if want := "TypeKind(" + itoa(int(k)) + ")"; k.String() != want {
			t.Errorf("TypeKind(%d).String() = %q, want %q", int(k), k.String(), want)
		}
	}
	for _, s := range []string{"", "INTEGER", "int", "bogus"} {
		if k, ok := ParseTypeKind(s); ok {
			t.Errorf("ParseTypeKind(%q) = %v, true; want false", s, k)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestTypeKindText(t *testing.T) {
	for k := KindInvalid; k <= KindNone; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back TypeKind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("text round trip of %v: got %v, %v", k, back, err)
		}
	}
	var k TypeKind
	err := k.UnmarshalText([]byte("varchar2"))
	if err == nil || err.Error() != `model: unknown type kind "varchar2"` {
		t.Errorf("UnmarshalText(varchar2) error = %v", err)
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		typ  Type
		want string
	}{
		{SmallInt, "smallint"},
		{Integer, "integer"},
		{BigInt, "bigint"},
		{Boolean, "boolean"},
		{Text, "text"},
		{Real, "real"},
		{Double, "double"},
		{Date, "date"},
		{Interval, "interval"},
		{JSON, "json"},
		{JSONB, "jsonb"},
		{UUID, "uuid"},
		{Blob, "blob"},
		{Binary(16), "binary(16)"},
		{Varchar(0), "varchar"},
		{Varchar(255), "varchar(255)"},
		{Char(0), "char"},
		{Char(2), "char(2)"},
		{Numeric(0, 0), "numeric"},
		{Numeric(10, 2), "numeric(10,2)"},
		{Numeric(5, 0), "numeric(5,0)"},
		{Timestamp, "timestamp"},
		{TimestampTZ, "timestamp with time zone"},
		{Type{Kind: KindTimestamp, Precision: 3}, "timestamp(3)"},
		{Type{Kind: KindTimestamp, Precision: 6, WithTimezone: true}, "timestamp(6) with time zone"},
		{Time, "time"},
		{Type{Kind: KindTime, WithTimezone: true}, "time with time zone"},
		{Enum("", "a", "b"), "enum('a','b')"},
		{Enum("mood", "it's", "ok"), "enum mood('it''s','ok')"},
		{Raw("int[]"), "int[]"},
		{Type{}, "invalid"},
	}
	for _, tt := range tests {
		if got := tt.typ.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.typ, got, tt.want)
		}
	}
}

func TestTypeEqual(t *testing.T) {
	tests := []struct {
		a, b Type
		want bool
	}{
		{Integer, Integer, true},
		{Integer, BigInt, false},
		{Varchar(10), Varchar(10), true},
		{Varchar(10), Varchar(20), false},
		{Numeric(10, 2), Numeric(10, 3), false},
		{Numeric(10, 2), Numeric(11, 2), false},
		{Timestamp, TimestampTZ, false},
		{Enum("e", "a", "b"), Enum("e", "a", "b"), true},
		{Enum("e", "a", "b"), Enum("e", "b", "a"), false},
		{Enum("e", "a"), Enum("e", "a", "b"), false},
		{Enum("e", "a"), Enum("f", "a"), false},
		{Raw("Double  Precision"), Raw("double precision"), true},
		{Raw(" int[] "), Raw("INT[]"), true},
		{Raw("inet"), Raw("cidr"), false},
		{Raw("text"), Text, false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%v.Equal(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Equal(tt.a); got != tt.want {
			t.Errorf("%v.Equal(%v) = %v, want %v (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestTypeIsInteger(t *testing.T) {
	for _, typ := range []Type{SmallInt, Integer, BigInt} {
		if !typ.IsInteger() {
			t.Errorf("%v.IsInteger() = false", typ)
		}
	}
	for _, typ := range []Type{Numeric(10, 0), Text, Raw("int"), Boolean} {
		if typ.IsInteger() {
			t.Errorf("%v.IsInteger() = true", typ)
		}
	}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want Type
	}{
		{"smallint", SmallInt},
		{"integer", Integer},
		{"INT", Integer},
		{"bigint", BigInt},
		{"int2", SmallInt},
		{"int4", Integer},
		{"INT8", BigInt},
		{"float4", Real},
		{"float8", Double},
		{"bool", Boolean},
		{"Boolean", Boolean},
		{"text", Text},
		{"varchar", Varchar(0)},
		{"varchar(255)", Varchar(255)},
		{"VARCHAR (255)", Varchar(255)},
		{"character varying(20)", Varchar(20)},
		{"char", Char(0)},
		{"char(3)", Char(3)},
		{"character(3)", Char(3)},
		{"numeric", Numeric(0, 0)},
		{"numeric(10)", Numeric(10, 0)},
		{"numeric(10,2)", Numeric(10, 2)},
		{"decimal(12, 4)", Numeric(12, 4)},
		{"real", Real},
		{"double", Double},
		{"double  precision", Double},
		{"date", Date},
		{"interval", Interval},
		{"json", JSON},
		{"jsonb", JSONB},
		{"uuid", UUID},
		{"blob", Blob},
		{"binary", Blob},
		{"binary(16)", Binary(16)},
		{"time", Time},
		{"time(3)", Type{Kind: KindTime, Precision: 3}},
		{"timetz", Type{Kind: KindTime, WithTimezone: true}},
		{"time with time zone", Type{Kind: KindTime, WithTimezone: true}},
		{"timestamp", Timestamp},
		{"timestamp without time zone", Timestamp},
		{"timestamptz", TimestampTZ},
		{"timestamp with time zone", TimestampTZ},
		{"timestamp(6) with time zone", Type{Kind: KindTimestamp, Precision: 6, WithTimezone: true}},
		{"timestamptz(3)", Type{Kind: KindTimestamp, Precision: 3, WithTimezone: true}},
		{"enum('a','b')", Enum("", "a", "b")},
		{"ENUM ( 'a' , 'b c' )", Enum("", "a", "b c")},
		{"enum mood('happy','it''s')", Enum("mood", "happy", "it's")},
		{"enum app.mood('x')", Type{Kind: KindEnum, EnumSchema: "app", EnumName: "mood", Values: []string{"x"}}},
		{"enum('a,b','c')", Enum("", "a,b", "c")},
		// Everything else is raw, spelled as given.
		{"int[]", Raw("int[]")},
		{"inet", Raw("inet")},
		{"MediumText", Raw("MediumText")},
		{"set('a','b')", Raw("set('a','b')")},
		{"varchar(x)", Raw("varchar(x)")},
		{"varchar()", Raw("varchar()")},
		{"varchar(1,2)", Raw("varchar(1,2)")},
		{"integer(5)", Raw("integer(5)")},
		{"numeric(1,2,3)", Raw("numeric(1,2,3)")},
		{"text with time zone", Raw("text with time zone")},
		{"enum()", Raw("enum()")},
		{"enum('a'", Raw("enum('a'")},
		{"enum('a' 'b')", Raw("enum('a' 'b')")},
		{"enum('a',)", Raw("enum('a',)")},
		{"enum(a)", Raw("enum(a)")},
		{"  geometry(Point, 4326) ", Raw("geometry(Point, 4326)")},
	}
	for _, tt := range tests {
		got := ParseType(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseType(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

// Every portable type survives String then ParseType.
func TestParseTypeInvertsString(t *testing.T) {
	types := []Type{
		SmallInt, Integer, BigInt, Boolean, Text, Real, Double, Date, Interval, JSON, JSONB, UUID, Blob,
		Binary(4), Varchar(0), Varchar(80), Char(0), Char(1), Numeric(0, 0), Numeric(9, 3),
		Timestamp, TimestampTZ, Time, Type{Kind: KindTime, Precision: 2, WithTimezone: true},
		Type{Kind: KindTimestamp, Precision: 3}, Enum("", "a"), Enum("mood", "x", "y'z"), Raw("tsvector"),
	}
	for _, typ := range types {
		if got := ParseType(typ.String()); !got.Equal(typ) {
			t.Errorf("ParseType(%q) = %#v, want %#v", typ.String(), got, typ)
		}
	}
}

func TestEnumCopiesValues(t *testing.T) {
	vals := []string{"a", "b"}
	e := Enum("x", vals...)
	vals[0] = "z"
	if e.Values[0] != "a" {
		t.Error("Enum shares the caller's slice")
	}
}

func TestDefaultConstructors(t *testing.T) {
	if d := DefaultLiteral("x"); d.Literal != "x" || d.Expr != "" {
		t.Errorf("DefaultLiteral = %#v", d)
	}
	if d := DefaultExpr("now()"); d.Expr != "now()" || d.Literal != nil {
		t.Errorf("DefaultExpr = %#v", d)
	}
}

// kitchenSink is a MetaData that uses every field of every model type.
func kitchenSink() *MetaData {
	minV, maxV := int64(1), int64(1000)
	return &MetaData{
		Tables: []*Table{
			{
				Schema: "app",
				Name:   "users",
				Columns: []*Column{
					{Name: "id", Type: BigInt, Identity: &Identity{Always: true, Start: 10, Increment: 2}},
					{Name: "n", Type: Integer, AutoIncrement: true, RenamedFrom: "num"},
					{Name: "email", Type: Varchar(255), Collation: "C", Comment: "login"},
					{Name: "price", Type: Numeric(10, 2), Default: DefaultLiteral(1.5)},
					{Name: "whole", Type: Double, Default: DefaultLiteral(2.0)},
					{Name: "big", Type: Double, Default: DefaultLiteral(1e300)},
					{Name: "count", Type: BigInt, Default: DefaultLiteral(int64(42))},
					{Name: "neg", Type: BigInt, Default: DefaultLiteral(int64(-9007199254740993))},
					{Name: "flag", Type: Boolean, Default: DefaultLiteral(false)},
					{Name: "label", Type: Text, Nullable: true, Default: DefaultLiteral("it's")},
					{Name: "nothing", Type: Text, Nullable: true, Default: DefaultLiteral(nil)},
					{Name: "at", Type: Type{Kind: KindTimestamp, Precision: 3, WithTimezone: true}, Default: DefaultExpr("now()")},
					{Name: "mood", Type: Type{Kind: KindEnum, EnumSchema: "app", EnumName: "mood", Values: []string{"a", "b"}}},
					{Name: "tags", Type: Raw("text[]")},
					{Name: "total", Type: Numeric(12, 2), Generated: &Generated{Expr: "price * 2", Stored: true}},
					{Name: "missing", Type: Type{}},
				},
				PrimaryKey:  &PrimaryKey{Name: "pk_users", Columns: []string{"id"}},
				ForeignKeys: []*ForeignKey{{Name: "fk", Columns: []string{"n"}, RefSchema: "other", RefTable: "t", RefColumns: []string{"id"}, OnDelete: Cascade, OnUpdate: SetNull, Deferrable: true, InitiallyDeferred: true, NotValid: true}},
				Uniques:     []*Unique{{Name: "uq", Columns: []string{"email"}}},
				Checks:      []*Check{{Name: "ck", Expr: "price > 0"}},
				Indexes: []*Index{{
					Name: "ix", Unique: true, Where: "flag", Method: "btree", Include: []string{"label"},
					Parts: []IndexPart{{Column: "email", Desc: true, Length: 10}, {Expr: "lower(email)"}},
				}, {
					Name: "ix_trgm", Method: "gist",
					Parts: []IndexPart{{Column: "label", Nulls: NullsFirst, Collation: "C", Opclass: "gist_trgm_ops", OpclassParams: "siglen=32"}},
				}},
				Exclusions: []*Exclusion{{
					Name: "no_overlap", Method: "gist", Include: []string{"label"}, Where: "flag", Deferrable: true, InitiallyDeferred: true,
					Elements: []ExclusionElement{{IndexPart: IndexPart{Column: "n"}, Operator: "="}, {IndexPart: IndexPart{Expr: "tstzrange(at, at)"}, Operator: "&&"}},
				}},
				Strict:       true,
				Comment:      "people",
				WithoutRowID: true,
				Options:      map[string]string{"ENGINE": "InnoDB"},
				RenamedFrom:  "people",
			},
			{
				Schema: "app", Name: "events",
				Columns:     []*Column{{Name: "at", Type: TimestampTZ}},
				PartitionBy: &PartitionBy{Strategy: "range", Key: "at"},
			},
			{
				Schema: "app", Name: "events_2024",
				PartitionOf: &PartitionOf{Schema: "app", Table: "events", Bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"},
				Indexes:     []*Index{{Name: "events_2024_at", Parts: Cols("at")}},
			},
		},
		Schemas:    []*Schema{{Name: "app", Comment: "the application"}},
		Extensions: []*Extension{{Name: "citext", Schema: "app", Version: "1.6"}},
		Enums:      []*EnumType{{Schema: "app", Name: "mood", Values: []string{"a", "b"}}},
		Domains: []*Domain{{
			Schema: "app", Name: "year", Type: Integer, NotNull: true, Default: DefaultLiteral(int64(2000)),
			Collation: "C", Checks: []*Check{{Name: "year_check", Expr: "VALUE > 1900"}}, Comment: "a year",
		}},
		Sequences: []*Sequence{{Schema: "app", Name: "seq", Start: 1, Increment: 1, MinValue: &minV, MaxValue: &maxV, Cache: 5, Cycle: true, OwnedBy: "users.id", As: "integer", Comment: "counts"}},
		Views: []*View{
			{Schema: "app", Name: "v", Definition: "SELECT 1"},
			{Schema: "app", Name: "v2", Definition: "SELECT * FROM app.v", Comment: "on v", DependsOn: []ObjectName{{Schema: "app", Name: "v"}}},
		},
		Definitions: []*Definition{
			{Kind: DefFunction, Schema: "app", Name: "touch", Signature: "", Language: "plpgsql", SQL: "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$", Comment: "sets at"},
			{Kind: DefTrigger, Schema: "app", Name: "users_touch", Table: "users", SQL: "CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch()", DependsOn: []ObjectName{{Schema: "app", Name: "touch"}}},
		},
		Naming: NamingConvention{PrimaryKey: "p_%(table_name)s", ForeignKey: "f", Unique: "u", Check: "c", Index: "i"},
	}
}

func TestMetaDataJSONRoundTrip(t *testing.T) {
	md := kitchenSink()
	b, err := json.Marshal(md)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"kind":"bigint"`, `"kind":"timestamp"`, `"kind":"enum"`, `"kind":"raw"`, `"kind":"invalid"`, `"literal":2.0`, `"literal":42`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("JSON lacks %s:\n%s", frag, b)
		}
	}
	var back MetaData
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, b)
	}
	if !reflect.DeepEqual(md, &back) {
		b2, _ := json.Marshal(&back)
		t.Errorf("round trip differs:\n got %s\nwant %s", b2, b)
	}
	for _, c := range back.Tables[0].Columns {
		if c.Default == nil || c.Default.Literal == nil {
			continue
		}
		want := reflect.TypeOf(md.Tables[0].Column(c.Name).Default.Literal)
		if got := reflect.TypeOf(c.Default.Literal); got != want {
			t.Errorf("column %s: literal type %v, want %v", c.Name, got, want)
		}
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`{"tables":[{"name":"t","columns":[{"name":"c","type":{"kind":"varchar2"}}]}]}`, `model: unknown type kind "varchar2"`},
		{`{"tables":[{"name":"t","columns":[{"name":"c","type":{"kind":"text"},"default":{"literal":[1}}]}]}`, "invalid character"},
		{`{"tables":[{"name":"t","columns":[{"name":"c","type":{"kind":"text"},"default":5}]}]}`, "model: default:"},
	}
	for _, tt := range tests {
		var md MetaData
		err := json.Unmarshal([]byte(tt.in), &md)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Unmarshal(%s) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}
