package dialect

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestMySQLQuoteIdent(t *testing.T) {
	d := MySQL()
	cases := []struct {
		name, want string
		bad        bool
	}{
		{name: "users", want: "`users`"},
		{name: "select", want: "`select`"},
		{name: "order", want: "`order`"},
		{name: "back`tick", want: "`back``tick`"},
		{name: "``", want: "``````"},
		{name: `dq"uote`, want: "`dq\"uote`"},
		{name: "single'quote", want: "`single'quote`"},
		{name: `back\slash`, want: "`back\\slash`"},
		{name: "with space", want: "`with space`"},
		{name: "x; DROP TABLE y; --", want: "`x; DROP TABLE y; --`"},
		{name: "naïve_ünïcödé", want: "`naïve_ünïcödé`"},
		{name: "名前", want: "`名前`"},
		{name: strings.Repeat("a", 64), want: "`" + strings.Repeat("a", 64) + "`"},
		// 64 characters but 128 bytes: the limit counts characters.
		{name: strings.Repeat("é", 64), want: "`" + strings.Repeat("é", 64) + "`"},
		{name: "", bad: true},
		{name: "a\x00b", bad: true},
		{name: strings.Repeat("a", 65), bad: true},
		{name: "emoji_🙂", bad: true},
		{name: "bad\xffutf8", bad: true},
	}
	for _, c := range cases {
		got, err := d.QuoteIdent(c.name)
		if c.bad {
			var ie *IdentifierError
			if !errors.As(err, &ie) {
				t.Errorf("QuoteIdent(%q) = %q, %v; want an *IdentifierError", c.name, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("QuoteIdent(%q) = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

func TestMySQLQuoteIdentMessages(t *testing.T) {
	d := MySQL()
	for name, want := range map[string]string{
		"":                      "cannot be empty",
		"a\x00":                 "cannot contain NUL",
		strings.Repeat("x", 70): "70 characters long; MySQL identifiers hold at most 64",
		" ":                     "ends with a space",
		"t ":                    "ends with a space",
	} {
		_, err := d.QuoteIdent(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("QuoteIdent(%q) error = %v; want it to contain %q", name, err, want)
		}
	}
}

func TestMySQLQuoteQualified(t *testing.T) {
	d := MySQL()
	cases := []struct{ schema, name, want string }{
		{"", "t", "`t`"},
		{"db", "t", "`db`.`t`"},
		{"my`db", "a.b", "`my``db`.`a.b`"},
	}
	for _, c := range cases {
		got, err := d.QuoteQualified(c.schema, c.name)
		if err != nil || got != c.want {
			t.Errorf("QuoteQualified(%q, %q) = %q, %v; want %q", c.schema, c.name, got, err, c.want)
		}
	}
	if _, err := d.QuoteQualified("a\x00", "t"); err == nil {
		t.Errorf("QuoteQualified with a NUL schema succeeded")
	}
}

type mysqlStatus string

func TestMySQLLiteral(t *testing.T) {
	d := MySQL()
	ptr := int64(7)
	cases := []struct {
		v    any
		want string
	}{
		{nil, "NULL"},
		{true, "TRUE"},
		{false, "FALSE"},
		{42, "42"},
		{int8(-3), "-3"},
		{int64(math.MinInt64), "-9223372036854775808"},
		{uint64(math.MaxUint64), "18446744073709551615"},
		{1.5, "1.5"},
		{float32(0.1), "0.1"},
		{1e21, "1e+21"},
		{-0.25, "-0.25"},
		{"", "''"},
		{"plain", "'plain'"},
		{"it's", "'it''s'"},
		{`back\slash`, `'back\\slash'`},
		{`\'`, `'\\'''`},
		{`it's "quoted" \ ok`, `'it''s "quoted" \\ ok'`},
		{"nul\x00 nl\n cr\r ctrlz\x1a tab\t", `'nul\0 nl\n cr\r ctrlz\Z tab` + "\t'"},
		{"naïve 名前 🙂", "'naïve 名前 🙂'"},
		{"'; DROP TABLE t; --", "'''; DROP TABLE t; --'"},
		{[]byte{0xde, 0xad, 0xbe, 0xef}, "X'DEADBEEF'"},
		{[]byte{}, "X''"},
		{time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC), "'2024-01-02 03:04:05.123456'"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "'2024-01-02 03:04:05'"},
		{time.Date(2024, 1, 2, 3, 4, 5, 500000000, time.FixedZone("CET", 3600)), "'2024-01-02 02:04:05.5'"},
		{mysqlStatus("it's"), "'it''s'"},
		{&ptr, "7"},
		{(*int64)(nil), "NULL"},
	}
	for _, c := range cases {
		got, err := d.Literal(c.v)
		if err != nil || got != c.want {
			t.Errorf("Literal(%#v) = %q, %v; want %q", c.v, got, err, c.want)
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), float32(math.Inf(-1)), struct{}{}, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if got, err := d.Literal(bad); err == nil || !strings.HasPrefix(err.Error(), "mysql: ") {
			t.Errorf("Literal(%#v) = %q, %v; want an error starting with \"mysql: \"", bad, got, err)
		}
	}
}

func TestMySQLParseVersion(t *testing.T) {
	cases := []struct {
		raw     string
		mariadb bool
		want    serverVersion
	}{
		{"8.0.36", false, serverVersion{8, 0, 36}},
		{"8.0.36-0ubuntu0.22.04.1", false, serverVersion{8, 0, 36}},
		{"8.4.0-commercial", false, serverVersion{8, 4, 0}},
		{"10.11.19-MariaDB-0+deb12u1", true, serverVersion{10, 11, 19}},
		{"5.5.5-10.6.12-MariaDB-log", true, serverVersion{10, 6, 12}},
		{"11.4.2-MariaDB", true, serverVersion{11, 4, 2}},
		{"9.1", false, serverVersion{9, 1, 0}},
	}
	for _, c := range cases {
		m, v, err := parseMySQLVersion(c.raw)
		if err != nil || m != c.mariadb || v != c.want {
			t.Errorf("parseMySQLVersion(%q) = %v, %v, %v; want %v, %v", c.raw, m, v, err, c.mariadb, c.want)
		}
	}
	for _, bad := range []string{"", "MariaDB", "x.y"} {
		if _, _, err := parseMySQLVersion(bad); err == nil {
			t.Errorf("parseMySQLVersion(%q) succeeded", bad)
		}
	}
}

func TestMySQLCapabilities(t *testing.T) {
	mysql8 := newMySQL(false, serverVersion{8, 0, 36}).Capabilities()
	mysql8012 := newMySQL(false, serverVersion{8, 0, 12}).Capabilities()
	maria106 := newMySQL(true, serverVersion{10, 6, 0}).Capabilities()
	maria1011 := newMySQL(true, serverVersion{10, 11, 6}).Capabilities()
	cases := []struct {
		what string
		got  bool
		want bool
	}{
		{"MySQL 8 functional indexes", mysql8.ExpressionIndexes, true},
		{"MySQL 8.0.12 functional indexes", mysql8012.ExpressionIndexes, false},
		{"MySQL 8.0.12 checks", mysql8012.CheckConstraints, false},
		{"MySQL 8 sequences", mysql8.Sequences, false},
		{"MySQL 8 RETURNING", mysql8.Returning, false},
		{"MySQL 8 DESC keys", mysql8.DescIndexes, true},
		{"MySQL 8 checks", mysql8.CheckConstraints, true},
		{"MariaDB sequences", maria106.Sequences, true},
		{"MariaDB RETURNING", maria106.Returning, true},
		{"MariaDB expression indexes", maria1011.ExpressionIndexes, false},
		{"MariaDB 10.6 DESC keys", maria106.DescIndexes, false},
		{"MariaDB 10.11 DESC keys", maria1011.DescIndexes, true},
		{"MariaDB checks", maria106.CheckConstraints, true},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v; want %v", c.what, c.got, c.want)
		}
	}
	for _, c := range []Capabilities{mysql8, maria106, maria1011} {
		if c.TransactionalDDL || !c.AdvisoryLocks || c.PartialIndexes || c.IndexInclude ||
			c.DeferrableForeignKeys || c.NotValidForeignKeys || c.NamedEnumTypes || !c.InlineEnums ||
			!c.IndexPrefixLengths || c.MaxIdentifierLength != 64 || c.WithoutRowID {
			t.Errorf("shared capabilities wrong: %+v", c)
		}
		want := Syntax{HashComments: true, BacktickIdents: true, BackslashEscapes: true, DelimiterCommand: true, BeginEnd: true}
		if c.Syntax != want {
			t.Errorf("Syntax = %+v; want %+v", c.Syntax, want)
		}
	}
	if MySQL().Name() != "mysql" || MariaDB().Name() != "mysql" {
		t.Errorf("Name() must be mysql for both flavours")
	}
}

// FuzzMySQLQuoting checks that QuoteIdent and Literal are reversible:
// unquoting what they produce gives the input back, so no input can end
// a quoted identifier or string early.
func FuzzMySQLQuoting(f *testing.F) {
	for _, s := range []string{"", "a", "back`tick", "it's", `\`, `\'`, "\x00", "\n\r\x1a", "名前", "🙂"} {
		f.Add(s)
	}
	d := MySQL()
	f.Fuzz(func(t *testing.T, s string) {
		if q, err := d.QuoteIdent(s); err == nil {
			inner := q[1 : len(q)-1]
			if q[0] != '`' || q[len(q)-1] != '`' || strings.ReplaceAll(inner, "``", "`") != s ||
				strings.Contains(strings.ReplaceAll(inner, "``", ""), "`") {
				t.Errorf("QuoteIdent(%q) = %q is not reversible", s, q)
			}
		}
		lit, err := d.Literal(s)
		if err != nil {
			t.Fatalf("Literal(%q): %v", s, err)
		}
		vals, ok := parseMySQLValueList("(" + lit + ")")
		if !ok || len(vals) != 1 || vals[0] != s {
			t.Errorf("Literal(%q) = %s reads back as %q (ok %v)", s, lit, vals, ok)
		}
	})
}
