package runnerbuild

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/migratego/migrate/cli/config"
)

// TestHandOffSQLProject: a project whose revisions are all SQL needs no
// compiled runner; the command goes on in this program.
func TestHandOffSQLProject(t *testing.T) {
	dir := t.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(versions, "a1.sql"), []byte("-- migrate:id a1\n\n-- migrate:upgrade\nSELECT 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := &config.Config{ScriptLocation: filepath.Join(dir, "migrations"), VersionLocations: []string{versions}}
	for _, forModel := range []bool{false, true} {
		h := &HandOff{Config: cfg, ForModel: forModel, Builder: &Builder{}, Dir: dir}
		if done, err := h.Run(context.Background()); done || err != nil {
			t.Errorf("Run(forModel=%v) = %v, %v; want not done", forModel, done, err)
		}
	}
}
