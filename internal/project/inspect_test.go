package project

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/inspect"
)

func TestInspectLeavesOutTheVersionTables(t *testing.T) {
	file := filepath.Join(t.TempDir(), "app.db")
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"CREATE TABLE users (id integer PRIMARY KEY)", "CREATE TABLE my_versions (version_num text)"} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	p := newProject(t, "version_table = \"my_versions\"\n", map[string]string{"DATABASE_URL": "sqlite:" + file}, nil)
	out, err := p.Inspect(context.Background(), inspect.Options{}, "sql", "migrations")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `CREATE TABLE "users"`) || strings.Contains(string(out), "my_versions") {
		t.Errorf("Inspect():\n%s", out)
	}
	if _, err := p.Inspect(context.Background(), inspect.Options{}, "yaml", "migrations"); err == nil {
		t.Error("Inspect() renders an unknown format")
	}
}
