package autogen_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestSpellViews: a view the model writes in natural words (SELECT id
// FROM items) is the view the server keeps in its own (PostgreSQL:
// SELECT items.id FROM items; MySQL: select `items`.`id` AS `id` from
// `items`), so a compare with the server's spelling finds nothing, while
// a view that reads something else is still replaced, and the throwaway
// view leaves nothing behind.
func TestSpellViews(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			for _, s := range []string{"CREATE TABLE items (id integer NOT NULL PRIMARY KEY, n integer)", "CREATE VIEW item_ids AS SELECT id FROM items"} {
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
				{"SELECT n FROM items", false},
				{"SELECT id + 0 AS id FROM items", false},
			} {
				target := current.Clone()
				target.Views = []*model.View{{Name: "item_ids", Definition: tc.def}}
				texts, err := autogen.SpellViews(ctx, db, current, target)
				if err != nil {
					t.Fatal(err)
				}
				res, err := autogen.Compare(current, target, autogen.Options{Dialect: db.Dialect, ViewTexts: texts})
				if err != nil {
					t.Fatal(err)
				}
				if res.Empty() != tc.same {
					t.Errorf("%q: compare empty = %v, want %v:\n%s", tc.def, res.Empty(), tc.same, describe(res.Ops))
				}
			}
			after, err := inspect.Database(ctx, db, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Views) != 1 {
				t.Errorf("views after spelling: %d, want 1 (the throwaway view is left behind)", len(after.Views))
			}
		})
	}
}
