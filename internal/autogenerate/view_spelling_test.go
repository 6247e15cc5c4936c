package autogenerate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestCheckSpellsViewsOutsideTheDatabase: on MariaDB, check asks the
// server how it spells the model's views in a temporary database, never
// in the compared one. The test runs check as a user who may only read
// the compared database: a view the model writes in natural words is
// still found equal (and a view that changed is still a change), and the
// database's objects are the same before and after. A user who may not
// create databases either gets a warning and no change, not an error or a
// false positive.
func TestCheckSpellsViewsOutsideTheDatabase(t *testing.T) {
	ctx := context.Background()
	root, tg := testdb.Open(t, "mysql")
	for _, s := range []string{"CREATE TABLE items (id integer NOT NULL PRIMARY KEY, n integer)",
		"CREATE VIEW item_ids AS SELECT id FROM items WHERE n > 0"} {
		if _, err := root.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	items := &model.Table{Name: "items", Columns: []*model.Column{{Name: "id", Type: model.Integer}, {Name: "n", Type: model.Integer, Nullable: true}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	modelWith := func(def string) func() *model.MetaData {
		return func() *model.MetaData {
			return (&model.MetaData{Views: []*model.View{{Name: "item_ids", Definition: def}}}).AddTable(items)
		}
	}
	before := catalogSnapshot(t, root, tg.Scope)
	for _, tc := range []struct {
		name        string
		mayScratch  bool
		def         string
		wantEmpty   bool
		wantWarning string
	}{
		{"spelled in a temporary database", true, "select id from items where n > 0", true, ""},
		{"a changed view is a change", true, "SELECT id FROM items WHERE n > 1", false, ""},
		{"no privilege to create databases", false, "select id from items where n > 0", true, "allow the user to create databases"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := readOnlyUser(t, root, tg, tc.mayScratch)
			db, err := dialect.Open(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			d, err := Compute(ctx, Request{DB: db, URL: u, Model: ModelSource{Go: modelWith(tc.def)}})
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			if d.Empty() != tc.wantEmpty {
				t.Errorf("empty = %v, want %v: %v", d.Empty(), tc.wantEmpty, d.Up)
			}
			var warnings []string
			for _, w := range d.Warnings {
				warnings = append(warnings, w.Message)
			}
			if got := strings.Join(warnings, "\n"); (tc.wantWarning == "") != (got == "") || !strings.Contains(got, tc.wantWarning) {
				t.Errorf("warnings %q, want one containing %q", got, tc.wantWarning)
			}
		})
	}
	if after := catalogSnapshot(t, root, tg.Scope); after != before {
		t.Errorf("the compared database changed:\nbefore %s\nafter  %s", before, after)
	}
}

// readOnlyUser creates a MariaDB user who may read the database of tg and,
// when mayScratch, create the temporary databases of migrate; it returns
// the URL that connects as that user.
func readOnlyUser(t *testing.T, root *dialect.DB, tg *testdb.Target, mayScratch bool) string {
	t.Helper()
	ctx := context.Background()
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := "migrate_ro_" + hex.EncodeToString(b[:])
	stmts := []string{
		fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY 'pw'", name),
		fmt.Sprintf("GRANT SELECT, SHOW VIEW ON `%s`.* TO '%s'@'%%'", tg.Scope, name),
	}
	if mayScratch {
		stmts = append(stmts, fmt.Sprintf("GRANT ALL ON `migrate\\_scratch\\_%%`.* TO '%s'@'%%'", name))
	}
	t.Cleanup(func() {
		_, _ = root.ExecContext(context.Background(), fmt.Sprintf("DROP USER IF EXISTS '%s'@'%%'", name))
	})
	for _, s := range stmts {
		if _, err := root.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	u, err := url.Parse(tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(name, "pw")
	return u.String()
}

// catalogSnapshot lists the tables and views of the database schema with
// their creation times and view definitions.
func catalogSnapshot(t *testing.T, db *dialect.DB, schema string) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT t.TABLE_NAME, t.TABLE_TYPE, COALESCE(CAST(t.CREATE_TIME AS CHAR), ''), COALESCE(v.VIEW_DEFINITION, '')
FROM information_schema.TABLES t LEFT JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
WHERE t.TABLE_SCHEMA = ? ORDER BY t.TABLE_NAME`, schema)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n, typ, created, def string
		if err := rows.Scan(&n, &typ, &created, &def); err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Join([]string{n, typ, created, def}, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "; ")
}
