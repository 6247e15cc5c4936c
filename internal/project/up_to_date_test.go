package project

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/runner"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestCheckUpToDate: autogenerate and check refuse a database that is not
// at the heads (it would write again what unapplied revisions do), and
// accept one that is, including a project without revisions yet.
func TestCheckUpToDate(t *testing.T) {
	const rev2 = "-- migrate:id b2\n-- migrate:revises a1\n-- migrate:upgrade\nSELECT 1;\n"
	const rev3 = "-- migrate:id c3\n-- migrate:revises a1\n-- migrate:upgrade\nSELECT 1;\n"
	tests := []struct {
		name  string
		files map[string]string
		rows  []string // version table rows; nil: no version table
		noDir bool     // remove the script directory
	}{
		{name: "no script directory, no version table", noDir: true},
		{name: "no script directory, a revision applied", noDir: true, rows: []string{"a1"}},
		{name: "no revisions, no version table"},
		{name: "one revision, no version table", files: map[string]string{"a1_t.sql": rev1}},
		{name: "one revision, applied", files: map[string]string{"a1_t.sql": rev1}, rows: []string{"a1"}},
		{name: "two revisions, first applied", files: map[string]string{"a1_t.sql": rev1, "b2_u.sql": rev2}, rows: []string{"a1"}},
		{name: "two heads, one applied", files: map[string]string{"a1_t.sql": rev1, "b2_u.sql": rev2, "c3_v.sql": rev3}, rows: []string{"b2"}},
		{name: "two heads, both applied", files: map[string]string{"a1_t.sql": rev1, "b2_u.sql": rev2, "c3_v.sql": rev3}, rows: []string{"b2", "c3"}},
		{name: "unknown revision applied", files: map[string]string{"a1_t.sql": rev1}, rows: []string{"zz"}},
	}
	var got strings.Builder
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			p := newProject(t, "database_url = \"sqlite:app.db\"\n", nil, tt.files)
			if tt.noDir {
				if err := os.RemoveAll(filepath.Join(p.WorkDir, "migrations")); err != nil {
					t.Fatal(err)
				}
			}
			db, err := p.OpenDB(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if tt.rows != nil {
				if _, err := db.ExecContext(ctx, `CREATE TABLE "migrate_version" ("version_num" varchar(255) NOT NULL PRIMARY KEY)`); err != nil {
					t.Fatal(err)
				}
				for _, r := range tt.rows {
					if _, err := db.ExecContext(ctx, `INSERT INTO "migrate_version" VALUES (?)`, r); err != nil {
						t.Fatal(err)
					}
				}
			}
			err = p.CheckUpToDate(ctx, db)
			if err != nil && (!isInput(err) || !errors.As(err, new(*NotUpToDateError)) && !errors.As(err, new(*runner.UnknownRevisionError))) {
				t.Fatalf("error %T, want an input error wrapping *NotUpToDateError or *runner.UnknownRevisionError: %v", err, err)
			}
			fmt.Fprintf(&got, "%s: %v\n", tt.name, err)
		})
	}
	golden := filepath.Join("testdata", "up_to_date.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("got\n%s\nwant (%s)\n%s", got.String(), golden, want)
	}
}
