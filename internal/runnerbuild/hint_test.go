package runnerbuild

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateHints = flag.Bool("update", false, "rewrite testdata/build_hints.golden")

// TestBuildHint: a failed go build of the runner says what to do; the
// commands it names work before migrate is published (from a clone).
func TestBuildHint(t *testing.T) {
	tests := []struct{ name, output string }{
		{"migrate not required", "migrations/env.go:6:8: no required module provides package github.com/migratego/migrate/model; to add it:\n\tgo get github.com/migratego/migrate/model"},
		{"drivers not required", "main.go:8:2: no required module provides package github.com/jackc/pgx/v5/stdlib; to add it:\n\tgo get github.com/jackc/pgx/v5/stdlib"},
		{"go.sum entry missing", "main.go:9:2: missing go.sum entry for module providing package modernc.org/sqlite (imported by main); to add:\n\tgo get main"},
		{"go.mod needs updates", "go: updates to go.mod needed; to update it:\n\tgo mod tidy"},
		{"a package of the user's", "migrations/env.go:7:2: no required module provides package github.com/acme/models; to add it:\n\tgo get github.com/acme/models"},
		{"compiler error", "migrations/env.go:26:11: syntax error: unexpected := at end of statement"},
	}
	var got strings.Builder
	for _, tt := range tests {
		fmt.Fprintf(&got, "%s: %s\n", tt.name, buildHint(tt.output, "/src/app"))
	}
	golden := filepath.Join("testdata", "build_hints.golden")
	if *updateHints {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("hints:\n%s\nwant (%s):\n%s", got.String(), golden, want)
	}
}
