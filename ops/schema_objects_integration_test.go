package ops_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// Definitions per database, spelled as the inspectors read them back, so
// that the model an operation applies to equals the inspected one.
var (
	// pgLogFunction is a trigger function: its body is a string.
	pgLogFunction = func(status string) *model.Definition {
		return &model.Definition{Kind: model.DefFunction, Name: "log_ticket", Language: "plpgsql",
			SQL: "CREATE OR REPLACE FUNCTION log_ticket()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$BEGIN NEW.status := '" + status + "'; RETURN NEW; END$function$\n"}
	}
	ticketTriggers = map[string]*model.Definition{
		"postgres": {Kind: model.DefTrigger, Name: "tickets_log", Table: "tickets",
			SQL:       "CREATE TRIGGER tickets_log BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION log_ticket()",
			DependsOn: []model.ObjectName{{Name: "log_ticket"}}},
		"mysql": {Kind: model.DefTrigger, Name: "tickets_log", Table: "tickets",
			SQL: "CREATE TRIGGER `tickets_log` BEFORE INSERT ON `tickets` FOR EACH ROW SET NEW.status = 'logged'"},
		"sqlite": {Kind: model.DefTrigger, Name: "tickets_log", Table: "tickets",
			SQL: "CREATE TRIGGER tickets_log AFTER INSERT ON tickets BEGIN UPDATE tickets SET status = 'logged' WHERE id = NEW.id; END"},
	}
	// routines are a function (PostgreSQL, MySQL) or a virtual table
	// (SQLite), in two versions for replace_definition.
	routines = map[string]func(v string) *model.Definition{
		"postgres": func(v string) *model.Definition {
			return &model.Definition{Kind: model.DefFunction, Name: "answer", Signature: "x integer", Language: "sql",
				SQL: "CREATE OR REPLACE FUNCTION answer(x integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$SELECT x + " + v + "$function$\n"}
		},
		"mysql": func(v string) *model.Definition {
			return &model.Definition{Kind: model.DefFunction, Name: "answer",
				SQL: "CREATE FUNCTION `answer`(`x` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN x + " + v}
		},
		"sqlite": func(v string) *model.Definition {
			return &model.Definition{Kind: model.DefVirtualTable, Name: "notes",
				SQL: "CREATE VIRTUAL TABLE notes USING fts5(title, body" + v + ")"}
		},
	}
)

// schemaObjectCases are the schema, extension, domain and definition
// operations of objectCases' kind.
func schemaObjectCases() []objectCase {
	noSchemas := func(c dialect.Capabilities) bool { return !c.Domains }
	app := &model.Schema{Name: "app", Comment: "the app"}
	citext := &model.Extension{Name: "citext", Version: "1.6"}
	year := func() *model.Domain {
		return &model.Domain{Name: "year", Type: model.Integer, Default: model.DefaultLiteral(int64(2000)),
			Checks: []*model.Check{{Name: "year_check", Expr: "VALUE > 1900"}}, Comment: "a year"}
	}
	trigger := func(d dialect.Dialect) *model.Definition { return ticketTriggers[d.Name()] }
	triggerSetup := func(d dialect.Dialect) []ops.Operation {
		setup := []ops.Operation{ops.CreateTable{Table: ticketsTable}}
		if d.Capabilities().Domains { // PostgreSQL: the trigger calls a function
			setup = append(setup, ops.CreateDefinition{Definition: pgLogFunction("logged")})
		}
		return setup
	}
	return []objectCase{
		{name: "create_schema", database: true, refused: noSchemas,
			op: func(dialect.Dialect) ops.Operation { return ops.CreateSchema{Schema: app} }},
		{name: "drop_schema", database: true, refused: noSchemas, setup: []ops.Operation{ops.CreateSchema{Schema: app}},
			op: func(dialect.Dialect) ops.Operation { return ops.DropSchema{Schema: "app", Existing: app} }},
		{name: "alter_schema", database: true, refused: noSchemas, setup: []ops.Operation{ops.CreateSchema{Schema: app}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.AlterSchema{From: app, To: &model.Schema{Name: "app", Comment: "renamed app"}}
			}},
		{name: "create_extension", database: true, refused: noSchemas,
			op: func(dialect.Dialect) ops.Operation { return ops.CreateExtension{Extension: citext} }},
		{name: "drop_extension", database: true, refused: noSchemas, setup: []ops.Operation{ops.CreateExtension{Extension: citext}},
			op: func(dialect.Dialect) ops.Operation { return ops.DropExtension{Extension: "citext", Existing: citext} }},
		{name: "create_domain", refused: noSchemas,
			op: func(dialect.Dialect) ops.Operation { return ops.CreateDomain{Domain: year()} }},
		{name: "drop_domain", refused: noSchemas, setup: []ops.Operation{ops.CreateDomain{Domain: year()}},
			op: func(dialect.Dialect) ops.Operation { return ops.DropDomain{Domain: "year", Existing: year()} }},
		{name: "alter_domain", refused: noSchemas, setup: []ops.Operation{ops.CreateDomain{Domain: year()}},
			op: func(dialect.Dialect) ops.Operation {
				to := year()
				to.Default, to.NotNull, to.Comment = nil, true, ""
				to.Checks = []*model.Check{{Name: "year_range", Expr: "(VALUE >= 1900) AND (VALUE <= 2100)"}}
				return ops.AlterDomain{From: year(), To: to}
			}},
		{name: "create_definition_routine",
			op: func(d dialect.Dialect) ops.Operation {
				return ops.CreateDefinition{Definition: routines[d.Name()]("1")}
			}},
		{name: "drop_definition_routine", setupFor: func(d dialect.Dialect) []ops.Operation {
			return []ops.Operation{ops.CreateDefinition{Definition: routines[d.Name()]("1")}}
		},
			op: func(d dialect.Dialect) ops.Operation {
				return ops.DropDefinition{Definition: routines[d.Name()]("1")}
			}},
		{name: "replace_definition_routine", setupFor: func(d dialect.Dialect) []ops.Operation {
			return []ops.Operation{ops.CreateDefinition{Definition: routines[d.Name()]("1")}}
		},
			op: func(d dialect.Dialect) ops.Operation {
				r := routines[d.Name()]
				return ops.ReplaceDefinition{From: r("1"), To: r("2")}
			}},
		{name: "create_definition_trigger", setupFor: triggerSetup,
			op: func(d dialect.Dialect) ops.Operation { return ops.CreateDefinition{Definition: trigger(d)} }},
		{name: "drop_definition_trigger", setupFor: func(d dialect.Dialect) []ops.Operation {
			return append(triggerSetup(d), ops.CreateDefinition{Definition: trigger(d)})
		},
			op: func(d dialect.Dialect) ops.Operation { return ops.DropDefinition{Definition: trigger(d)} }},
	}
}

// TestAlterExtension updates an extension to a later version on
// PostgreSQL (extensions rarely ship a path back, so it is not reversed
// on the server) and checks Apply against the inspected result.
func TestAlterExtension(t *testing.T) {
	db, err := dialect.Open(context.Background(), testdb.NewDatabase(t, "postgres").URL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := ops.NewOp(db.Dialect, db)
	old := &model.Extension{Name: "citext", Version: "1.4"}
	if err := o.Run(context.Background(), ops.CreateExtension{Extension: old}); err != nil {
		t.Fatal(err)
	}
	before := ops.InspectNormalized(t, db)
	op := ops.AlterExtension{From: old, To: &model.Extension{Name: "citext", Version: "1.6"}}
	if err := o.Run(context.Background(), op); err != nil {
		t.Fatal(err)
	}
	after := ops.InspectNormalized(t, db)
	if len(after.Extensions) != 1 || after.Extensions[0].Version != "1.6" {
		t.Fatalf("extensions after the update: %+v", after.Extensions)
	}
	ops.ExpectApplied(t, db.Dialect, before, op, after)
}
