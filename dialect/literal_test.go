package dialect

import "testing"

// TestNamedFloatLiterals checks that a named float type renders with its
// own precision on every dialect: a float32 value is the shortest decimal
// that reads back as that float32, not its float64 expansion.
func TestNamedFloatLiterals(t *testing.T) {
	type ratio float32
	type score float64
	for _, d := range []Dialect{Postgres(), MySQL(), MariaDB(), SQLite()} {
		for _, tc := range []struct {
			v    any
			want string
		}{
			{ratio(0.1), "0.1"},
			{float32(0.1), "0.1"},
			{score(0.1), "0.1"},
		} {
			got, err := d.Literal(tc.v)
			if err != nil {
				t.Errorf("%s: Literal(%T(%v)): %v", d.Name(), tc.v, tc.v, err)
				continue
			}
			if got != tc.want {
				t.Errorf("%s: Literal(%T(%v)) = %q, want %q", d.Name(), tc.v, tc.v, got, tc.want)
			}
		}
	}
}
