package autogen

import (
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// objectOpName names an operation on an object other than a table with
// the object, for the expectations of the tests: "create_view v".
func objectOpName(op ops.Operation) string {
	s := op.Name()
	switch o := op.(type) {
	case ops.CreateSchema:
		s += " " + o.Schema.Name
	case ops.DropSchema:
		s += " " + o.Schema
	case ops.AlterSchema:
		s += " " + o.From.Name
	case ops.CreateExtension:
		s += " " + o.Extension.Name
	case ops.DropExtension:
		s += " " + o.Extension
	case ops.AlterExtension:
		s += " " + o.From.Name + "->" + o.To.Version
	case ops.CreateEnum:
		s += " " + o.Enum.Name
	case ops.DropEnum:
		s += " " + o.Enum
	case ops.AddEnumValue:
		s += " " + o.Enum + "." + o.Value
		if o.Before != "" {
			s += "<" + o.Before
		}
		if o.After != "" {
			s += ">" + o.After
		}
	case ops.AlterEnum:
		s += " " + o.Enum + "(" + strings.Join(o.To, ",") + ")"
	case ops.CreateDomain:
		s += " " + o.Domain.Name
	case ops.DropDomain:
		s += " " + o.Domain
	case ops.AlterDomain:
		s += " " + o.From.Name
	case ops.CreateSequence:
		s += " " + o.Sequence.Name
	case ops.DropSequence:
		s += " " + o.Sequence
	case ops.AlterSequence:
		s += " " + o.From.Name
		if o.From.OwnedBy != o.To.OwnedBy {
			s += " owner=" + o.To.OwnedBy
		}
	case ops.CreateView:
		s += " " + o.View.Name
	case ops.DropView:
		s += " " + o.View
	case ops.ReplaceView:
		s += " " + o.To.Name
	case ops.CreateDefinition:
		s += " " + o.Definition.Name
	case ops.DropDefinition:
		s += " " + o.Definition.Name
	case ops.ReplaceDefinition:
		s += " " + o.To.Name
	}
	return s
}

// phases renders objectChanges as "pre: …; … | post: … | droppre: … |
// droppost: …", leaving out empty phases.
func phases(oc objectChanges) string {
	var parts []string
	for _, p := range []struct {
		name string
		list []ops.Operation
	}{{"pre", oc.Pre}, {"post", oc.Post}, {"droppre", oc.DropPre}, {"droppost", oc.DropPost}} {
		if len(p.list) == 0 {
			continue
		}
		names := make([]string, len(p.list))
		for i, op := range p.list {
			names[i] = objectOpName(op)
		}
		parts = append(parts, p.name+": "+strings.Join(names, "; "))
	}
	return strings.Join(parts, " | ")
}

func mood(values ...string) *model.EnumType { return &model.EnumType{Name: "mood", Values: values} }

func pgFunction(name, sig, body string) *model.Definition {
	return &model.Definition{Kind: model.DefFunction, Name: name, Signature: sig, Language: "sql",
		SQL: "CREATE OR REPLACE FUNCTION " + name + "(" + sig + ")\n RETURNS integer\n LANGUAGE sql\nAS $function$" + body + "$function$"}
}

func TestCompareObjects(t *testing.T) {
	objs := func(f func(md *model.MetaData)) *model.MetaData {
		md := (&model.MetaData{}).AddTable(users())
		f(md)
		return md
	}
	none := func(*model.MetaData) {}
	trigger := &model.Definition{Kind: model.DefTrigger, Name: "audit", Table: "users",
		SQL: "CREATE TRIGGER audit AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION log()", DependsOn: []model.ObjectName{{Name: "log"}}}
	logFn := &model.Definition{Kind: model.DefFunction, Name: "log", SQL: "CREATE OR REPLACE FUNCTION log()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $$BEGIN RETURN NEW; END$$"}
	view := func(name, def string, deps ...string) *model.View {
		v := &model.View{Name: name, Definition: def}
		for _, d := range deps {
			v.DependsOn = append(v.DependsOn, model.ObjectName{Name: d})
		}
		return v
	}
	owned := &model.Sequence{Name: "users_no_seq", OwnedBy: "users.id"}
	tests := []struct {
		name     string
		dialect  string
		cur, tgt func(md *model.MetaData)
		opts     Options
		want     string
		warn     string
	}{
		{name: "schema and extension created", cur: none, tgt: func(md *model.MetaData) {
			md.Schemas = []*model.Schema{{Name: "app"}}
			md.Extensions = []*model.Extension{{Name: "citext", Schema: "app"}}
		}, want: "pre: create_schema app; create_extension citext"},
		{name: "domain over a composite type after the type", cur: none, tgt: func(md *model.MetaData) {
			md.Domains = []*model.Domain{{Schema: "app", Name: "billing_address", Type: model.Type{Kind: model.KindRaw, Raw: "app.address"}},
				{Schema: "app", Name: "city", Type: model.Text}}
			md.Definitions = []*model.Definition{{Kind: model.DefType, Schema: "app", Name: "address",
				SQL: `CREATE TYPE "app"."address" AS (street text, city app.city)`}}
		}, want: "pre: create_domain city; create_definition address; create_domain billing_address"},
		{name: "domain over a composite type dropped before the type", tgt: none, cur: func(md *model.MetaData) {
			md.Domains = []*model.Domain{{Schema: "app", Name: "billing_address", Type: model.Type{Kind: model.KindRaw, Raw: "app.address"}},
				{Schema: "app", Name: "city", Type: model.Text}}
			md.Definitions = []*model.Definition{{Kind: model.DefType, Schema: "app", Name: "address",
				SQL: `CREATE TYPE "app"."address" AS (street text, city app.city)`}}
		}, want: "droppost: drop_domain billing_address; drop_definition address; drop_domain city"},
		{name: "schema and extension dropped", tgt: none, cur: func(md *model.MetaData) {
			md.Schemas = []*model.Schema{{Name: "app"}}
			md.Extensions = []*model.Extension{{Name: "citext", Schema: "app", Version: "1.6"}}
		}, want: "droppost: drop_extension citext; drop_schema app"},
		{name: "schema comment, extension version", cur: func(md *model.MetaData) {
			md.Schemas = []*model.Schema{{Name: "app"}}
			md.Extensions = []*model.Extension{{Name: "citext", Version: "1.4"}, {Name: "hstore", Version: "1.8"}}
		}, tgt: func(md *model.MetaData) {
			md.Schemas = []*model.Schema{{Name: "app", Comment: "the app"}}
			md.Extensions = []*model.Extension{{Name: "citext", Version: "1.6"}, {Name: "hstore"}}
		}, want: "pre: alter_schema app; alter_extension citext->1.6"},

		{name: "enum created", cur: none, tgt: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "ok")} },
			want: "pre: create_enum mood"},
		{name: "enum dropped after the tables", tgt: none, cur: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "ok")} },
			want: "droppost: drop_enum mood"},
		{name: "enum values added in order",
			cur: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "ok")} },
			tgt: func(md *model.MetaData) {
				md.Enums = []*model.EnumType{mood("meh", "bad", "sad", "fine", "ok", "happy")}
			},
			want: "pre: add_enum_value mood.bad<sad; add_enum_value mood.meh<bad; add_enum_value mood.fine>sad; add_enum_value mood.happy>ok"},
		{name: "enum value removed", cur: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "ok", "happy")} },
			tgt:  func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "happy")} },
			want: "pre: alter_enum mood(sad,happy)", warn: "rows holding ok make the upgrade fail"},
		{name: "enum values reordered", cur: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "ok")} },
			tgt:  func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("ok", "sad")} },
			want: "pre: alter_enum mood(ok,sad)", warn: "which ALTER TYPE cannot do"},
		{name: "enums are column types on MySQL", dialect: "mysql", cur: none,
			tgt: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("sad", "ok")} }},

		{name: "domains", cur: func(md *model.MetaData) {
			md.Domains = []*model.Domain{{Name: "year", Type: model.Integer}, {Name: "old", Type: model.Integer},
				{Name: "code", Type: model.Varchar(3)}}
		}, tgt: func(md *model.MetaData) {
			md.Domains = []*model.Domain{{Name: "year", Type: model.Integer, NotNull: true}, {Name: "code", Type: model.Varchar(5)},
				{Name: "new", Type: model.Text}}
		}, want: "pre: alter_domain year; create_domain new | droppost: drop_domain old", warn: "domain code: its base type"},

		{name: "owned sequence created and set after the tables", cur: none,
			tgt:  func(md *model.MetaData) { md.Sequences = []*model.Sequence{owned} },
			want: "pre: create_sequence users_no_seq | post: alter_sequence users_no_seq owner=users.id"},
		{name: "owned sequence released before the tables", tgt: none,
			cur:  func(md *model.MetaData) { md.Sequences = []*model.Sequence{owned} },
			want: "droppre: alter_sequence users_no_seq owner= | droppost: drop_sequence users_no_seq"},
		{name: "sequence options", cur: func(md *model.MetaData) { md.Sequences = []*model.Sequence{{Name: "n", Increment: 2}} },
			tgt:  func(md *model.MetaData) { md.Sequences = []*model.Sequence{{Name: "n", Increment: 5}} },
			want: "post: alter_sequence n"},

		{name: "views created in dependency order", cur: none, tgt: func(md *model.MetaData) {
			md.Views = []*model.View{view("v2", "SELECT id FROM v1", "v1"), view("v1", "SELECT id FROM users")}
		}, want: "post: create_view v1; create_view v2"},
		{name: "view text compared by tokens", cur: func(md *model.MetaData) {
			md.Views = []*model.View{view("v1", " SELECT id\n   FROM users;")}
		}, tgt: func(md *model.MetaData) { md.Views = []*model.View{view("v1", `select "id" from users`)} }},
		{name: "view replaced", cur: func(md *model.MetaData) { md.Views = []*model.View{view("v1", "SELECT id FROM users")} },
			tgt:  func(md *model.MetaData) { md.Views = []*model.View{view("v1", "SELECT id, name FROM users")} },
			want: "post: create_view v1 | droppre: drop_view v1"},
		{name: "view column defaults compared by tokens", cur: func(md *model.MetaData) {
			v := view("v1", "SELECT id, state FROM users")
			v.ColumnDefaults = map[string]string{"state": "'draft'::text"}
			md.Views = []*model.View{v}
		}, tgt: func(md *model.MetaData) {
			v := view("v1", "SELECT id, state FROM users")
			v.ColumnDefaults = map[string]string{"state": "'draft'::TEXT"}
			md.Views = []*model.View{v}
		}},
		{name: "view column default changed", cur: func(md *model.MetaData) {
			v := view("v1", "SELECT id, state FROM users")
			v.ColumnDefaults = map[string]string{"state": "'draft'"}
			md.Views = []*model.View{v}
		}, tgt: func(md *model.MetaData) {
			v := view("v1", "SELECT id, state FROM users")
			v.ColumnDefaults = map[string]string{"state": "'new'"}
			md.Views = []*model.View{v}
		}, want: "post: create_view v1 | droppre: drop_view v1"},
		{name: "view column default added", cur: func(md *model.MetaData) { md.Views = []*model.View{view("v1", "SELECT id FROM users")} },
			tgt: func(md *model.MetaData) {
				v := view("v1", "SELECT id FROM users")
				v.ColumnDefaults = map[string]string{"id": "0"}
				md.Views = []*model.View{v}
			}, want: "post: create_view v1 | droppre: drop_view v1"},
		{name: "view replaced with its dependents and their triggers", cur: func(md *model.MetaData) {
			md.Views = []*model.View{view("v1", "SELECT id FROM users"), view("v2", "SELECT id FROM v1", "v1"), view("v3", "SELECT 1")}
			md.Definitions = []*model.Definition{{Kind: model.DefTrigger, Name: "t", Table: "v2", SQL: "CREATE TRIGGER t INSTEAD OF INSERT ON v2 EXECUTE FUNCTION f()"}}
		}, tgt: func(md *model.MetaData) {
			md.Views = []*model.View{view("v1", "SELECT id, name FROM users"), view("v2", "SELECT id FROM v1", "v1"), view("v3", "SELECT 1")}
			md.Definitions = []*model.Definition{{Kind: model.DefTrigger, Name: "t", Table: "v2", SQL: "CREATE TRIGGER t INSTEAD OF INSERT ON v2 EXECUTE FUNCTION f()"}}
		}, want: "post: create_view v1; create_view v2; create_definition t | droppre: drop_definition t; drop_view v2; drop_view v1"},
		{name: "view not in the model is left", tgt: none,
			cur:  func(md *model.MetaData) { md.Views = []*model.View{view("v1", "SELECT id FROM users")} },
			warn: "view v1 is in the database but not in the model: it is left in place"},
		{name: "views dropped on request, dependents first", tgt: none, opts: Options{DropViews: true},
			cur: func(md *model.MetaData) {
				md.Views = []*model.View{view("v1", "SELECT id FROM users"), view("v2", "SELECT id FROM v1", "v1")}
			}, want: "droppre: drop_view v2; drop_view v1"},

		{name: "materialized view replaced with its indexes and the views reading it", cur: func(md *model.MetaData) {
			md.Views = []*model.View{view("v1", "SELECT n FROM mv", "mv")}
			md.Definitions = []*model.Definition{
				{Kind: model.DefMaterializedView, Name: "mv", SQL: "CREATE MATERIALIZED VIEW mv AS SELECT 1 AS n", DependsOn: []model.ObjectName{{Name: "users"}}},
				{Kind: model.DefIndex, Name: "mv_n", Table: "mv", SQL: "CREATE INDEX mv_n ON mv (n)"}}
		}, tgt: func(md *model.MetaData) {
			md.Views = []*model.View{view("v1", "SELECT n FROM mv", "mv")}
			md.Definitions = []*model.Definition{
				{Kind: model.DefMaterializedView, Name: "mv", SQL: "CREATE MATERIALIZED VIEW mv AS SELECT 2 AS n", DependsOn: []model.ObjectName{{Name: "users"}}},
				{Kind: model.DefIndex, Name: "mv_n", Table: "mv", SQL: "CREATE INDEX mv_n ON mv (n)"}}
		}, want: "post: replace_definition mv; create_view v1; create_definition mv_n | droppre: drop_definition mv_n; drop_view v1"},
		{name: "function before the tables, trigger after", cur: none, tgt: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{trigger, logFn}
		}, want: "pre: create_definition log | post: create_definition audit"},
		{name: "trigger dropped before the tables, function after", tgt: none, cur: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{trigger, logFn}
		}, want: "droppre: drop_definition audit | droppost: drop_definition log"},
		{name: "function body changed", cur: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{pgFunction("f", "x integer", "SELECT x")}
		},
			tgt: func(md *model.MetaData) {
				md.Definitions = []*model.Definition{pgFunction("f", "x integer", "SELECT x + 1")}
			},
			want: "pre: replace_definition f"},
		{name: "function as the user writes it", cur: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{pgFunction("f", "x integer", "SELECT x")}
		}, tgt: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{{Kind: model.DefFunction, Name: "f",
				SQL: "create function f(x integer) returns integer language sql as $$SELECT x$$;"}}
		}},
		{name: "overloads told apart", cur: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{pgFunction("f", "x integer", "SELECT x"), pgFunction("f", "x bigint", "SELECT x")}
		}, tgt: func(md *model.MetaData) {
			md.Definitions = []*model.Definition{pgFunction("f", "x integer", "SELECT x"), pgFunction("f", "x text", "SELECT 1")}
		}, want: "pre: create_definition f | droppost: drop_definition f"},
		{name: "virtual table replaced loses rows", dialect: "sqlite",
			cur: func(md *model.MetaData) {
				md.Definitions = []*model.Definition{{Kind: model.DefVirtualTable, Name: "notes", SQL: "CREATE VIRTUAL TABLE notes USING fts5(a)"}}
			}, tgt: func(md *model.MetaData) {
				md.Definitions = []*model.Definition{{Kind: model.DefVirtualTable, Name: "notes", SQL: "CREATE VIRTUAL TABLE notes USING fts5(a, b)"}}
			}, want: "pre: replace_definition notes", warn: "its rows are lost"},
		{name: "trigger disabled", cur: func(md *model.MetaData) { md.Definitions = []*model.Definition{trigger, logFn} },
			tgt: func(md *model.MetaData) {
				off := trigger.Clone()
				off.Firing = model.FiringDisabled
				md.Definitions = []*model.Definition{off, logFn}
			}, want: "post: replace_definition audit"},
		{name: "routine sql_mode changed", dialect: "mysql",
			cur: func(md *model.MetaData) {
				md.Definitions = []*model.Definition{{Kind: model.DefFunction, Name: "f", SQL: "CREATE FUNCTION f() RETURNS text RETURN 'a' || 'b'"}}
			}, tgt: func(md *model.MetaData) {
				md.Definitions = []*model.Definition{{Kind: model.DefFunction, Name: "f", SQL: "CREATE FUNCTION f() RETURNS text RETURN 'a' || 'b'", SQLMode: "PIPES_AS_CONCAT"}}
			}, want: "pre: replace_definition f"},
		{name: "foreign server and table created before the tables, view after", cur: none,
			tgt: func(md *model.MetaData) {
				md.Views = []*model.View{view("remote_view", "SELECT * FROM remote", "remote")}
				md.Definitions = []*model.Definition{
					{Kind: model.DefForeignTable, Name: "remote", SQL: "CREATE FOREIGN TABLE remote (id integer) SERVER files", DependsOn: []model.ObjectName{{Name: "files"}}},
					{Kind: model.DefForeignServer, Name: "files", SQL: "CREATE SERVER files FOREIGN DATA WRAPPER file_fdw"},
				}
			}, want: "pre: create_definition files; create_definition remote | post: create_view remote_view"},
		{name: "foreign table replaced with the view on it", cur: func(md *model.MetaData) {
			md.Views = []*model.View{view("remote_view", "SELECT * FROM remote", "remote")}
			md.Definitions = []*model.Definition{{Kind: model.DefForeignTable, Name: "remote", SQL: "CREATE FOREIGN TABLE remote (id integer) SERVER files"}}
		}, tgt: func(md *model.MetaData) {
			md.Views = []*model.View{view("remote_view", "SELECT * FROM remote", "remote")}
			md.Definitions = []*model.Definition{{Kind: model.DefForeignTable, Name: "remote", SQL: "CREATE FOREIGN TABLE remote (id bigint) SERVER files"}}
		}, want: "pre: replace_definition remote | post: create_view remote_view | droppre: drop_view remote_view"},

		{name: "excluded by a glob", cur: none, opts: Options{Exclude: []string{"mo*"}},
			tgt: func(md *model.MetaData) { md.Enums = []*model.EnumType{mood("a")} }},
		{name: "trigger left out with its table", tgt: none, opts: Options{Exclude: []string{"users"}},
			cur: func(md *model.MetaData) { md.Definitions = []*model.Definition{trigger} }},
		{name: "filter callback on kinds", cur: none, opts: Options{Filter: func(o Object) bool { return o.Kind != "view" }},
			tgt: func(md *model.MetaData) {
				md.Views = []*model.View{view("v1", "SELECT 1")}
				md.Sequences = []*model.Sequence{{Name: "n"}}
			}, want: "pre: create_sequence n"},
		{name: "other schemas left out", cur: none, opts: Options{Schemas: []string{""}},
			tgt: func(md *model.MetaData) {
				md.Schemas = []*model.Schema{{Name: "app"}}
				md.Sequences = []*model.Sequence{{Schema: "app", Name: "n"}, {Name: "m"}}
			}, want: "pre: create_sequence m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.dialect
			if name == "" {
				name = "postgres"
			}
			d, err := dialect.ForName(name)
			if err != nil {
				t.Fatal(err)
			}
			opts := tt.opts
			opts.Dialect = d
			got, err := compareObjects(dialect.Normalize(d, objs(tt.cur)), dialect.Normalize(d, objs(tt.tgt)), opts, nil)
			if err != nil {
				t.Fatal(err)
			}
			if p := phases(got); p != tt.want {
				t.Errorf("operations:\n got %s\nwant %s", p, tt.want)
			}
			var warnings []string
			for _, w := range got.Warnings {
				warnings = append(warnings, w.Message)
			}
			all := strings.Join(warnings, "\n")
			if (tt.warn == "") != (all == "") || !strings.Contains(all, tt.warn) {
				t.Errorf("warnings: %q, want one containing %q", all, tt.warn)
			}
		})
	}
}
