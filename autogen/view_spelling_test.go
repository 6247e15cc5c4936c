package autogen_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/scratchdb"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestSpellViews: a view the model writes in natural words (SELECT id
// FROM items) is the view the server keeps in its own (PostgreSQL:
// SELECT items.id FROM items; MySQL: select `items`.`id` AS `id` from
// `items`), so a compare with the server's spelling finds nothing, while
// a view that reads something else is still replaced. A view on a view
// is spelled too. Nothing is left behind: on MySQL and MariaDB the views
// are spelled in a temporary database, and the compared database keeps
// exactly its objects.
func TestSpellViews(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, tg := testdb.Open(t, name)
			for _, s := range []string{"CREATE TABLE items (id integer NOT NULL PRIMARY KEY, n integer)",
				"CREATE VIEW item_ids AS SELECT id FROM items", "CREATE VIEW big_ids AS SELECT id FROM item_ids WHERE id > 10"} {
				if _, err := db.ExecContext(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			current, err := inspect.Database(ctx, db, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				def  string
				same bool
			}{
				{"SELECT id FROM items", true},
				{"select  id\n  from items;", true},
				{"SELECT n AS id FROM items", false},
				{"SELECT id + 0 AS id FROM items", false},
			} {
				target := current.Clone()
				target.Views = []*model.View{{Name: "item_ids", Definition: tc.def},
					{Name: "big_ids", Definition: "SELECT id FROM item_ids WHERE id > 10"}}
				texts, warnings, err := autogen.SpellViews(ctx, db, current, target, spellOptions(tg.URL))
				if err != nil || len(warnings) > 0 {
					t.Fatalf("SpellViews: %v, warnings %v", err, warnings)
				}
				res, err := autogen.Compare(current, target, autogen.Options{Dialect: db.Dialect, ViewTexts: texts})
				if err != nil {
					t.Fatal(err)
				}
				// A changed item_ids rebuilds big_ids, which reads it: the
				// operations then touch both.
				if res.Empty() != tc.same {
					t.Errorf("%q: compare empty = %v, want %v:\n%s", tc.def, res.Empty(), tc.same, describe(res.Ops))
				}
			}
			after, err := inspect.Database(ctx, db, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d, err := autogen.SchemaDiff(current, after, autogen.Options{Dialect: db.Dialect}, "before", "after"); err != nil || d != "" {
				t.Errorf("the compared database changed (%v):\n%s", err, d)
			}
		})
	}
}

// spellOptions are the view spelling options of migrate's commands for
// the database of url: views are spelled in a temporary database on its
// server. With no url, in the database itself (a test database).
func spellOptions(url string) autogen.SpellOptions {
	if url == "" {
		return autogen.SpellOptions{InPlace: true}
	}
	return autogen.SpellOptions{Scratch: func(ctx context.Context) (*dialect.DB, func() error, error) {
		s, err := scratchdb.Open(ctx, url, "")
		if err != nil {
			return nil, nil, err
		}
		return s.DB, s.Close, nil
	}}
}
