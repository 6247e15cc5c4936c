package inspect_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// TestPostgresFunctionBodiesNameRelations: a SQL function whose body is a
// string, which the server checks on creation, depends on the tables and
// views its body names, so that it is created after them; a PL/pgSQL body
// (not checked) and a function a column default calls (created before the
// tables) do not. The functions are read at the same time as the tables
// and views on a pool, so both ways of inspecting are checked.
func TestPostgresFunctionBodiesNameRelations(t *testing.T) {
	ctx := context.Background()
	db := openFresh(t, "postgres")
	execAll(ctx, t, db,
		`CREATE TABLE posts (id bigint PRIMARY KEY, topic_id bigint NOT NULL, published boolean NOT NULL DEFAULT false)`,
		`CREATE VIEW published_posts AS SELECT id, topic_id FROM posts WHERE published`,
		`CREATE FUNCTION reply_count(topic bigint) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) - 1 FROM posts WHERE topic_id = topic $$`,
		`CREATE FUNCTION published_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM published_posts'`,
		`CREATE FUNCTION touch_posts() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM posts); END $$`,
		`CREATE FUNCTION next_topic() RETURNS bigint LANGUAGE sql AS 'SELECT 42'`,
		`CREATE TABLE topics (id bigint PRIMARY KEY DEFAULT next_topic(), posts int)`,
	)
	want := map[string][]model.ObjectName{
		"reply_count":     {{Name: "posts"}},
		"published_count": {{Name: "published_posts"}},
		"touch_posts":     nil,
		"next_topic":      nil,
	}
	check := func(how string, md *model.MetaData) {
		t.Helper()
		for name, deps := range want {
			i := slices.IndexFunc(md.Definitions, func(d *model.Definition) bool { return d.Name == name })
			if i < 0 {
				t.Errorf("%s: function %s not inspected", how, name)
				continue
			}
			if got := md.Definitions[i].DependsOn; !slices.Equal(got, deps) {
				t.Errorf("%s: %s depends on %v, want %v", how, name, got, deps)
			}
		}
	}
	check("on the pool", inspectDB(ctx, t, db, inspect.Options{}))

	in, err := inspect.For(db.Dialect)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	md, err := in.Inspect(ctx, tx, inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	check("in a transaction", md)
}
