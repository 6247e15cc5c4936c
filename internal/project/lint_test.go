package project

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/migratego/migrate/lint"
)

func TestLint(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "app.db")
	drop := "-- migrate:id b2\n-- migrate:revises a1\n\n-- migrate:upgrade\nDROP TABLE users;\n\n-- migrate:downgrade\nCREATE TABLE users (id integer);\n"
	p := newProject(t, "", map[string]string{"DATABASE_URL": "sqlite:" + file}, map[string]string{"a1_create_t.sql": rev1, "b2_drop_t.sql": drop})
	s, err := p.LoadRunnable()
	if err != nil {
		t.Fatal(err)
	}
	// The default range on a database file that does not exist: every
	// revision is unapplied, and the file is not created.
	rep, err := p.Lint(ctx, s, lint.Range{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Revisions, []string{"a1", "b2"}) || !rep.Failed() {
		t.Errorf("Lint() = %+v", rep)
	}
	if p.MissingDatabaseFile() == "" {
		t.Error("Lint() created the database file")
	}
	if _, err := p.Lint(ctx, s, lint.Range{Spec: "nowhere"}); !isInput(err) {
		t.Errorf("Lint() of an unknown range: %v", err)
	}
}
