package dialect

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestSQLiteQuoteIdent(t *testing.T) {
	d := SQLite()
	cases := []struct {
		name, want string
	}{
		{"users", `"users"`},
		{`say "hi"`, `"say ""hi"""`},
		{`""`, `""""""`},
		{"back`tick", "\"back`tick\""},
		{"it's", `"it's"`},
		{"[bracket]", `"[bracket]"`},
		{"select", `"select"`},
		{"order", `"order"`},
		{"Mixed Case", `"Mixed Case"`},
		{"naïve_ünïcödé", `"naïve_ünïcödé"`},
		{"名前", `"名前"`},
		{"emoji_🙂", `"emoji_🙂"`},
		{"line\nbreak", "\"line\nbreak\""},
		{"x; DROP TABLE y; --", `"x; DROP TABLE y; --"`},
	}
	for _, tc := range cases {
		got, err := d.QuoteIdent(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("QuoteIdent(%q) = %s, %v; want %s", tc.name, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "a\x00b", "\x00"} {
		_, err := d.QuoteIdent(bad)
		var ie *IdentifierError
		if !errors.As(err, &ie) {
			t.Errorf("QuoteIdent(%q) = %v; want an *IdentifierError", bad, err)
			continue
		}
		if !strings.Contains(err.Error(), "sqlite: a name cannot") {
			t.Errorf("QuoteIdent(%q) error %q does not say why", bad, err)
		}
	}
}

func TestSQLiteQuoteQualified(t *testing.T) {
	d := SQLite()
	cases := []struct {
		schema, name, want string
	}{
		{"", "t", `"t"`},
		{"main", "t", `"main"."t"`},
		{"temp", `we"ird`, `"temp"."we""ird"`},
		{`aux"db`, "t", `"aux""db"."t"`},
	}
	for _, tc := range cases {
		got, err := d.QuoteQualified(tc.schema, tc.name)
		if err != nil || got != tc.want {
			t.Errorf("QuoteQualified(%q, %q) = %s, %v; want %s", tc.schema, tc.name, got, err, tc.want)
		}
	}
	if _, err := d.QuoteQualified("main", ""); err == nil {
		t.Error("QuoteQualified with an empty name succeeded")
	}
	if _, err := d.QuoteQualified("a\x00", "t"); err == nil {
		t.Error("QuoteQualified with NUL in the schema succeeded")
	}
}

func TestSQLiteLiteral(t *testing.T) {
	d := SQLite()
	ts := time.Date(2024, 2, 29, 13, 4, 5, 123456789, time.FixedZone("", 2*3600))
	cases := []struct {
		v    any
		want string
	}{
		{nil, "NULL"},
		{true, "1"},
		{false, "0"},
		{0, "0"},
		{-42, "-42"},
		{int8(-8), "-8"},
		{int16(16), "16"},
		{int32(32), "32"},
		{int64(math.MinInt64), "-9223372036854775808"},
		{uint(7), "7"},
		{uint8(255), "255"},
		{uint64(math.MaxInt64), "9223372036854775807"},
		{1.5, "1.5"},
		{2.0, "2.0"},
		{-0.25, "-0.25"},
		{1e21, "1e+21"},
		{float32(0.1), "0.1"},
		{"", "''"},
		{"plain", "'plain'"},
		{"it's", "'it''s'"},
		{`back\slash "dq"`, `'back\slash "dq"'`},
		{"名前 🙂", "'名前 🙂'"},
		{"line\nbreak", "'line\nbreak'"},
		{[]byte{0xDE, 0xAD, 0x00, 0x01}, "X'DEAD0001'"},
		{[]byte{}, "X''"},
		{[]byte(nil), "NULL"},
		{ts, "'2024-02-29 13:04:05.123456789+02:00'"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "'2024-01-02 03:04:05+00:00'"},
	}
	for _, tc := range cases {
		got, err := d.Literal(tc.v)
		if err != nil || got != tc.want {
			t.Errorf("Literal(%#v) = %s, %v; want %s", tc.v, got, err, tc.want)
		}
	}
	bad := []struct {
		v    any
		want string
	}{
		{math.NaN(), "sqlite: float literal NaN: SQLite has no literal for NaN or infinity"},
		{math.Inf(1), "no literal for NaN or infinity"},
		{float32(math.Inf(-1)), "no literal for NaN or infinity"},
		{"a\x00b", "a string literal cannot contain NUL"},
		{uint64(math.MaxUint64), "larger than SQLite's 64-bit signed maximum"},
		{struct{}{}, "sqlite: cannot render a literal of type struct {}"},
	}
	for _, tc := range bad {
		_, err := d.Literal(tc.v)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Literal(%#v) error = %v; want it to contain %q", tc.v, err, tc.want)
		}
	}
}
