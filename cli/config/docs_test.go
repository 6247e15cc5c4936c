package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigurationDocumented: docs/configuration.md names every key of
// migrate.toml, every key of its tables and every environment
// variable, so that a new setting cannot go undocumented.
func TestConfigurationDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "configuration.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	var want []string
	for _, k := range Keys() {
		want = append(want, "`"+k+"`")
	}
	for _, keys := range tables {
		for k := range keys {
			want = append(want, "`"+k+"`")
		}
	}
	for _, vars := range EnvVars() {
		for _, v := range vars {
			want = append(want, "`"+v+"`")
		}
	}
	want = append(want, "`"+EnvConfig+"`")
	for _, w := range want {
		if !strings.Contains(doc, w) {
			t.Errorf("docs/configuration.md does not mention %s", w)
		}
	}
}
