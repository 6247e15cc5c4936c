package inspect_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
)

// TestPostgresTriggerReadsBackAsDeclared checks that a trigger's SQL names
// its table as a model declares it: without the default schema, which
// pg_get_triggerdef always writes (a trigger would otherwise differ from
// its model after every upgrade), and with any other schema.
func TestPostgresTriggerReadsBackAsDeclared(t *testing.T) {
	ctx := context.Background()
	db := openFresh(t, "postgres")
	execAll(ctx, t, db,
		`CREATE SCHEMA "Other"`,
		`CREATE TABLE tickets (id int)`,
		`CREATE TABLE "Other".tickets (id int)`,
		`CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$`,
		`CREATE TRIGGER t1 BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION touch()`,
		`CREATE TRIGGER t2 BEFORE INSERT ON "Other".tickets FOR EACH ROW EXECUTE FUNCTION touch()`,
	)
	md := inspectDB(ctx, t, db, inspect.Options{Schemas: []string{"*"}})
	want := map[string]string{
		"t1": "CREATE TRIGGER t1 BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION touch()",
		"t2": `CREATE TRIGGER t2 BEFORE INSERT ON "Other".tickets FOR EACH ROW EXECUTE FUNCTION touch()`,
	}
	got := map[string]string{}
	for _, d := range md.Definitions {
		if d.Kind == model.DefTrigger {
			got[d.Name] = d.SQL
		}
	}
	for name, sql := range want {
		if got[name] != sql {
			t.Errorf("trigger %s:\n got %s\nwant %s", name, got[name], sql)
		}
	}
}
