package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

// TestCanonicalExpr keeps the cases of the first, text-based normaliser,
// each now with the dialect (and the column types) it came from: the
// casts PostgreSQL adds to a column depend on the column's type.
func TestCanonicalExpr(t *testing.T) {
	tb := &model.Table{Name: "t", Columns: []*model.Column{
		{Name: "balance", Type: model.Numeric(10, 2)},
		{Name: "email", Type: model.Varchar(50)},
		{Name: "x", Type: model.Integer},
		{Name: "status", Type: model.Varchar(10)},
		{Name: "ts", Type: model.Timestamp},
		{Name: "a", Type: model.Integer},
	}}
	pg, my := Postgres(), MariaDB()
	cases := []struct {
		d    Dialect
		a, b string
	}{
		{pg, "balance >= 0", "(balance >= (0)::numeric)"},
		{pg, "lower(email)", "lower((email)::text)"},
		{pg, `"x" > -100000`, "(x > '-100000'::integer)"},
		{pg, "status = 'it''s'", "((status)::text = 'it''s'::character varying)"},
		{pg, "CURRENT_TIMESTAMP", "current_timestamp"},
		{pg, "now()", "now()"},
		{my, "`a` IS NOT NULL", "(a IS NOT NULL)"},
		{pg, `"a" IS NOT NULL`, "(a IS NOT NULL)"},
	}
	for _, c := range cases {
		if x, y := CanonicalExpr(c.d, tb, c.a), CanonicalExpr(c.d, tb, c.b); x != y {
			t.Errorf("%s: CanonicalExpr(%q) = %q, CanonicalExpr(%q) = %q; want equal", c.d.Name(), c.a, x, c.b, y)
		}
	}
	// String literals are kept verbatim: different literals stay different.
	if CanonicalExpr(pg, tb, "ts > '2020-01-01'") == CanonicalExpr(pg, tb, "(ts > '2020-01-01 00:00:00'::timestamp without time zone)") {
		t.Errorf("literals '2020-01-01' and '2020-01-01 00:00:00' must not compare equal")
	}
	if got := CanonicalExpr(pg, tb, "'A  B'"); got != "'A  B'" {
		t.Errorf("string literal changed: %q", got)
	}
}
