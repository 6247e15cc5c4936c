package dialect

import (
	"database/sql/driver"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestPostgresQuoteIdent(t *testing.T) {
	d := Postgres()
	tests := []struct {
		name, want string
	}{
		{"users", `"users"`},
		{"Users", `"Users"`},
		{"select", `"select"`},
		{"order", `"order"`},
		{`dq"uote`, `"dq""uote"`},
		{`""`, `""""""`},
		{"it's", `"it's"`},
		{"back`tick", "\"back`tick\""},
		{`back\slash`, `"back\slash"`},
		{"with space", `"with space"`},
		{"x; DROP TABLE y; --", `"x; DROP TABLE y; --"`},
		{"naïve_ünïcödé", `"naïve_ünïcödé"`},
		{"名前", `"名前"`},
		{"emoji_🙂", `"emoji_🙂"`},
		{"$1", `"$1"`},
		{strings.Repeat("a", 63), `"` + strings.Repeat("a", 63) + `"`},
	}
	for _, tt := range tests {
		got, err := d.QuoteIdent(tt.name)
		if err != nil || got != tt.want {
			t.Errorf("QuoteIdent(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestPostgresQuoteIdentRefuses(t *testing.T) {
	d := Postgres()
	for _, name := range []string{"", "a\x00b", "\x00", strings.Repeat("a", 64), strings.Repeat("é", 32), "bad\xffutf8"} {
		got, err := d.QuoteIdent(name)
		var ie *IdentifierError
		if !errors.As(err, &ie) {
			t.Errorf("QuoteIdent(%q) = %q, %v; want an *IdentifierError", name, got, err)
		}
	}
}

func TestPostgresQuoteQualified(t *testing.T) {
	d := Postgres()
	tests := []struct {
		schema, name, want string
	}{
		{"", "t", `"t"`},
		{"public", "t", `"public"."t"`},
		{`my"schema`, "a.b", `"my""schema"."a.b"`},
	}
	for _, tt := range tests {
		got, err := d.QuoteQualified(tt.schema, tt.name)
		if err != nil || got != tt.want {
			t.Errorf("QuoteQualified(%q, %q) = %q, %v; want %q", tt.schema, tt.name, got, err, tt.want)
		}
	}
	if _, err := d.QuoteQualified("a\x00", "t"); err == nil {
		t.Error("QuoteQualified with a NUL in the schema succeeded")
	}
	if _, err := d.QuoteQualified("s", ""); err == nil {
		t.Error("QuoteQualified with an empty name succeeded")
	}
}

type myInt int16
type myString string

type valuer struct{ v string }

func (v valuer) Value() (driver.Value, error) { return v.v, nil }

func TestPostgresLiteral(t *testing.T) {
	d := Postgres()
	ts := time.Date(2024, 2, 29, 13, 4, 5, 123456000, time.FixedZone("", 2*3600))
	var nilPtr *int
	seven := 7
	tests := []struct {
		in   any
		want string
	}{
		{nil, "NULL"},
		{true, "TRUE"},
		{false, "FALSE"},
		{0, "0"},
		{int8(-128), "-128"},
		{int16(32767), "32767"},
		{int32(-5), "-5"},
		{int64(math.MinInt64), "-9223372036854775808"},
		{uint(7), "7"},
		{uint8(255), "255"},
		{uint16(65535), "65535"},
		{uint32(1), "1"},
		{uint64(math.MaxUint64), "18446744073709551615"},
		{1.5, "1.5"},
		{2.0, "2.0"},
		{-3.0, "-3.0"},
		{-0.25, "-0.25"},
		{float32(0.1), "0.1"},
		{1e21, "1e+21"},
		{math.NaN(), "'NaN'::float8"},
		{math.Inf(1), "'Infinity'::float8"},
		{math.Inf(-1), "'-Infinity'::float8"},
		{"", "''"},
		{"plain", "'plain'"},
		{"it's", "'it''s'"},
		{`back\slash`, `'back\slash'`},
		{"ünï 🙂", "'ünï 🙂'"},
		{"line\nbreak", "'line\nbreak'"},
		{[]byte{0xde, 0xad, 0x00, 0x01}, `'\xdead0001'::bytea`},
		{[]byte{}, `'\x'::bytea`},
		{ts, "'2024-02-29 13:04:05.123456+02:00'"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "'2024-01-02 03:04:05+00:00'"},
		{myInt(3), "3"},
		{myString("o'k"), "'o''k'"},
		{nilPtr, "NULL"},
		{&seven, "7"},
		{valuer{"v'"}, "'v'''"},
	}
	for _, tt := range tests {
		got, err := d.Literal(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Literal(%#v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestPostgresLiteralRefuses(t *testing.T) {
	d := Postgres()
	for _, v := range []any{"a\x00b", myString("\x00"), struct{}{}, []int{1}, map[string]int{}} {
		if got, err := d.Literal(v); err == nil {
			t.Errorf("Literal(%#v) = %q; want an error", v, got)
		} else if !strings.HasPrefix(err.Error(), "postgres: ") {
			t.Errorf("Literal(%#v) error %q does not say postgres", v, err)
		}
	}
}
