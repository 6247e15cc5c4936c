package inspect

import "testing"

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"users", "users", true},
		{"users", "user", false},
		{"user?", "users", true},
		{"user?", "user", false},
		{"*", "", true},
		{"*", "anything", true},
		{"app_*", "app_users", true},
		{"app_*", "app_", true},
		{"app_*", "ap_users", false},
		{"*_log", "audit_log", true},
		{"*_log", "audit_logs", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"a%b", "a%b", true},
		{"a_b", "axb", false},
		{"public.*", "public.users", true},
		{"*.users", "app.users", true},
		{"ü?", "üx", true},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.glob, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
}
