package inspect

import "testing"

func TestPgStableExpr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"((plan)::text = ANY ((ARRAY['free'::character varying, 'it''s'::character varying])::text[]))",
			"((plan) = ANY (ARRAY['free'::character varying, 'it''s'::character varying]))"},
		{"((kind)::text <> ALL ((ARRAY['a'::character varying])::text[]))",
			"((kind) <> ALL (ARRAY['a'::character varying]))"},
		// Other shapes are left as printed.
		{"(code = ANY (ARRAY['a'::bpchar, 'b'::bpchar]))", "(code = ANY (ARRAY['a'::bpchar, 'b'::bpchar]))"},
		{"((plan)::text = ANY ((ARRAY['a'::character varying, (x)::character varying])::text[]))",
			"((plan)::text = ANY ((ARRAY['a'::character varying, (x)::character varying])::text[]))"},
		{"(price > (0)::numeric)", "(price > (0)::numeric)"},
	}
	for _, tt := range tests {
		if got := pgStableExpr(tt.in); got != tt.want {
			t.Errorf("pgStableExpr(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
