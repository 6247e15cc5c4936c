package model

import "testing"

// TestIdentityGoSource: a generated revision writes the identity fields
// that are set, not Always: false, Start: 0, Increment: 0.
func TestIdentityGoSource(t *testing.T) {
	tests := []struct {
		name string
		id   *Identity
		want string
	}{
		{"nil", nil, "nil"},
		{"by default", &Identity{}, "&model.Identity{}"},
		{"always", &Identity{Always: true}, "&model.Identity{Always: true}"},
		{"start", &Identity{Start: 100}, "&model.Identity{Start: 100}"},
		{"all", &Identity{Always: true, Start: 5, Increment: 2}, "&model.Identity{Always: true, Start: 5, Increment: 2}"},
		{"negative increment", &Identity{Increment: -1}, "&model.Identity{Increment: -1}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.id.GoSource(); got != tt.want {
				t.Errorf("GoSource() = %s, want %s", got, tt.want)
			}
		})
	}
}
