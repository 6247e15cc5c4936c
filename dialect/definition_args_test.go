package dialect

import "testing"

func TestRoutineArguments(t *testing.T) {
	tests := []struct{ stmt, want string }{
		{"CREATE FUNCTION f() RETURNS int AS $$SELECT 1$$", ""},
		{"CREATE FUNCTION f(x integer) RETURNS int", "x integer"},
		{"create function \"we(ird\"(IN a numeric(10, 2), b text DEFAULT 'a,b)', c int = 3) returns int", "IN a numeric(10, 2), b text, c int"},
		{"CREATE AGGREGATE agg(integer) (SFUNC = f, STYPE = int)", "integer"},
		{"CREATE PROCEDURE p(\n  a int,\n  b int[]\n) LANGUAGE sql", "a int, b int[]"},
		{"CREATE FUNCTION broken(", ""},
	}
	for _, tt := range tests {
		if got := routineArguments(tt.stmt); got != tt.want {
			t.Errorf("routineArguments(%q) = %q, want %q", tt.stmt, got, tt.want)
		}
	}
}
