package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesDocumented checks that docs/lint.md has a row for every rule,
// with its severity, and that every rule says what it finds.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "lint.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if r.Summary == "" {
			t.Errorf("rule %s has no summary", r.ID)
		}
		row := "| `" + r.ID + "` | " + r.Severity.String()
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/lint.md has no row %q…", row)
		}
		if r.Severity >= Warning && r.Alternative == "" {
			t.Errorf("rule %s gives no safe alternative", r.ID)
		}
	}
}
