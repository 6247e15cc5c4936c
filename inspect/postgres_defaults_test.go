package inspect

import (
	"math"
	"reflect"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestPostgresDefault covers the default expressions pg_get_expr prints.
func TestPostgresDefault(t *testing.T) {
	lit := model.DefaultLiteral
	expr := model.DefaultExpr
	tests := []struct {
		in   string
		want *model.Default
	}{
		{"5", lit(int64(5))},
		{"'-5'::integer", lit(int64(-5))},
		{"'-5'::bigint", lit(int64(-5))},
		{"(-5)", lit(int64(-5))},
		{"1.50", lit(1.5)},
		{"'-1.5'::numeric", lit(-1.5)},
		{"'-1.5'::double precision", lit(-1.5)},
		{"'12345678901234567890123'::numeric", expr("'12345678901234567890123'::numeric")},
		{"true", lit(true)},
		{"false", lit(false)},
		{"NULL", nil},
		{"NULL::character varying", nil},
		{"'x'::text", lit("x")},
		{"''::character varying", lit("")},
		{"'it''s'::character varying", lit("it's")},
		{`'q"d'::bpchar`, lit(`q"d`)},
		{"'5'::text", lit("5")},
		{"'active'::mood", lit("active")},
		{`'it''s done'::"Mixed ""Case"""`, lit("it's done")},
		{`'a'::app."my enum"`, lit("a")},
		{"'2020-01-01'::date", lit("2020-01-01")},
		{"'2020-01-01 00:00:00'::timestamp without time zone", lit("2020-01-01 00:00:00")},
		{"'{}'::text[]", lit("{}")},
		{"'{1,2}'::integer[]", lit("{1,2}")},
		{"'x'::character varying(10)", lit("x")},
		{"CURRENT_TIMESTAMP", expr("CURRENT_TIMESTAMP")},
		{"now()", expr("now()")},
		{"nextval('seq'::regclass)", expr("nextval('seq'::regclass)")},
		{"('a'::text || 'b'::text)", expr("('a'::text || 'b'::text)")},
		{"'a'::text || 'b'::text", expr("'a'::text || 'b'::text")},
		{"'x'::text COLLATE \"C\"", expr("'x'::text COLLATE \"C\"")},
		{"'1 day'::interval", lit("1 day")},
		{"'unterminated", expr("'unterminated")},
		{"Infinity", expr("Infinity")},
	}
	for _, tt := range tests {
		got := pgDefault(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pgDefault(%q) = %#v; want %#v", tt.in, got, tt.want)
		}
	}
	if d := pgDefault("'NaN'::double precision"); d == nil || d.Expr != "" || !math.IsNaN(d.Literal.(float64)) {
		t.Errorf("pgDefault('NaN'::double precision) = %#v; want the literal NaN", d)
	}
}

// TestPostgresIntList covers the array and vector spellings of column
// numbers.
func TestPostgresIntList(t *testing.T) {
	for in, want := range map[string][]int{"{1,2}": {1, 2}, "1 0 3": {1, 0, 3}, "{}": {}, "": {}} {
		got, err := pgIntList(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("pgIntList(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := pgIntList("{a}"); err == nil {
		t.Error("pgIntList({a}): want an error")
	}
}

// TestPostgresDomainColumnDefault: on a column of a domain type, a literal
// cast to a date or time type keeps its cast (the domain's base type may
// be another); other defaults read as on any column.
func TestPostgresDomainColumnDefault(t *testing.T) {
	lit := model.DefaultLiteral
	expr := model.DefaultExpr
	for _, tc := range []struct {
		in   string
		want *model.Default
	}{
		{"'2018-01-01'::date", expr("'2018-01-01'::date")},
		{"'2018-01-01 10:00:00+00'::timestamp with time zone", expr("'2018-01-01 10:00:00+00'::timestamp with time zone")},
		{"'01:00:00'::interval", expr("'01:00:00'::interval")},
		{"'x'::text", lit("x")},
		{"'x'::character varying", lit("x")},
		{"5", lit(int64(5))},
		{"now()", expr("now()")},
		{"NULL::date", nil},
	} {
		if got := pgDomainColumnDefault(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("pgDomainColumnDefault(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
