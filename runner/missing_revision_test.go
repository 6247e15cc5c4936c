package runner

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/migratego/migrate/internal/testdb"
)

// TestVerifyVanished: a revision whose file is gone is reported only
// while the database has applied it: as a row of the version table, or
// below a row the scripts no longer have (a database newer than the
// checkout). One the database was stamped below is not applied, whatever
// the history says of it.
func TestVerifyVanished(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		stamp   string   // stamped after upgrade head, when set
		removed []string // files removed afterwards
		want    []string // "revision problem"
	}{
		{"head gone", "", []string{"a3_add_comments.sql"}, []string{"a3 vanished"}},
		{"head and its parent gone", "", []string{"a3_add_comments.sql", "a2_create_posts.sql"}, []string{"a2 vanished", "a3 vanished"}},
		{"stamped below, then gone", "a1", []string{"a3_add_comments.sql"}, nil},
		{"stamped below, then both gone", "a1", []string{"a3_add_comments.sql", "a2_create_posts.sql"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := testdb.Open(t, "sqlite")
			dir := copyFixture(t, "linear")
			r := newTestRunner(t, db, dirGraph(t, dir))
			if _, err := r.Upgrade(ctx, "head"); err != nil {
				t.Fatal(err)
			}
			if tt.stamp != "" {
				if _, err := r.Stamp(ctx, []string{tt.stamp}, false); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tt.removed {
				if err := os.Remove(filepath.Join(dir, f)); err != nil {
					t.Fatal(err)
				}
			}
			problems, err := newTestRunner(t, db, dirGraph(t, dir)).Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.Revision+" "+p.Problem)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("verify: got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStampUnknownRow: a stamp refused because the version table names a
// revision the scripts lack says that --purge replaces the rows, and
// stamping with --purge then works.
func TestStampUnknownRow(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	dir := copyFixture(t, "linear")
	if _, err := newTestRunner(t, db, dirGraph(t, dir)).Upgrade(ctx, "head"); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "a3_add_comments.sql")); err != nil {
		t.Fatal(err)
	}
	r := newTestRunner(t, db, dirGraph(t, dir))
	_, err := r.Stamp(ctx, []string{"a2"}, false)
	want := `the database is at revision a3, which is not in the scripts: is the database newer than this checkout? (version table "migrate_version"); to replace the rows without reading them, stamp with --purge`
	if err == nil || err.Error() != want {
		t.Fatalf("stamp: %v\nwant: %s", err, want)
	}
	if _, err := r.Stamp(ctx, []string{"a2"}, true); err != nil {
		t.Fatalf("stamp --purge: %v", err)
	}
	wantRows(t, r, "a2")
}
