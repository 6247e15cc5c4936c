package suggest

import "testing"

func TestClosest(t *testing.T) {
	known := []string{"lock_timeout", "lock", "history_table", "pk", "renamed"}
	tests := []struct{ name, want string }{
		{"lock_timout", "lock_timeout"},
		{"LOCK_TIMEOUT", "lock_timeout"},
		{"histroy_table", "history_table"},
		{"lok", "lock"},
		{"renamd", "renamed"},
		{"renamed_from", ""},
		{"something_else", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.name, known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"history", "histroy", 2}, {"same", "same", 0},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
