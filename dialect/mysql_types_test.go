package dialect

import (
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// mysqlFlavours are the dialects whose type mappings differ.
func mysqlFlavours() map[string]*mysqlDialect {
	return map[string]*mysqlDialect{
		"mysql8":      newMySQL(false, mysqlDefaultVersion),
		"mariadb10.6": newMySQL(true, serverVersion{10, 6, 0}),
		"mariadb":     newMySQL(true, mariadbDefaultVersion),
	}
}

// TestMySQLTypeRoundTrip renders every type kind and parses the result
// back: ParseType(RenderType(t)) is t, or the documented canonical form.
func TestMySQLTypeRoundTrip(t *testing.T) {
	cases := []struct {
		in   model.Type
		want *model.Type // nil: same as in
	}{
		{in: model.SmallInt},
		{in: model.Integer},
		{in: model.BigInt},
		{in: model.Boolean},
		{in: model.Varchar(255)},
		{in: model.Char(2)},
		{in: model.Type{Kind: model.KindChar}, want: mysqlTypePtr(model.Char(1))},
		{in: model.Text},
		{in: model.Numeric(12, 2)},
		{in: model.Numeric(5, 0)},
		{in: model.Numeric(0, 0), want: mysqlTypePtr(model.Numeric(10, 0))},
		{in: model.Real},
		{in: model.Double},
		{in: model.Date},
		{in: model.Time},
		{in: model.Type{Kind: model.KindTime, Precision: 3}},
		{in: model.Timestamp},
		{in: model.Type{Kind: model.KindTimestamp, Precision: 6}},
		{in: model.TimestampTZ},
		{in: model.Type{Kind: model.KindTimestamp, Precision: 3, WithTimezone: true}},
		{in: model.JSON},
		{in: model.JSONB, want: mysqlTypePtr(model.JSON)},
		{in: model.UUID},
		{in: model.Blob},
		{in: model.Binary(16)},
		{in: model.Enum("mood", "happy", "it's", `back\slash`, "a,b", "()"), want: mysqlTypePtr(model.Enum("", "happy", "it's", `back\slash`, "a,b", "()"))},
		{in: model.Raw("mediumtext")},
		{in: model.Raw("tinyint unsigned")},
		{in: model.Raw("bigint unsigned")},
		{in: model.Raw("set('a','b')")},
		{in: model.Raw("varbinary(10)")},
		{in: model.Raw("longtext")},
	}
	covered := map[model.TypeKind]bool{model.KindInvalid: true, model.KindInterval: true}
	for name, d := range mysqlFlavours() {
		for _, c := range cases {
			covered[c.in.Kind] = true
			s, err := d.RenderType(c.in)
			if err != nil {
				t.Errorf("%s: RenderType(%v): %v", name, c.in, err)
				continue
			}
			want := c.in
			if c.want != nil {
				want = *c.want
			}
			if got := d.ParseType(s); !got.Equal(want) {
				t.Errorf("%s: ParseType(RenderType(%v) = %q) = %#v; want %#v", name, c.in, s, got, want)
			}
		}
	}
	for k := model.KindInvalid; k <= model.KindRaw; k++ {
		if !covered[k] {
			t.Errorf("type kind %v has no round-trip case", k)
		}
	}
}

func mysqlTypePtr[T any](v T) *T { return &v }

func TestMySQLRenderType(t *testing.T) {
	mysql, maria := MySQL(), MariaDB()
	cases := []struct {
		d    Dialect
		in   model.Type
		want string
	}{
		{mysql, model.Boolean, "tinyint(1)"},
		{mysql, model.Integer, "int"},
		{mysql, model.TimestampTZ, "timestamp"},
		{mysql, model.Type{Kind: model.KindTimestamp, Precision: 3}, "datetime(3)"},
		{mysql, model.UUID, "char(36)"},
		{maria, model.UUID, "uuid"},
		{mysql, model.JSONB, "json"},
		{mysql, model.Enum("e", "a", "it's", `b\c`), `enum('a','it''s','b\\c')`},
		{mysql, model.Numeric(0, 0), "decimal(10,0)"},
		{mysql, model.Raw("set('a','b')"), "set('a','b')"},
	}
	for _, c := range cases {
		got, err := c.d.RenderType(c.in)
		if err != nil || got != c.want {
			t.Errorf("RenderType(%v) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestMySQLRenderTypeRefused(t *testing.T) {
	d := MySQL()
	cases := []struct {
		in          model.Type
		want        string
		unsupported bool
	}{
		{model.Varchar(0), "varchar without a length is not supported", true},
		{model.Interval, "the interval type is not supported", true},
		{model.Type{Kind: model.KindTime, WithTimezone: true}, "time with time zone is not supported", true},
		{model.Type{Kind: model.KindTimestamp, Precision: 7}, "fractional seconds precision 7 is outside 0-6", false},
		{model.Type{Kind: model.KindEnum}, "has no values", false},
		{model.Type{}, "cannot render type kind invalid", false},
	}
	for _, c := range cases {
		got, err := d.RenderType(c.in)
		if err == nil {
			t.Errorf("RenderType(%#v) = %q; want an error", c.in, got)
			continue
		}
		var ue *UnsupportedError
		if errors.As(err, &ue) != c.unsupported {
			t.Errorf("RenderType(%#v) = %v; *UnsupportedError: %v, want %v", c.in, err, !c.unsupported, c.unsupported)
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "mysql: ") {
			t.Errorf("RenderType(%#v) error = %q; want \"mysql: …%s…\"", c.in, err, c.want)
		}
	}
}

// TestMySQLParseType reads the spellings MySQL 8 and MariaDB report in
// information_schema.COLUMNS.COLUMN_TYPE, and the synonyms users write.
func TestMySQLParseType(t *testing.T) {
	tsp := func(p int, tz bool) model.Type {
		return model.Type{Kind: model.KindTimestamp, Precision: p, WithTimezone: tz}
	}
	common := []struct {
		raw  string
		want model.Type
	}{
		// MariaDB (and MySQL 5.7) integer display widths; MySQL 8 drops them.
		{"int(11)", model.Integer},
		{"int", model.Integer},
		{"INTEGER", model.Integer},
		{"smallint(6)", model.SmallInt},
		{"bigint(20)", model.BigInt},
		{"bigint", model.BigInt},
		{"int signed", model.Integer},
		{"bigint(20) unsigned", model.Raw("bigint unsigned")},
		{"bigint unsigned", model.Raw("bigint unsigned")},
		{"tinyint(3) unsigned", model.Raw("tinyint unsigned")},
		{"int(10) unsigned zerofill", model.Raw("int(10) unsigned zerofill")},
		{"tinyint(1)", model.Boolean},
		{"tinyint(4)", model.Raw("tinyint")},
		{"tinyint", model.Raw("tinyint")},
		{"mediumint(9)", model.Raw("mediumint")},
		{"bool", model.Boolean},
		{"BOOLEAN", model.Boolean},
		{"varchar(255)", model.Varchar(255)},
		{"VARCHAR(20)", model.Varchar(20)},
		{"character varying(20)", model.Varchar(20)},
		{"char(2)", model.Char(2)},
		{"char", model.Char(1)},
		{"text", model.Text},
		{"longtext", model.Raw("longtext")},
		{"mediumtext", model.Raw("mediumtext")},
		{"decimal(10,2)", model.Numeric(10, 2)},
		{"decimal(10, 2)", model.Numeric(10, 2)},
		{"numeric(5)", model.Numeric(5, 0)},
		{"dec(4,1)", model.Numeric(4, 1)},
		{"fixed(3,1)", model.Numeric(3, 1)},
		{"decimal(10,2) unsigned", model.Raw("decimal(10,2) unsigned")},
		{"float", model.Real},
		{"float(20)", model.Real},
		{"float(30)", model.Double},
		{"float(10,2)", model.Raw("float(10,2)")},
		{"double", model.Double},
		{"double precision", model.Double},
		{"real", model.Double},
		{"date", model.Date},
		{"time", model.Time},
		{"time(2)", model.Type{Kind: model.KindTime, Precision: 2}},
		{"datetime", tsp(0, false)},
		{"datetime(3)", tsp(3, false)},
		{"timestamp", tsp(0, true)},
		{"timestamp(6)", tsp(6, true)},
		{"json", model.JSON},
		{"uuid", model.UUID},
		{"binary(16)", model.Binary(16)},
		{"binary", model.Binary(1)},
		{"varbinary(10)", model.Raw("varbinary(10)")},
		{"blob", model.Blob},
		{"longblob", model.Raw("longblob")},
		{"year(4)", model.Raw("year")},
		{"year", model.Raw("year")},
		{"bit(1)", model.Raw("bit(1)")},
		{"enum('a','b')", model.Enum("", "a", "b")},
		{"ENUM('A', 'b c')", model.Enum("", "A", "b c")},
		{`enum('a','it''s','b\\c')`, model.Enum("", "a", "it's", `b\c`)},
		{`enum('it\'s','x,y','(z)')`, model.Enum("", "it's", "x,y", "(z)")},
		{"enum('unterminated)", model.Raw("enum('unterminated)")},
		{"set('a','b')", model.Raw("set('a','b')")},
		{"  geometry ", model.Raw("geometry")},
		{"inet6", model.Raw("inet6")},
		{"int unsigned(10)", model.Raw("int unsigned(10)")},
	}
	for name, d := range mysqlFlavours() {
		for _, c := range common {
			if got := d.ParseType(c.raw); !got.Equal(c.want) {
				t.Errorf("%s: ParseType(%q) = %#v; want %#v", name, c.raw, got, c.want)
			}
		}
		// char(36) is how MySQL spells uuid; MariaDB 10.7+ has uuid itself.
		want := model.UUID
		if d.nativeUUID() {
			want = model.Char(36)
		}
		if got := d.ParseType("char(36)"); !got.Equal(want) {
			t.Errorf("%s: ParseType(char(36)) = %#v; want %#v", name, got, want)
		}
	}
}
