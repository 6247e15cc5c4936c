package dialect

import "testing"

func TestCanonicalExpr(t *testing.T) {
	cases := []struct{ a, b string }{
		{"balance >= 0", "(balance >= (0)::numeric)"},
		{"lower(email)", "lower((email)::text)"},
		{`"x" > -100000`, "(x > '-100000'::integer)"},
		{"status = 'it''s'", "((status)::text = 'it''s'::character varying)"},
		{"CURRENT_TIMESTAMP", "current_timestamp"},
		{"now()", "now()"},
		{"`a` IS NOT NULL", `("a" IS NOT NULL)`},
		{"ts > '2020-01-01'", "(ts > '2020-01-01 00:00:00'::timestamp without time zone)"},
	}
	for _, c := range cases[:len(cases)-1] {
		if x, y := CanonicalExpr(c.a), CanonicalExpr(c.b); x != y {
			t.Errorf("CanonicalExpr(%q) = %q, CanonicalExpr(%q) = %q; want equal", c.a, x, c.b, y)
		}
	}
	// String literals are kept verbatim: different literals stay different.
	last := cases[len(cases)-1]
	if CanonicalExpr(last.a) == CanonicalExpr(last.b) {
		t.Errorf("literals '2020-01-01' and '2020-01-01 00:00:00' must not compare equal")
	}
	if got := CanonicalExpr("'A  B'"); got != "'A  B'" {
		t.Errorf("string literal changed: %q", got)
	}
}
