package ops_test

import (
	"context"
	"errors"
	"go/parser"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

func yearDomain() *model.Domain {
	return &model.Domain{Schema: "app", Name: "year", Type: model.Integer, NotNull: true,
		Default: model.DefaultLiteral(int64(2000)), Checks: []*model.Check{{Name: "year_check", Expr: "VALUE > 1900"}}, Comment: "a year"}
}

func auditTrigger() *model.Definition {
	return &model.Definition{Kind: model.DefTrigger, Schema: "app", Name: "audit", Table: "users",
		SQL: "CREATE TRIGGER audit AFTER INSERT ON app.users FOR EACH ROW EXECUTE FUNCTION app.log()"}
}

func logFunction(body string) *model.Definition {
	return &model.Definition{Kind: model.DefFunction, Schema: "app", Name: "log", Signature: "", Language: "plpgsql",
		SQL: "CREATE OR REPLACE FUNCTION app.log()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$BEGIN " + body + " RETURN NEW; END$function$"}
}

// schemaObjectOps are the schema, extension, domain and definition
// operations with every field set.
func schemaObjectOps() []ops.Operation {
	dom2 := yearDomain()
	dom2.NotNull, dom2.Default, dom2.Comment = false, nil, ""
	dom2.Checks = []*model.Check{{Name: "year_range", Expr: "VALUE BETWEEN 1900 AND 2100"}}
	return []ops.Operation{
		ops.CreateSchema{Schema: &model.Schema{Name: "app", Comment: "the app"}},
		ops.DropSchema{Schema: "app", Existing: &model.Schema{Name: "app", Comment: "the app"}},
		ops.AlterSchema{From: &model.Schema{Name: "app"}, To: &model.Schema{Name: "app", Comment: "now"}},
		ops.CreateExtension{Extension: &model.Extension{Name: "citext", Schema: "app", Version: "1.6"}},
		ops.DropExtension{Extension: "citext", Existing: &model.Extension{Name: "citext", Schema: "app", Version: "1.6"}},
		ops.AlterExtension{From: &model.Extension{Name: "citext", Version: "1.4"}, To: &model.Extension{Name: "citext", Version: "1.6"}},
		ops.CreateDomain{Domain: yearDomain()},
		ops.DropDomain{Schema: "app", Domain: "year", Existing: yearDomain()},
		ops.AlterDomain{From: yearDomain(), To: dom2},
		ops.CreateDefinition{Definition: auditTrigger()},
		ops.DropDefinition{Definition: auditTrigger()},
		ops.ReplaceDefinition{From: logFunction("NULL;"), To: logFunction("PERFORM 1;")},
	}
}

func TestSchemaObjectOpsGoSource(t *testing.T) {
	for _, op := range schemaObjectOps() {
		src, err := op.GoSource()
		if err != nil {
			t.Errorf("%s: %v", op.Name(), err)
			continue
		}
		if _, err := parser.ParseExpr(src); err != nil || !strings.HasPrefix(src, "ops.") {
			t.Errorf("%s: GoSource does not parse (%v):\n%s", op.Name(), err, src)
		}
	}
	got, _ := ops.DropDefinition{Definition: &model.Definition{Kind: model.DefTrigger, Name: "t", Table: "users"}}.GoSource()
	if want := `ops.DropDefinition{Definition: &model.Definition{Kind: model.DefTrigger, Name: "t", Table: "users", SQL: ""}}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSchemaObjectOpsReverse(t *testing.T) {
	for _, op := range schemaObjectOps() {
		rev, err := op.Reverse()
		if err != nil {
			t.Errorf("%s: %v", op.Name(), err)
			continue
		}
		back, err := rev.Reverse()
		if err != nil {
			t.Errorf("%s: reverse of the reverse: %v", op.Name(), err)
			continue
		}
		if !reflect.DeepEqual(back, op) {
			t.Errorf("%s: reverse of the reverse:\n got  %#v\n want %#v", op.Name(), back, op)
		}
	}
	irreversible := []ops.Operation{
		ops.CreateSchema{}, ops.DropSchema{}, ops.AlterSchema{From: &model.Schema{Name: "s"}},
		ops.CreateExtension{}, ops.DropExtension{}, ops.AlterExtension{To: &model.Extension{Name: "e"}},
		ops.CreateDomain{}, ops.DropDomain{Domain: "d"}, ops.AlterDomain{From: yearDomain()},
		ops.CreateDefinition{}, ops.DropDefinition{Definition: &model.Definition{Kind: model.DefEvent, Name: "e"}},
		ops.ReplaceDefinition{To: logFunction("")},
	}
	for _, op := range irreversible {
		var ie *ops.IrreversibleError
		if _, err := op.Reverse(); !errors.As(err, &ie) {
			t.Errorf("%s (%#v): want an *IrreversibleError, got %v", op.Name(), op, err)
		}
	}
}

// TestSchemaObjectOpsReverseFrom checks that the drops and replaces take
// what their inverse needs from the schema before them.
func TestSchemaObjectOpsReverseFrom(t *testing.T) {
	m := &model.MetaData{
		Schemas:     []*model.Schema{{Name: "app", Comment: "the app"}},
		Extensions:  []*model.Extension{{Name: "citext", Schema: "app", Version: "1.4"}},
		Domains:     []*model.Domain{yearDomain()},
		Definitions: []*model.Definition{auditTrigger(), logFunction("NULL;")},
	}
	cases := []struct {
		op   ops.Operation
		want ops.Operation
	}{
		{ops.DropSchema{Schema: "app"}, ops.CreateSchema{Schema: &model.Schema{Name: "app", Comment: "the app"}}},
		{ops.DropExtension{Extension: "citext"}, ops.CreateExtension{Extension: &model.Extension{Name: "citext", Schema: "app", Version: "1.4"}}},
		{ops.DropDomain{Schema: "app", Domain: "year"}, ops.CreateDomain{Domain: yearDomain()}},
		{ops.DropDefinition{Definition: &model.Definition{Kind: model.DefTrigger, Schema: "app", Name: "audit", Table: "users"}},
			ops.CreateDefinition{Definition: auditTrigger()}},
		{ops.ReplaceDefinition{From: &model.Definition{Kind: model.DefFunction, Schema: "app", Name: "log"}, To: logFunction("PERFORM 1;")},
			ops.ReplaceDefinition{From: logFunction("PERFORM 1;"), To: logFunction("NULL;")}},
	}
	for _, tc := range cases {
		got, err := ops.ReverseFrom(m, tc.op)
		if err != nil {
			t.Errorf("%s: %v", tc.op.Name(), err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got  %#v\n want %#v", tc.op.Name(), got, tc.want)
		}
	}
}

// TestSchemaObjectOpsStatements pins the SQL on each database: what
// PostgreSQL runs, what the others refuse, with every identifier quoted.
func TestSchemaObjectOpsStatements(t *testing.T) {
	sqliteTrigger := &model.Definition{Kind: model.DefTrigger, Name: `a"b`, Table: "users",
		SQL: "CREATE TRIGGER \"a\"\"b\" AFTER INSERT ON users BEGIN SELECT 1; END;"}
	mysqlEvent := &model.Definition{Kind: model.DefEvent, Name: "purge`x",
		SQL: "CREATE EVENT `purge``x` ON SCHEDULE EVERY 1 DAY DO DELETE FROM t"}
	cases := []struct {
		dialect dialect.Dialect
		op      ops.Operation
		want    []string // nil: refused with an *UnsupportedError
	}{
		{dialect.Postgres(), ops.CreateSchema{Schema: &model.Schema{Name: `we"ird`, Comment: "it's"}},
			[]string{`CREATE SCHEMA IF NOT EXISTS "we""ird"`, `COMMENT ON SCHEMA "we""ird" IS 'it''s'`}},
		{dialect.Postgres(), ops.DropSchema{Schema: "app"}, []string{`DROP SCHEMA "app"`}},
		{dialect.Postgres(), ops.AlterSchema{From: &model.Schema{Name: "app", Comment: "x"}, To: &model.Schema{Name: "app"}},
			[]string{`COMMENT ON SCHEMA "app" IS NULL`}},
		{dialect.Postgres(), ops.CreateExtension{Extension: &model.Extension{Name: "uuid-ossp", Version: "1.1"}},
			[]string{`CREATE EXTENSION IF NOT EXISTS "uuid-ossp" VERSION '1.1'`}},
		{dialect.Postgres(), ops.DropExtension{Extension: "citext"}, []string{`DROP EXTENSION "citext"`}},
		{dialect.Postgres(), ops.AlterExtension{From: &model.Extension{Name: "citext", Version: "1.4"}, To: &model.Extension{Name: "citext", Version: "1.6", Schema: "app"}},
			[]string{`ALTER EXTENSION "citext" UPDATE TO '1.6'`, `ALTER EXTENSION "citext" SET SCHEMA "app"`}},
		{dialect.Postgres(), ops.CreateDomain{Domain: yearDomain()},
			[]string{`CREATE DOMAIN "app"."year" AS integer DEFAULT 2000 NOT NULL CONSTRAINT "year_check" CHECK (VALUE > 1900)`,
				`COMMENT ON DOMAIN "app"."year" IS 'a year'`}},
		{dialect.Postgres(), ops.DropDomain{Schema: "app", Domain: "year"}, []string{`DROP DOMAIN "app"."year"`}},
		{dialect.Postgres(), schemaObjectOps()[8], []string{
			`ALTER DOMAIN "app"."year" DROP DEFAULT`, `ALTER DOMAIN "app"."year" DROP NOT NULL`,
			`ALTER DOMAIN "app"."year" DROP CONSTRAINT "year_check"`,
			`ALTER DOMAIN "app"."year" ADD CONSTRAINT "year_range" CHECK (VALUE BETWEEN 1900 AND 2100)`,
			`COMMENT ON DOMAIN "app"."year" IS NULL`}},
		{dialect.Postgres(), ops.AlterDomain{From: yearDomain(), To: func() *model.Domain { d := yearDomain(); d.Type = model.BigInt; return d }()}, nil},
		{dialect.Postgres(), ops.CreateDefinition{Definition: auditTrigger()}, []string{auditTrigger().SQL}},
		{dialect.Postgres(), ops.DropDefinition{Definition: auditTrigger()}, []string{`DROP TRIGGER "audit" ON "app"."users"`}},
		{dialect.Postgres(), ops.ReplaceDefinition{From: logFunction("NULL;"), To: func() *model.Definition {
			d := logFunction("PERFORM 1;")
			d.Comment = "logs"
			return d
		}()}, []string{logFunction("PERFORM 1;").SQL, `COMMENT ON FUNCTION "app"."log"() IS 'logs'`}},
		{dialect.Postgres(), ops.ReplaceDefinition{From: auditTrigger(), To: auditTrigger()},
			[]string{`DROP TRIGGER "audit" ON "app"."users"`, auditTrigger().SQL}},
		{dialect.Postgres(), ops.CreateDefinition{Definition: mysqlEvent}, nil},
		{dialect.MySQL(), ops.CreateSchema{Schema: &model.Schema{Name: "app"}}, nil},
		{dialect.MySQL(), ops.CreateExtension{Extension: &model.Extension{Name: "citext"}}, nil},
		{dialect.MySQL(), ops.DropDomain{Domain: "year"}, nil},
		{dialect.MySQL(), ops.CreateDefinition{Definition: mysqlEvent}, []string{mysqlEvent.SQL}},
		{dialect.MySQL(), ops.ReplaceDefinition{From: mysqlEvent, To: mysqlEvent}, []string{"DROP EVENT `purge``x`", mysqlEvent.SQL}},
		{dialect.MySQL(), ops.CreateDefinition{Definition: logFunction("")}, []string{logFunction("").SQL}},
		{dialect.MySQL(), ops.DropDefinition{Definition: &model.Definition{Kind: model.DefAggregate, Name: "a"}}, nil},
		{dialect.SQLite(), ops.CreateSchema{Schema: &model.Schema{Name: "app"}}, nil},
		{dialect.SQLite(), ops.AlterExtension{From: &model.Extension{Name: "e"}, To: &model.Extension{Name: "e"}}, nil},
		{dialect.SQLite(), ops.CreateDomain{Domain: yearDomain()}, nil},
		{dialect.SQLite(), ops.CreateDefinition{Definition: sqliteTrigger}, []string{`CREATE TRIGGER "a""b" AFTER INSERT ON users BEGIN SELECT 1; END`}},
		{dialect.SQLite(), ops.DropDefinition{Definition: sqliteTrigger}, []string{`DROP TRIGGER "a""b"`}},
		{dialect.SQLite(), ops.CreateDefinition{Definition: mysqlEvent}, nil},
	}
	for _, tc := range cases {
		stmts, err := tc.op.Statements(context.Background(), &ops.Context{Dialect: tc.dialect})
		if tc.want == nil {
			var ue *dialect.UnsupportedError
			if !errors.As(err, &ue) {
				t.Errorf("%s on %s: want an *UnsupportedError, got %v, %v", tc.op.Name(), tc.dialect.Name(), stmts, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s on %s: %v", tc.op.Name(), tc.dialect.Name(), err)
			continue
		}
		var got []string
		for _, s := range stmts {
			got = append(got, s.SQL)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s on %s:\n got  %q\n want %q", tc.op.Name(), tc.dialect.Name(), got, tc.want)
		}
	}
}

func TestSchemaObjectOpsInvalid(t *testing.T) {
	c := &ops.Context{Dialect: dialect.Postgres()}
	bad := []ops.Operation{
		ops.CreateSchema{}, ops.DropSchema{}, ops.AlterSchema{From: &model.Schema{Name: "a"}},
		ops.AlterSchema{From: &model.Schema{Name: "a"}, To: &model.Schema{Name: "b"}},
		ops.CreateExtension{Extension: &model.Extension{}}, ops.DropExtension{}, ops.AlterExtension{From: &model.Extension{Name: "e"}},
		ops.AlterExtension{From: &model.Extension{Name: "e", Schema: "app"}, To: &model.Extension{Name: "e"}},
		ops.CreateDomain{Domain: &model.Domain{Name: "d"}}, ops.DropDomain{},
		ops.AlterDomain{From: yearDomain(), To: &model.Domain{Name: "other", Schema: "app", Type: model.Integer}},
		ops.CreateDefinition{Definition: &model.Definition{Kind: model.DefFunction, Name: "f"}},
		ops.CreateDefinition{Definition: &model.Definition{Kind: "macro", Name: "f", SQL: "x"}},
		ops.CreateDefinition{Definition: &model.Definition{Kind: model.DefTrigger, Name: "t", SQL: "CREATE TRIGGER t"}},
		ops.DropDefinition{},
		ops.ReplaceDefinition{From: auditTrigger(), To: logFunction("")},
	}
	for _, op := range bad {
		if _, err := op.Statements(context.Background(), c); err == nil {
			t.Errorf("%s %#v: accepted", op.Name(), op)
		}
	}
}

// TestSchemaObjectOpsApply checks the model changes and the refusals of
// Apply: a schema that still holds objects, a trigger on a missing
// table, objects that exist already or not at all.
func TestSchemaObjectOpsApply(t *testing.T) {
	m := &model.MetaData{}
	steps := []ops.Operation{
		ops.CreateSchema{Schema: &model.Schema{Name: "app"}},
		ops.CreateExtension{Extension: &model.Extension{Name: "citext", Schema: "app", Version: "1.4"}},
		ops.AlterExtension{From: &model.Extension{Name: "citext"}, To: &model.Extension{Name: "citext", Schema: "app", Version: "1.6"}},
		ops.CreateDomain{Domain: yearDomain()},
		ops.CreateTable{Table: &model.Table{Schema: "app", Name: "users", Columns: []*model.Column{{Name: "id", Type: model.Integer}}}},
		ops.CreateDefinition{Definition: logFunction("NULL;")},
		ops.CreateDefinition{Definition: auditTrigger()},
		ops.ReplaceDefinition{From: &model.Definition{Kind: model.DefFunction, Schema: "app", Name: "log"}, To: logFunction("PERFORM 1;")},
	}
	if err := ops.Apply(m, steps...); err != nil {
		t.Fatal(err)
	}
	if m.Extensions[0].Version != "1.6" || m.Definitions[0].SQL != logFunction("PERFORM 1;").SQL {
		t.Fatalf("applied: %+v %+v", m.Extensions[0], m.Definitions)
	}
	refused := []struct {
		op   ops.Operation
		want string
	}{
		{ops.DropSchema{Schema: "app"}, `schema "app" still holds table "users"`},
		{ops.CreateSchema{Schema: &model.Schema{Name: "app"}}, "already exists"},
		{ops.DropExtension{Extension: "hstore"}, `extension "hstore" does not exist`},
		{ops.CreateDomain{Domain: yearDomain()}, "already exists"},
		{ops.CreateDefinition{Definition: &model.Definition{Kind: model.DefTrigger, Name: "t", Table: "nope", SQL: "x"}}, `table "nope" does not exist`},
		{ops.DropDefinition{Definition: &model.Definition{Kind: model.DefFunction, Schema: "app", Name: "log", Signature: "integer"}}, "function app.log(integer) does not exist"},
	}
	for _, tc := range refused {
		err := ops.Apply(m.Clone(), tc.op)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.op.Name(), err, tc.want)
		}
	}
	undo := []ops.Operation{
		ops.DropDefinition{Definition: auditTrigger()}, ops.DropDefinition{Definition: logFunction("")},
		ops.DropTable{Schema: "app", Table: "users"}, ops.DropDomain{Schema: "app", Domain: "year"},
		ops.DropExtension{Extension: "citext"}, ops.DropSchema{Schema: "app"},
	}
	if err := ops.Apply(m, undo...); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, &model.MetaData{Schemas: []*model.Schema{}, Extensions: []*model.Extension{}, Tables: []*model.Table{},
		Domains: []*model.Domain{}, Definitions: []*model.Definition{}}) {
		t.Fatalf("after undo: %+v", m)
	}
}
