package dialect_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// objectsModel holds one object of each kind beyond tables, declared in an
// order that is not the creation order.
func objectsModel() *model.MetaData {
	return &model.MetaData{
		Definitions: []*model.Definition{
			{Kind: model.DefTrigger, Schema: "app", Name: "touch", Table: "events", SQL: "CREATE TRIGGER touch BEFORE UPDATE ON app.events FOR EACH ROW EXECUTE FUNCTION app.touch();", Comment: "keeps at"},
			{Kind: model.DefFunction, Schema: "app", Name: "touch", Language: "plpgsql", SQL: "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$", Comment: "it's"},
			{Kind: model.DefFunction, Schema: "app", Name: "n_events", SQL: "CREATE FUNCTION app.n_events() RETURNS bigint LANGUAGE sql AS $$SELECT count(*) FROM app.events$$", DependsOn: []model.ObjectName{{Schema: "app", Name: "events"}}},
		},
		Views: []*model.View{
			{Schema: "app", Name: "recent_2", Definition: "SELECT * FROM app.recent", Comment: "on recent", DependsOn: []model.ObjectName{{Schema: "app", Name: "recent"}}},
			{Schema: "app", Name: "recent", Definition: "SELECT * FROM app.events"},
		},
		Tables: []*model.Table{
			{Schema: "app", Name: "events_2024", PartitionOf: &model.PartitionOf{Table: "events", Bound: "DEFAULT"}},
			{Schema: "app", Name: "events", Columns: []*model.Column{{Name: "y", Type: model.Raw("app.year")}}, PartitionBy: &model.PartitionBy{Strategy: "list", Key: "y"}},
		},
		Domains:    []*model.Domain{{Schema: "app", Name: "year", Type: model.Integer, NotNull: true, Default: model.DefaultLiteral(int64(2000)), Checks: []*model.Check{{Name: "sane", Expr: "VALUE > 0"}, {Expr: "VALUE < 3000"}}, Comment: "a year"}},
		Extensions: []*model.Extension{{Name: "citext", Schema: "app", Version: "1.6"}, {Name: "pg_trgm"}},
		Schemas:    []*model.Schema{{Name: "app", Comment: "the app"}},
		Sequences:  []*model.Sequence{{Schema: "app", Name: "seq", As: "integer"}},
	}
}

// CreateAll orders every kind by dependency whatever the declaration
// order; DropAll reverses it.
func TestCreateAllObjectOrder(t *testing.T) {
	d := dialect.Postgres()
	got, err := dialect.CreateAll(d, objectsModel())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`SET check_function_bodies = false`,
		`CREATE SCHEMA IF NOT EXISTS "app"`,
		`COMMENT ON SCHEMA "app" IS 'the app'`,
		`CREATE EXTENSION IF NOT EXISTS "citext" WITH SCHEMA "app" VERSION '1.6'`,
		`CREATE EXTENSION IF NOT EXISTS "pg_trgm"`,
		`CREATE DOMAIN "app"."year" AS integer DEFAULT 2000 NOT NULL CONSTRAINT "sane" CHECK (VALUE > 0) CHECK (VALUE < 3000)`,
		`COMMENT ON DOMAIN "app"."year" IS 'a year'`,
		`CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$`,
		`COMMENT ON FUNCTION "app"."touch"() IS 'it''s'`,
		`CREATE SEQUENCE "app"."seq" AS integer`,
		"CREATE TABLE \"app\".\"events\"",
		"CREATE TABLE \"app\".\"events_2024\"",
		`CREATE VIEW "app"."recent" AS SELECT * FROM app.events`,
		`CREATE VIEW "app"."recent_2" AS SELECT * FROM app.recent`,
		`COMMENT ON VIEW "app"."recent_2" IS 'on recent'`,
		`CREATE FUNCTION app.n_events() RETURNS bigint LANGUAGE sql AS $$SELECT count(*) FROM app.events$$`,
		`CREATE TRIGGER touch BEFORE UPDATE ON app.events FOR EACH ROW EXECUTE FUNCTION app.touch()`,
		`COMMENT ON TRIGGER "touch" ON "app"."events" IS 'keeps at'`,
	}
	checkPrefixes(t, "CreateAll", got, want)

	drops, err := dialect.DropAll(d, objectsModel())
	if err != nil {
		t.Fatal(err)
	}
	checkPrefixes(t, "DropAll", drops, []string{
		`DROP TRIGGER "touch" ON "app"."events"`,
		`DROP FUNCTION "app"."n_events"()`,
		`DROP VIEW "app"."recent_2"`,
		`DROP VIEW "app"."recent"`,
		`DROP TABLE "app"."events_2024"`,
		`DROP TABLE "app"."events"`,
		`DROP SEQUENCE "app"."seq"`,
		`DROP FUNCTION "app"."touch"()`,
		`DROP DOMAIN "app"."year"`,
		`DROP EXTENSION "pg_trgm"`,
		`DROP EXTENSION "citext"`,
		`DROP SCHEMA "app"`,
	})
}

// checkPrefixes compares statements by prefix (tables have long bodies).
func checkPrefixes(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d statements, want %d:\n%s", what, len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s statement %d:\n got %s\nwant %s…", what, i, got[i], want[i])
		}
	}
}

// Kinds a database does not have are refused by name, never dropped.
func TestCreateAllRefusesObjectKinds(t *testing.T) {
	tests := []struct {
		dialect string
		md      *model.MetaData
		want    string
	}{
		{"mysql", &model.MetaData{Schemas: []*model.Schema{{Name: "app"}}}, `mysql: schema "app": CREATE SCHEMA is not supported`},
		{"sqlite", &model.MetaData{Extensions: []*model.Extension{{Name: "citext"}}}, `sqlite: extension "citext": an extension is not supported`},
		{"mysql", &model.MetaData{Domains: []*model.Domain{{Schema: "s", Name: "year", Type: model.Integer}}}, `mysql: domain "s.year": a domain is not supported`},
		{"sqlite", &model.MetaData{Definitions: []*model.Definition{{Kind: model.DefFunction, Name: "f", SQL: "x"}}}, `sqlite: function f(): a function is not supported`},
		{"mysql", &model.MetaData{Definitions: []*model.Definition{{Kind: model.DefVirtualTable, Name: "fts", SQL: "x"}}}, `mysql: virtual_table fts: a virtual table is not supported`},
		{"postgres", &model.MetaData{Definitions: []*model.Definition{{Kind: model.DefEvent, Name: "e", SQL: "x", Comment: "c"}}}, `postgres: event e: an event is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			d, err := dialect.ForName(tt.dialect)
			if err != nil {
				t.Fatal(err)
			}
			_, err = dialect.CreateAll(d, tt.md)
			var unsupported *dialect.UnsupportedError
			if !errors.As(err, &unsupported) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CreateAll error = %v, want an UnsupportedError containing %q", err, tt.want)
			}
		})
	}
}

// Definitions render as written; MySQL and SQLite drop their own kinds.
func TestDefinitionStatements(t *testing.T) {
	tests := []struct {
		dialect string
		def     *model.Definition
		drop    string
	}{
		{"postgres", &model.Definition{Kind: model.DefProcedure, Schema: "s", Name: "p", Signature: "integer, text", SQL: "CREATE PROCEDURE …"}, `DROP PROCEDURE "s"."p"(integer, text)`},
		{"postgres", &model.Definition{Kind: model.DefAggregate, Name: "agg", Signature: "numeric", SQL: "CREATE AGGREGATE …"}, `DROP AGGREGATE "agg"(numeric)`},
		{"postgres", &model.Definition{Kind: model.DefRule, Schema: "s", Name: "r", Table: "t", SQL: "CREATE RULE …"}, `DROP RULE "r" ON "s"."t"`},
		{"postgres", &model.Definition{Kind: model.DefEventTrigger, Name: "et", SQL: "CREATE EVENT TRIGGER …"}, `DROP EVENT TRIGGER "et"`},
		{"postgres", &model.Definition{Kind: model.DefType, Schema: "s", Name: "pair", SQL: "CREATE TYPE …"}, `DROP TYPE "s"."pair"`},
		{"mysql", &model.Definition{Kind: model.DefEvent, Schema: "db", Name: "purge", SQL: "CREATE EVENT …"}, "DROP EVENT `db`.`purge`"},
		{"mysql", &model.Definition{Kind: model.DefTrigger, Name: "tg", Table: "t", SQL: "CREATE TRIGGER …"}, "DROP TRIGGER `tg`"},
		{"sqlite", &model.Definition{Kind: model.DefVirtualTable, Name: "fts", SQL: "CREATE VIRTUAL TABLE fts USING fts5(body);"}, `DROP TABLE "fts"`},
		{"sqlite", &model.Definition{Kind: model.DefTrigger, Name: "tg", Table: "t", SQL: "CREATE TRIGGER …"}, `DROP TRIGGER "tg"`},
	}
	for _, tt := range tests {
		t.Run(tt.drop, func(t *testing.T) {
			d, err := dialect.ForName(tt.dialect)
			if err != nil {
				t.Fatal(err)
			}
			create, err := d.CreateDefinition(tt.def)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSuffix(tt.def.SQL, ";"); len(create) != 1 || create[0] != want {
				t.Errorf("CreateDefinition = %q, want %q", create, want)
			}
			drop, err := d.DropDefinition(tt.def)
			if err != nil || len(drop) != 1 || drop[0] != tt.drop {
				t.Errorf("DropDefinition = %q, %v; want %q", drop, err, tt.drop)
			}
		})
	}
}

// A definition's firing state (PostgreSQL) and sql_mode (MySQL) follow its
// CREATE statement; a dialect without them refuses them.
func TestDefinitionSettings(t *testing.T) {
	tests := []struct {
		dialect string
		def     *model.Definition
		want    []string
		err     string
	}{
		{"postgres", &model.Definition{Kind: model.DefTrigger, Schema: "app", Name: "audit", Table: "users", SQL: "CREATE TRIGGER …", Firing: model.FiringDisabled},
			[]string{"CREATE TRIGGER …", `ALTER TABLE "app"."users" DISABLE TRIGGER "audit"`}, ""},
		{"postgres", &model.Definition{Kind: model.DefTrigger, Name: "audit", Table: "users", SQL: "CREATE TRIGGER …", Comment: "c", Firing: model.FiringAlways},
			[]string{"CREATE TRIGGER …", `COMMENT ON TRIGGER "audit" ON "users" IS 'c'`, `ALTER TABLE "users" ENABLE ALWAYS TRIGGER "audit"`}, ""},
		{"postgres", &model.Definition{Kind: model.DefEventTrigger, Name: "log_ddl", SQL: "CREATE EVENT TRIGGER …", Firing: model.FiringReplica},
			[]string{"CREATE EVENT TRIGGER …", `ALTER EVENT TRIGGER "log_ddl" ENABLE REPLICA`}, ""},
		{"postgres", &model.Definition{Kind: model.DefFunction, Name: "f", SQL: "CREATE FUNCTION …", Firing: model.FiringDisabled}, nil, "firing state"},
		{"postgres", &model.Definition{Kind: model.DefFunction, Name: "f", SQL: "CREATE FUNCTION …", SQLMode: "ANSI"}, nil, "sql_mode"},
		{"mysql", &model.Definition{Kind: model.DefFunction, Name: "byline", SQL: "CREATE FUNCTION …", SQLMode: "PIPES_AS_CONCAT,STRICT_TRANS_TABLES"},
			[]string{"SET @migrate_saved_sql_mode = @@SESSION.sql_mode", "SET SESSION sql_mode = 'PIPES_AS_CONCAT,STRICT_TRANS_TABLES'",
				"CREATE FUNCTION …", "SET SESSION sql_mode = @migrate_saved_sql_mode"}, ""},
		{"mysql", &model.Definition{Kind: model.DefTrigger, Name: "tg", Table: "t", SQL: "CREATE TRIGGER …", Firing: model.FiringDisabled}, nil, "firing state"},
		{"sqlite", &model.Definition{Kind: model.DefTrigger, Name: "tg", Table: "t", SQL: "CREATE TRIGGER …", SQLMode: "ANSI"}, nil, "sql_mode"},
	}
	for _, tt := range tests {
		t.Run(tt.dialect+" "+tt.def.Identity(), func(t *testing.T) {
			d, err := dialect.ForName(tt.dialect)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.CreateDefinition(tt.def)
			if tt.err != "" {
				var unsupported *dialect.UnsupportedError
				if !errors.As(err, &unsupported) || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("CreateDefinition error = %v, want an UnsupportedError about %s", err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("CreateDefinition = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// A PostgreSQL trigger whose firing state alone changes is altered in
// place; one whose text changes is dropped and created again.
func TestReplaceTriggerFiring(t *testing.T) {
	r := dialect.Postgres().(dialect.DefinitionReplacer)
	from := &model.Definition{Kind: model.DefTrigger, Schema: "app", Name: "audit", Table: "users", SQL: "CREATE TRIGGER audit …", Firing: model.FiringDisabled}
	to := from.Clone()
	to.Firing = ""
	got, inPlace, err := r.ReplaceDefinition(from, to)
	if want := []string{`ALTER TABLE "app"."users" ENABLE TRIGGER "audit"`}; err != nil || !inPlace || !slices.Equal(got, want) {
		t.Errorf("ReplaceDefinition = %q, %v, %v; want %q in place", got, inPlace, err, want)
	}
	to.SQL = "CREATE TRIGGER audit … WHEN (true)"
	if _, inPlace, err := r.ReplaceDefinition(from, to); err != nil || inPlace {
		t.Errorf("ReplaceDefinition of a changed trigger: in place %v, %v; want drop and create", inPlace, err)
	}
}

// The PostgreSQL spellings of partitions, exclusion constraints and index
// key options.
func TestPostgresTableKinds(t *testing.T) {
	d := dialect.Postgres()
	parent := &model.Table{Schema: "app", Name: "events", Columns: []*model.Column{{Name: "at", Type: model.TimestampTZ}, {Name: "room", Type: model.Integer}},
		PartitionBy: &model.PartitionBy{Strategy: "range", Key: "at"},
		Exclusions: []*model.Exclusion{{Name: "no_overlap", Method: "gist", Where: "room > 0", Deferrable: true, InitiallyDeferred: true, Include: []string{"at"},
			Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: "room"}, Operator: "="}, {IndexPart: model.IndexPart{Expr: "tstzrange(at, at)"}, Operator: "OPERATOR(pg_catalog.&&)"}}}}}
	tests := []struct {
		name string
		got  func() ([]string, error)
		want string
	}{
		{"partitioned table with an exclusion constraint", func() ([]string, error) { return d.CreateTable(parent) },
			"CREATE TABLE \"app\".\"events\" (\n\t\"at\" timestamp with time zone NOT NULL,\n\t\"room\" integer NOT NULL,\n\t" +
				`CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, (tstzrange(at, at)) WITH OPERATOR(pg_catalog.&&)) INCLUDE ("at") WHERE (room > 0) DEFERRABLE INITIALLY DEFERRED` +
				"\n) PARTITION BY RANGE (at)"},
		{"partition without constraints", func() ([]string, error) {
			return d.CreateTable(&model.Table{Schema: "app", Name: "events_old", PartitionOf: &model.PartitionOf{Table: "events", Bound: "DEFAULT"}})
		}, `CREATE TABLE "app"."events_old" PARTITION OF "app"."events" DEFAULT`},
		{"sub-partitioned partition with a key of its own", func() ([]string, error) {
			return d.CreateTable(&model.Table{Name: "p1", PrimaryKey: &model.PrimaryKey{Name: "p1_pkey", Columns: []string{"at", "room"}},
				PartitionOf: &model.PartitionOf{Schema: "app", Table: "events", Bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"},
				PartitionBy: &model.PartitionBy{Strategy: "hash", Key: "room"}})
		}, "CREATE TABLE \"p1\" PARTITION OF \"app\".\"events\" (\n\tCONSTRAINT \"p1_pkey\" PRIMARY KEY (\"at\", \"room\")\n) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY HASH (room)"},
		{"index key options", func() ([]string, error) {
			return d.CreateIndex(parent, &model.Index{Name: "ix", Method: "gist", Parts: []model.IndexPart{
				{Column: "room", Desc: true, Nulls: model.NullsLast, Collation: "C"},
				{Expr: "lower(x)", Opclass: "extensions.gist_trgm_ops", OpclassParams: "siglen=32"},
				{Column: "at", Nulls: model.NullsFirst}}}, dialect.IndexOptions{})
		}, `CREATE INDEX "ix" ON "app"."events" USING gist ("room" COLLATE "C" DESC NULLS LAST, (lower(x)) "extensions"."gist_trgm_ops" (siglen=32), "at" NULLS FIRST)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.got()
			if err != nil {
				t.Fatal(err)
			}
			if got[0] != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got[0], tt.want)
			}
		})
	}
}

// Bad operators and parameters never reach the SQL; other databases refuse
// the PostgreSQL-only kinds by name.
func TestTableKindsRefused(t *testing.T) {
	ex := func(op string) *model.Table {
		return &model.Table{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Integer}},
			Exclusions: []*model.Exclusion{{Name: "x", Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: "a"}, Operator: op}}}}}
	}
	keyed := func(p model.IndexPart) func(d dialect.Dialect) error {
		return func(d dialect.Dialect) error {
			tb := &model.Table{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Text}}}
			_, err := d.CreateIndex(tb, &model.Index{Name: "ix", Parts: []model.IndexPart{p}}, dialect.IndexOptions{})
			return err
		}
	}
	table := func(tb *model.Table) func(d dialect.Dialect) error {
		return func(d dialect.Dialect) error { _, err := d.CreateTable(tb); return err }
	}
	tests := []struct {
		dialect string
		do      func(d dialect.Dialect) error
		want    string
	}{
		{"postgres", table(ex("= ; DROP TABLE t")), `operator "= ; DROP TABLE t" is neither an operator symbol nor OPERATOR(schema.symbol)`},
		{"postgres", table(ex("OPERATOR(x.&&) --")), "is neither an operator symbol"},
		{"postgres", keyed(model.IndexPart{Column: "a", Opclass: "text_ops", OpclassParams: "siglen=1); DROP TABLE t; --"}), "must be name=value pairs"},
		{"mysql", table(ex("=")), "mysql: exclusion constraint \"x\" on table \"t\": an exclusion constraint is not supported"},
		{"sqlite", table(&model.Table{Name: "p", PartitionOf: &model.PartitionOf{Table: "t", Bound: "DEFAULT"}}), "sqlite: table \"p\": declarative partitioning is not supported"},
		{"postgres", table(&model.Table{Name: "p", Columns: []*model.Column{{Name: "a", Type: model.Text}}, PartitionOf: &model.PartitionOf{Table: "t", Bound: "DEFAULT"}}),
			"partition table \"p\" takes its columns from its parent: leave its Columns empty"},
		{"mysql", keyed(model.IndexPart{Column: "a", Length: 5, Opclass: "text_pattern_ops"}), "an operator class is not supported"},
		{"sqlite", keyed(model.IndexPart{Column: "a", Nulls: model.NullsFirst}), "NULLS FIRST/LAST is not supported"},
		{"mysql", keyed(model.IndexPart{Column: "a", Length: 5, Collation: "utf8mb4_bin"}), "a collation on an index key is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			d, err := dialect.ForName(tt.dialect)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.do(d); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// A PostgreSQL function or procedure whose arguments and result type stay
// is replaced in place with CREATE OR REPLACE, however the model writes
// CREATE; a new result type, argument name or default drops and creates
// it.
func TestReplaceRoutineInPlace(t *testing.T) {
	r := dialect.Postgres().(dialect.DefinitionReplacer)
	fn := func(sql string) *model.Definition {
		return &model.Definition{Kind: model.DefFunction, Name: "age_ok", Signature: "v integer", SQL: sql}
	}
	live := fn("CREATE OR REPLACE FUNCTION age_ok(v integer)\n RETURNS boolean\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT v > 0 $function$")
	tests := []struct {
		name, to string
		want     string // "" when dropped and created again
	}{
		{"body changed, written CREATE", "CREATE FUNCTION age_ok(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > 1 $$;",
			"CREATE OR REPLACE FUNCTION age_ok(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > 1 $$"},
		{"body changed, lower case", "create  function age_ok(v integer) returns boolean language sql as $$ SELECT v > 1 $$",
			"CREATE OR REPLACE function age_ok(v integer) returns boolean language sql as $$ SELECT v > 1 $$"},
		{"written CREATE OR REPLACE", "CREATE OR REPLACE FUNCTION age_ok(v integer) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RETURN v > 2; END$$",
			"CREATE OR REPLACE FUNCTION age_ok(v integer) RETURNS boolean LANGUAGE plpgsql AS $$BEGIN RETURN v > 2; END$$"},
		{"result type changed", "CREATE FUNCTION age_ok(v integer) RETURNS integer LANGUAGE sql AS $$ SELECT v $$", ""},
		{"argument renamed", "CREATE FUNCTION age_ok(w integer) RETURNS boolean LANGUAGE sql AS $$ SELECT w > 0 $$", ""},
		{"default added", "CREATE FUNCTION age_ok(v integer DEFAULT 0) RETURNS boolean LANGUAGE sql AS $$ SELECT v > 0 $$", ""},
		{"returns table changed", "CREATE FUNCTION age_ok(v integer) RETURNS TABLE(a integer) LANGUAGE sql AS $$ SELECT v $$", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, inPlace, err := r.ReplaceDefinition(live, fn(tt.to))
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if inPlace {
					t.Errorf("ReplaceDefinition = %q in place; want drop and create", got)
				}
				return
			}
			if !inPlace || !slices.Equal(got, []string{tt.want}) {
				t.Errorf("ReplaceDefinition = %q, in place %v; want %q", got, inPlace, tt.want)
			}
			// The downgrade: the server's text back, in place.
			back, inPlace, err := r.ReplaceDefinition(fn(tt.to), live)
			if err != nil || !inPlace || !slices.Equal(back, []string{live.SQL}) {
				t.Errorf("reverse ReplaceDefinition = %q, in place %v, %v; want %q", back, inPlace, err, live.SQL)
			}
		})
	}
	proc := &model.Definition{Kind: model.DefProcedure, Name: "bump", SQL: "CREATE PROCEDURE bump(IN n integer) LANGUAGE sql AS $$ SELECT n $$"}
	to := proc.Clone()
	to.SQL = strings.Replace(to.SQL, "SELECT n", "SELECT n + 1", 1)
	if got, inPlace, err := r.ReplaceDefinition(proc, to); err != nil || !inPlace || !strings.HasPrefix(got[0], "CREATE OR REPLACE PROCEDURE bump(") {
		t.Errorf("procedure: ReplaceDefinition = %q, in place %v, %v; want CREATE OR REPLACE PROCEDURE", got, inPlace, err)
	}
}

// MariaDB replaces a function or procedure in one CREATE OR REPLACE
// statement, under its sql_mode; MySQL, and other kinds, drop and create.
func TestMariaDBReplaceRoutine(t *testing.T) {
	fn := &model.Definition{Kind: model.DefFunction, Name: "twice", SQL: "CREATE FUNCTION twice(v bigint) RETURNS bigint DETERMINISTIC RETURN v * 2",
		SQLMode: "PIPES_AS_CONCAT"}
	got, inPlace, err := dialect.MariaDB().(dialect.DefinitionReplacer).ReplaceDefinition(fn, fn)
	want := []string{
		"SET @migrate_saved_sql_mode = @@SESSION.sql_mode",
		"SET SESSION sql_mode = 'PIPES_AS_CONCAT'",
		"CREATE OR REPLACE FUNCTION twice(v bigint) RETURNS bigint DETERMINISTIC RETURN v * 2",
		"SET SESSION sql_mode = @migrate_saved_sql_mode",
	}
	if err != nil || !inPlace || !slices.Equal(got, want) {
		t.Errorf("MariaDB ReplaceDefinition = %q, in place %v, %v; want %q", got, inPlace, err, want)
	}
	if _, inPlace, err := dialect.MySQL().(dialect.DefinitionReplacer).ReplaceDefinition(fn, fn); err != nil || inPlace {
		t.Errorf("MySQL ReplaceDefinition: in place %v, %v; want drop and create", inPlace, err)
	}
	ev := &model.Definition{Kind: model.DefEvent, Name: "purge", SQL: "CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO SET @n = 0"}
	if _, inPlace, err := dialect.MariaDB().(dialect.DefinitionReplacer).ReplaceDefinition(ev, ev); err != nil || inPlace {
		t.Errorf("MariaDB ReplaceDefinition of an event: in place %v, %v; want drop and create", inPlace, err)
	}
}
