package autogen

import (
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// byDB picks the text for the database of c: its SQL differs, and the
// texts are written as its server prints them back (as `migrate inspect
// --format go` gives them), except where a case shows that a user's own
// spelling compares equal too.
func byDB(c dialect.Capabilities, pg, my, lite string) string {
	switch {
	case c.Syntax.DollarQuotes:
		return pg
	case c.Syntax.DelimiterCommand:
		return my
	}
	return lite
}

// withEnum is the base schema with an enum type of the values given and a
// users.mood column of that type, defaulting to 'ok'.
func withEnum(values ...string) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Enums = []*model.EnumType{{Name: "mood", Values: values}}
		usersOf(md).Columns = append(usersOf(md).Columns,
			&model.Column{Name: "mood", Type: model.Enum("mood", values...), Nullable: true, Default: model.DefaultLiteral("ok")})
	})
}

// withEnumView is withEnum with a view reading users.mood and a view on
// that view.
func withEnumView(values ...string) func(c dialect.Capabilities) *model.MetaData {
	return func(c dialect.Capabilities) *model.MetaData {
		md := withEnum(values...)(c)
		md.Views = []*model.View{
			{Name: "moods", Definition: byDB(c, "SELECT users.id, users.mood FROM users",
				"select `users`.`id` AS `id`,`users`.`mood` AS `mood` from `users`", "SELECT id, mood FROM users")},
			{Name: "mood_ids", Definition: byDB(c, "SELECT moods.id FROM moods", "select `moods`.`id` AS `id` from `moods`", "SELECT id FROM moods"),
				DependsOn: []model.ObjectName{{Name: "moods"}}},
		}
		return md
	}
}

// withViews is the base schema with a view of adults and a view on that
// view; age adds a column to the first view.
func withViews(age bool) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, c dialect.Capabilities) {
		extra := ""
		if age {
			extra = byDB(c, ", users.age", ",`users`.`age` AS `age`", ", age")
		}
		md.Views = []*model.View{
			{Name: "adult_ids", Definition: byDB(c, "SELECT adults.id FROM adults", "select `adults`.`id` AS `id` from `adults`", "SELECT id FROM adults"),
				DependsOn: []model.ObjectName{{Name: "adults"}}},
			{Name: "adults", Definition: byDB(c,
				"SELECT users.id, users.email"+extra+" FROM users WHERE users.age > 18",
				"select `users`.`id` AS `id`,`users`.`email` AS `email`"+extra+" from `users` where `users`.`age` > 18",
				"SELECT id, email"+extra+" FROM users WHERE age > 18")},
		}
	})
}

// withMatView is the base schema with a materialized view of the users
// older than age, an index on it, and a view reading it (PostgreSQL).
func withMatView(age string) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Definitions = []*model.Definition{
			{Kind: model.DefMaterializedView, Name: "elders", DependsOn: []model.ObjectName{{Name: "users"}},
				SQL: "CREATE MATERIALIZED VIEW elders AS\n SELECT users.id, users.email FROM users WHERE users.age > " + age},
			{Kind: model.DefIndex, Name: "elders_id", Table: "elders", SQL: "CREATE INDEX elders_id ON elders USING btree (id)"},
		}
		md.Views = []*model.View{{Name: "elder_ids", Definition: "SELECT elders.id FROM elders", DependsOn: []model.ObjectName{{Name: "elders"}}}}
	})
}

// withDefinitions is the base schema with a routine (a function; a virtual
// table on SQLite) whose body adds n, and a trigger on users.
func withDefinitions(n string) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, c dialect.Capabilities) {
		routine := &model.Definition{Kind: model.DefFunction, Name: "answer", SQL: byDB(c,
			"CREATE OR REPLACE FUNCTION answer(x integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$SELECT x + "+n+"$function$",
			"CREATE FUNCTION `answer`(`x` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN x + "+n, "")}
		if !c.Syntax.DollarQuotes && !c.Syntax.DelimiterCommand {
			routine = &model.Definition{Kind: model.DefVirtualTable, Name: "notes", SQL: "CREATE VIRTUAL TABLE notes USING fts5(title, body" + n + ")"}
		}
		md.Definitions = []*model.Definition{routine, {Kind: model.DefTrigger, Name: "users_log", Table: "users", SQL: byDB(c,
			"CREATE TRIGGER users_log BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION log_status()",
			// As a user writes it: the server quotes the names.
			"CREATE TRIGGER users_log BEFORE INSERT ON users FOR EACH ROW SET NEW.status = 'logged'",
			"CREATE TRIGGER users_log AFTER INSERT ON users BEGIN UPDATE users SET status = 'logged' WHERE id = NEW.id; END")}}
		if c.Syntax.DollarQuotes {
			// As a user writes it: the server prints CREATE OR REPLACE and
			// its own dollar tag.
			md.Definitions = append(md.Definitions, &model.Definition{Kind: model.DefFunction, Name: "log_status",
				SQL: "CREATE FUNCTION log_status() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.status := 'logged'; RETURN NEW; END$$;"})
		}
	})
}

// withCheckedFunction is the base schema with a function that a check
// on users.age calls, written as a user writes it (CREATE FUNCTION, $$);
// returns is its result type and body its SQL body (PostgreSQL).
func withCheckedFunction(returns, body string, checked bool) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Definitions = []*model.Definition{{Kind: model.DefFunction, Name: "age_ok", Signature: "v integer",
			SQL: "CREATE FUNCTION age_ok(v integer) RETURNS " + returns + " LANGUAGE sql IMMUTABLE AS $$ " + body + " $$"}}
		if checked {
			usersOf(md).Checks = append(usersOf(md).Checks, &model.Check{Name: "users_age_ok", Expr: "age_ok(age)"})
		}
	})
}

// withGreeting is the base schema with a MySQL/MariaDB function and
// procedure with string parameters and results written as a user writes
// them: charset is what follows the string types ("" for none, which
// the server completes with the database's defaults), and the bodies
// declare typed variables and hold string literals.
func withGreeting(charset string) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Definitions = []*model.Definition{
			{Kind: model.DefFunction, Name: "greet", SQL: "CREATE FUNCTION greet(who varchar(20)" + charset + ", n int) RETURNS varchar(60)" + charset +
				" DETERMINISTIC\nBEGIN\n\tDECLARE s varchar(10) DEFAULT 'hi, ';\n\tRETURN CONCAT(s, who, REPEAT('!', n));\nEND"},
			{Kind: model.DefProcedure, Name: "tag", SQL: "CREATE PROCEDURE tag(IN a text, OUT b varchar(20)" + charset +
				", INOUT c char(3) CHARSET utf8mb4)\nBEGIN\n\tDECLARE t text DEFAULT 'x';\n\tSET b = CONCAT(t, a, c);\nEND"},
		}
	})
}

// objectLiveCases are the live cases of the objects other than tables.
func objectLiveCases() []liveCase {
	base := baseSchema
	pgOnly := func(c dialect.Capabilities) string {
		if !c.Domains {
			return "schemas, extensions, domains and sequence owners are PostgreSQL's"
		}
		return ""
	}
	myOnly := func(c dialect.Capabilities) string {
		if !c.Syntax.DelimiterCommand {
			return "stored routines with MySQL's parameter character sets"
		}
		return ""
	}
	noSequences := func(c dialect.Capabilities) string {
		if !c.Sequences {
			return "the database has no sequences"
		}
		return ""
	}
	year := &model.Domain{Name: "year", Type: model.Integer, Checks: []*model.Check{{Name: "year_check", Expr: "VALUE > 1900"}}}
	return []liveCase{
		{name: "enum created", cur: base, tgt: withEnum("sad", "ok", "happy"), reupgrade: true,
			want: map[string]string{"postgres": "create_enum; add_column users.mood"}},
		{name: "enum values added", cur: withEnum("sad", "ok"), tgt: withEnum("meh", "sad", "ok", "happy"), reupgrade: true,
			want: map[string]string{"postgres": "add_enum_value; add_enum_value"}},
		{name: "enum value removed", cur: withEnum("sad", "ok", "happy"), tgt: withEnum("sad", "ok"), reupgrade: true,
			want: map[string]string{"postgres": "alter_enum"}},
		// PostgreSQL cannot change the type of a column a view reads: the
		// views are dropped around the type's change, also in the
		// downgrade of added values (the type is created again there).
		{name: "enum values added under a view", cur: withEnumView("sad", "ok"), tgt: withEnumView("sad", "ok", "happy"), reupgrade: true,
			want: map[string]string{"postgres": "drop_view; drop_view; add_enum_value; create_view; create_view"}},
		{name: "enum value removed under a view", cur: withEnumView("sad", "ok", "happy"), tgt: withEnumView("sad", "ok"), reupgrade: true,
			want: map[string]string{"postgres": "drop_view; drop_view; alter_enum; create_view; create_view"}},
		{name: "enum dropped", cur: withEnum("sad", "ok"), tgt: base, reupgrade: true,
			want: map[string]string{"postgres": "drop_column users.mood; drop_enum"}},

		{name: "schema and extension", database: true, skip: pgOnly, reupgrade: true, cur: base,
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Schemas = []*model.Schema{{Name: "app", Comment: "the app"}}
				md.Extensions = []*model.Extension{{Name: "citext"}}
				md.AddTable(&model.Table{Schema: "app", Name: "tags", Columns: []*model.Column{
					{Name: "id", Type: model.BigInt}, {Name: "name", Type: model.Raw("citext")}},
					PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}})
			}), want: map[string]string{"": "create_schema; create_extension; create_table tags"}},
		{name: "domain created", skip: pgOnly, reupgrade: true, cur: base,
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) { md.Domains = []*model.Domain{year.Clone()} })},
		{name: "domain altered", skip: pgOnly, reupgrade: true,
			cur: changed(func(md *model.MetaData, _ dialect.Capabilities) { md.Domains = []*model.Domain{year.Clone()} }),
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				d := year.Clone()
				d.NotNull, d.Default, d.Comment = true, model.DefaultLiteral(int64(2000)), "a year"
				d.Checks = append(d.Checks, &model.Check{Name: "year_max", Expr: "VALUE < 3000"})
				md.Domains = []*model.Domain{d}
			}), want: map[string]string{"": "alter_domain"}},

		{name: "sequence created", skip: noSequences, reupgrade: true, cur: base,
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", Start: 100, Increment: 5}}
			})},
		{name: "sequence altered", skip: noSequences, reupgrade: true,
			cur: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", Start: 100, Increment: 5}}
			}),
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", Start: 100, Increment: 10, Cycle: true, MaxValue: new(int64(99999))}}
			}), want: map[string]string{"": "alter_sequence"}},
		{name: "sequence type and comment", skip: pgOnly, reupgrade: true,
			cur: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", As: "integer"}}
			}),
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", Comment: "order numbers"}}
			}), want: map[string]string{"": "alter_sequence"}},
		{name: "owned sequence with its table", skip: pgOnly, reupgrade: true, cur: base,
			tgt: changed(func(md *model.MetaData, _ dialect.Capabilities) {
				md.AddTable(&model.Table{Name: "invoices", Columns: []*model.Column{
					{Name: "no", Type: model.Integer, Default: model.DefaultExpr("nextval('invoices_no_seq'::regclass)")}},
					PrimaryKey: &model.PrimaryKey{Columns: []string{"no"}}})
				md.Sequences = []*model.Sequence{{Name: "invoices_no_seq", As: "integer", OwnedBy: "invoices.no"}}
			}), want: map[string]string{"": "create_sequence; create_table invoices; alter_sequence"}},

		{name: "views created in dependency order", cur: base, tgt: withViews(false), reupgrade: true,
			want: map[string]string{"": "create_view; create_view"}},
		{name: "view replaced", cur: withViews(false), tgt: withViews(true), reupgrade: true,
			want: map[string]string{"": "drop_view; drop_view; create_view; create_view"}},

		{name: "materialized view replaced with its index and the view reading it", skip: pgOnly, reupgrade: true,
			cur: withMatView("18"), tgt: withMatView("21"),
			want: map[string]string{"": "drop_definition; drop_view; replace_definition; create_view; create_definition"}},
		{name: "function and trigger created", cur: base, tgt: withDefinitions("1"), reupgrade: true},
		{name: "function replaced", cur: withDefinitions("1"), tgt: withDefinitions("2"), reupgrade: true,
			want: map[string]string{"": "replace_definition"}},
		{name: "function and trigger dropped", cur: withDefinitions("1"), tgt: base, reupgrade: true},
		// MariaDB completes string parameters and results with the
		// database's character set and collation: a routine written
		// without them is no change once created, one with another
		// character set is.
		{name: "routines with string parameters created", skip: myOnly, reupgrade: true, cur: base, tgt: withGreeting(""),
			want: map[string]string{"": "create_definition; create_definition"}},
		{name: "routine parameter character set changed", skip: myOnly, reupgrade: true, cur: withGreeting(""), tgt: withGreeting(" CHARSET latin1"),
			want: map[string]string{"": "replace_definition; replace_definition"}},
		// A function a check calls is replaced in place (CREATE OR REPLACE):
		// the server refuses to drop it; the downgrade is the old body, in
		// place too.
		{name: "function a check calls replaced in place", skip: pgOnly, reupgrade: true,
			cur: withCheckedFunction("boolean", "SELECT v > -1", true), tgt: withCheckedFunction("boolean", "SELECT v > -100", true),
			want: map[string]string{"": "replace_definition"}},
		// A new result type cannot be made in place: drop and create, with
		// a warning about what uses it.
		{name: "function result type changed", skip: pgOnly, reupgrade: true,
			cur: withCheckedFunction("boolean", "SELECT v > -1", false), tgt: withCheckedFunction("integer", "SELECT v", false),
			want: map[string]string{"": "replace_definition"}, warn: "arguments or result type change"},

		{name: "operator created after its function", skip: pgOnly, cur: base, tgt: withOperator("+"), reupgrade: true,
			want: map[string]string{"": "create_definition; create_definition"}},
		// The function is replaced in place (CREATE OR REPLACE): the
		// operator calling it stays.
		{name: "operator's function replaced", skip: pgOnly, cur: withOperator("+"), tgt: withOperator("-"), reupgrade: true,
			want: map[string]string{"": "replace_definition"}},
		{name: "operator dropped with its function", skip: pgOnly, cur: withOperator("+"), tgt: base, reupgrade: true,
			want: map[string]string{"": "drop_definition; drop_definition"}},
	}
}

// withOperator is the base schema with a function adding or subtracting
// (op) two integers and an operator ||| calling it, declared operator
// first: it is created after the function it depends on and dropped
// before it.
func withOperator(op string) func(c dialect.Capabilities) *model.MetaData {
	return changed(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Definitions = []*model.Definition{
			{Kind: model.DefOperator, Name: "|||", Signature: "integer, integer", Comment: "combines",
				SQL:       "CREATE OPERATOR ||| (FUNCTION = combine, LEFTARG = integer, RIGHTARG = integer, COMMUTATOR = OPERATOR(public.|||))",
				DependsOn: []model.ObjectName{{Name: "combine"}}},
			{Kind: model.DefFunction, Name: "combine", Signature: "a integer, b integer",
				SQL: "CREATE OR REPLACE FUNCTION combine(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$SELECT a " + op + " b$function$"},
		}
	})
}

func TestCompareObjectsLive(t *testing.T) { runLiveCases(t, objectLiveCases()) }
