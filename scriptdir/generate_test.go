package scriptdir

import (
	"path/filepath"
	"testing"
)

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"migrations": "migrations", "db": "db", "my-migrations": "my_migrations", "Schema.v2": "schema_v2",
		"123": "migrations", "func": "migrations", "main": "migrations",
	} {
		if got := PackageName(filepath.Join("/x", in)); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
	}
}
