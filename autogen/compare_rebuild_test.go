package autogen

import (
	"testing"

	"github.com/migratego/migrate/model"
)

// TestRebuildRecreatesTriggers: a SQLite batch that rebuilds a table by
// move and copy drops the triggers on it (and the batch refuses to run
// while there are any), so Compare drops them before the batch and
// creates them again after it; a batch that alters the table in place
// leaves them alone, unless its inverse in the downgrade rebuilds. Found
// by TestProperty (sqlite, triggers).
func TestRebuildRecreatesTriggers(t *testing.T) {
	d := mustDialect(t, "sqlite")
	trigger := &model.Definition{Kind: model.DefTrigger, Name: "tg", Table: "users",
		SQL: "CREATE TRIGGER tg AFTER INSERT ON users FOR EACH ROW BEGIN SELECT 1; END"}
	schema := func(tb *model.Table) *model.MetaData {
		md := (&model.MetaData{Definitions: []*model.Definition{trigger.Clone()}}).AddTable(tb)
		md.ApplyNaming()
		return md
	}
	cur := schema(users())
	cur.Tables[0].Columns[1].Nullable = false
	tests := []struct {
		name   string
		target *model.Table
		want   string
	}{
		{"rebuild", users(),
			"drop_definition; batch_alter_table users[alter_column users.name]; create_definition"},
		{"in place", func() *model.Table {
			u := users(&model.Column{Name: "extra", Type: model.Integer, Nullable: true})
			u.Columns[1].Nullable = false
			return u
		}(),
			"batch_alter_table users[add_column users.extra]"},
		// DROP COLUMN runs in place; adding the NOT NULL column back does not.
		{"inverse rebuilds", &model.Table{Name: "users", Columns: []*model.Column{{Name: "id", Type: model.BigInt}},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}},
			"drop_definition; batch_alter_table users[drop_column users.name]; create_definition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compare(cur, schema(tt.target), Options{Dialect: d})
			if err != nil {
				t.Fatal(err)
			}
			if got := opNames(res.Ops); got != tt.want {
				t.Errorf("operations:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}
