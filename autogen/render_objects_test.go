package autogen

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// objectRevisionModels are the schemas before and after a revision that
// changes every kind of object other than a table on PostgreSQL.
func objectRevisionModels() (current, target *model.MetaData) {
	users := func(mood ...string) *model.Table {
		return &model.Table{Name: "users", Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "mood", Type: model.Enum("mood", mood...), Default: model.DefaultLiteral("ok")},
			{Name: "born", Type: model.Raw("year"), Nullable: true},
		}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	}
	current = (&model.MetaData{
		Extensions: []*model.Extension{{Name: "hstore", Version: "1.8"}},
		Enums:      []*model.EnumType{{Name: "mood", Values: []string{"sad", "ok", "happy"}}, {Name: "size", Values: []string{"s", "m"}}},
		Domains:    []*model.Domain{{Name: "year", Type: model.Integer}},
		Sequences:  []*model.Sequence{{Name: "legacy_no"}},
		Views:      []*model.View{{Name: "old_users", Definition: "SELECT users.id FROM users"}},
		Definitions: []*model.Definition{{Kind: model.DefFunction, Name: "answer", Signature: "x integer", Language: "sql",
			SQL: "CREATE OR REPLACE FUNCTION answer(x integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT x + 1$function$"}},
	}).AddTable(users("sad", "ok", "happy"))
	target = (&model.MetaData{
		Schemas:    []*model.Schema{{Name: "audit", Comment: "audit trail"}},
		Extensions: []*model.Extension{{Name: "citext"}},
		Enums:      []*model.EnumType{{Name: "mood", Values: []string{"sad", "ok"}}, {Name: "size", Values: []string{"xs", "s", "m", "l"}}},
		Domains: []*model.Domain{{Name: "year", Type: model.Integer, NotNull: true,
			Checks: []*model.Check{{Name: "year_check", Expr: "VALUE > 1900"}}}},
		Sequences: []*model.Sequence{{Schema: "audit", Name: "entry_no", Start: 100}},
		Views:     []*model.View{{Name: "happy_users", Definition: "SELECT users.id FROM users WHERE users.mood = 'ok'"}},
		Definitions: []*model.Definition{{Kind: model.DefFunction, Name: "answer", Signature: "x integer", Language: "sql",
			SQL: "CREATE OR REPLACE FUNCTION answer(x integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT x + 2$function$"},
			{Kind: model.DefTrigger, Name: "users_touch", Table: "users",
				SQL: "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()"}},
	}).AddTable(users("sad", "ok"))
	return current, target
}

// TestRenderObjectRevision renders the revision of objectRevisionModels as
// Go and SQL (golden files), and compiles the Go revision.
func TestRenderObjectRevision(t *testing.T) {
	d := dialect.Postgres()
	current, target := objectRevisionModels()
	res, err := Compare(current, target, Options{Dialect: d, DropViews: true})
	if err != nil {
		t.Fatal(err)
	}
	down, err := Downgrade(current, res.Ops)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "objects_postgres.go.golden", renderGoRevision(t, "migrations", res.Ops, down))
	sql, err := RenderSQL(context.Background(), d, current, res.Ops, down)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "objects_postgres.sql.golden", []byte("-- upgrade\n"+sql.Upgrade+"\n-- downgrade\n"+sql.Downgrade))
	if testing.Short() {
		return
	}
	compileRevisions(t, [][]byte{renderRevisionAs(t, "objects", res.Ops, down)})
}
