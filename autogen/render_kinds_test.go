package autogen

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
)

// kindCase is a revision that creates, changes or drops one kind of object
// of SPEC §9, on the dialects where the kind exists: the schema before it
// and after it, built for the dialect's capabilities.
type kindCase struct {
	kind     string
	dialects []string
	cur, tgt func(c dialect.Capabilities) *model.MetaData
	// database: the case needs a database of its own (schemas,
	// extensions), inspected in every schema.
	database bool
}

// kindBase is the schema every kind case starts from: one table.
func kindBase(dialect.Capabilities) *model.MetaData {
	return (&model.MetaData{}).AddTable(&model.Table{Name: "items", Columns: []*model.Column{
		{Name: "id", Type: model.BigInt},
		{Name: "n", Type: model.Integer, Nullable: true},
		{Name: "status", Type: model.Varchar(20), Default: model.DefaultLiteral("new")},
	}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}})
}

// kindWith is kindBase changed by f.
func kindWith(f func(md *model.MetaData, c dialect.Capabilities)) func(c dialect.Capabilities) *model.MetaData {
	return func(c dialect.Capabilities) *model.MetaData {
		md := kindBase(c)
		f(md, c)
		return md
	}
}

// kindExclusion is kindBase with an exclusion constraint on items: no two
// rows whose column compare true with operator.
func kindExclusion(column, operator string) func(c dialect.Capabilities) *model.MetaData {
	return kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Table("", "items").Exclusions = []*model.Exclusion{{Name: "items_excl", Where: "n > 0",
			Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: column}, Operator: operator}}}}
	})
}

// kindEnum is kindBase with an enum of values and an items.mood column of
// it.
func kindEnum(values ...string) func(c dialect.Capabilities) *model.MetaData {
	return kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
		md.Enums = []*model.EnumType{{Name: "mood", Values: values}}
		md.Table("", "items").Columns = append(md.Table("", "items").Columns,
			&model.Column{Name: "mood", Type: model.Enum("mood", values...), Nullable: true, Default: model.DefaultLiteral("ok")})
	})
}

// kindDefs is kindBase with definitions, each SQL text written by the
// dialect: pg, my (MySQL/MariaDB) or lite.
func kindDefs(defs ...func(c dialect.Capabilities) *model.Definition) func(c dialect.Capabilities) *model.MetaData {
	return kindWith(func(md *model.MetaData, c dialect.Capabilities) {
		for _, d := range defs {
			md.Definitions = append(md.Definitions, d(c))
		}
	})
}

// def returns a definition of kind and name whose SQL is written per
// dialect.
func def(kind model.DefinitionKind, name, table, pg, my, lite string) func(c dialect.Capabilities) *model.Definition {
	return func(c dialect.Capabilities) *model.Definition {
		return &model.Definition{Kind: kind, Name: name, Table: table, SQL: byDB(c, pg, my, lite)}
	}
}

// The dialects of the kind cases, by dialect.ForName: the MySQL family's
// are rendered for MariaDB, the server of the tests (sequences are
// MariaDB's).
var (
	pgOnlyKind = []string{"postgres"}
	pgMyKind   = []string{"postgres", "mariadb"}
	myKind     = []string{"mariadb"}
	liteKind   = []string{"sqlite"}
	everyKind  = []string{"postgres", "mariadb", "sqlite"}
)

// kindServer names the test server (testdb) of a kind case's dialect.
func kindServer(name string) string {
	if name == "mariadb" {
		return "mysql"
	}
	return name
}

// kindCases are the per-kind golden revisions: the kinds other than plain
// tables, columns, keys and indexes (revision_*.golden has those).
// Operators are not in the model, so they have no case.
func kindCases() []kindCase {
	year := &model.Domain{Name: "year", Type: model.Integer, Default: model.DefaultLiteral(int64(2000)),
		Checks: []*model.Check{{Name: "year_check", Expr: "VALUE > 1900"}}}
	return []kindCase{
		{kind: "schema", dialects: pgOnlyKind, database: true, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Schemas = []*model.Schema{{Name: "audit", Comment: "the audit trail"}}
			md.AddTable(&model.Table{Schema: "audit", Name: "entries", Columns: []*model.Column{{Name: "id", Type: model.BigInt}},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}})
		})},
		{kind: "extension", dialects: pgOnlyKind, database: true, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Extensions = []*model.Extension{{Name: "citext"}}
			md.Table("", "items").Columns = append(md.Table("", "items").Columns, &model.Column{Name: "code", Type: model.Raw("citext"), Nullable: true})
		})},
		{kind: "domain", dialects: pgOnlyKind, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Domains = []*model.Domain{year.Clone()}
			md.Table("", "items").Columns = append(md.Table("", "items").Columns, &model.Column{Name: "born", Type: model.Raw("year"), Nullable: true})
		})},
		{kind: "function", dialects: pgMyKind, cur: kindBase, tgt: kindDefs(
			def(model.DefFunction, "add_one", "",
				"CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$",
				"CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1", ""))},
		{kind: "procedure", dialects: pgMyKind, cur: kindBase, tgt: kindDefs(
			def(model.DefProcedure, "reset_items", "",
				"CREATE PROCEDURE reset_items() LANGUAGE sql AS $$ UPDATE items SET n = 0 $$",
				"CREATE PROCEDURE reset_items()\nBEGIN\n\tUPDATE items SET n = 0;\n\tUPDATE items SET status = 'reset';\nEND", ""))},
		{kind: "trigger", dialects: everyKind, cur: kindBase, tgt: func(c dialect.Capabilities) *model.MetaData {
			md := kindDefs(def(model.DefTrigger, "items_touch", "items",
				"CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch()",
				"CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW SET NEW.n = COALESCE(NEW.n, 0) + 1",
				"CREATE TRIGGER items_touch AFTER UPDATE OF status ON items BEGIN UPDATE items SET n = COALESCE(n, 0) + 1 WHERE id = NEW.id; END"))(c)
			if c.Syntax.DollarQuotes {
				md.Definitions = append(md.Definitions, &model.Definition{Kind: model.DefFunction, Name: "touch", Language: "plpgsql",
					SQL: "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.n := COALESCE(NEW.n, 0) + 1; RETURN NEW; END$$"})
			}
			return md
		}},
		{kind: "event", dialects: myKind, cur: kindBase, tgt: kindDefs(def(model.DefEvent, "purge_items", "", "",
			"CREATE EVENT purge_items ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE DO DELETE FROM items WHERE n < 0", ""))},
		{kind: "virtual_table_fts5", dialects: liteKind, cur: kindBase, tgt: kindDefs(def(model.DefVirtualTable, "notes", "", "", "",
			"CREATE VIRTUAL TABLE notes USING fts5(title, body, tokenize = 'porter unicode61')"))},
		{kind: "virtual_table_rtree", dialects: liteKind, cur: kindBase, tgt: kindDefs(def(model.DefVirtualTable, "boxes", "", "", "",
			"CREATE VIRTUAL TABLE boxes USING rtree(id, min_x, max_x, min_y, max_y)"))},
		{kind: "partitioned_table", dialects: pgOnlyKind, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.AddTable(&model.Table{Name: "events", Columns: []*model.Column{
				{Name: "id", Type: model.BigInt}, {Name: "at_year", Type: model.Integer}, {Name: "note", Type: model.Text, Nullable: true}},
				PrimaryKey:  &model.PrimaryKey{Columns: []string{"id", "at_year"}},
				PartitionBy: &model.PartitionBy{Strategy: "range", Key: "at_year"}},
				&model.Table{Name: "events_2020s", PartitionOf: &model.PartitionOf{Table: "events", Bound: "FOR VALUES FROM (2020) TO (2030)"}},
				&model.Table{Name: "events_other", PartitionOf: &model.PartitionOf{Table: "events", Bound: "DEFAULT"}})
		})},
		// An exclusion constraint created with its table, then added to,
		// changed on and dropped from an existing one.
		{kind: "exclusion_constraint", dialects: pgOnlyKind, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.AddTable(&model.Table{Name: "rooms", Columns: []*model.Column{
				{Name: "id", Type: model.BigInt}, {Name: "code", Type: model.Integer}},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
				Exclusions: []*model.Exclusion{{Name: "rooms_code_excl",
					Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: "code"}, Operator: "="}}, Where: "code > 0"}}})
		})},
		{kind: "exclusion_added", dialects: pgOnlyKind, cur: kindBase, tgt: kindExclusion("n", "=")},
		{kind: "exclusion_changed", dialects: pgOnlyKind, cur: kindExclusion("n", "="), tgt: kindExclusion("status", "=")},
		{kind: "exclusion_dropped", dialects: pgOnlyKind, cur: kindExclusion("n", "="), tgt: kindBase},
		{kind: "sequence", dialects: pgMyKind, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Sequences = []*model.Sequence{{Name: "order_no", Start: 100, Increment: 5, Cycle: true, MaxValue: new(int64(99999))}}
		})},
		{kind: "sequence_altered", dialects: pgMyKind,
			cur: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", Start: 100, Increment: 5}}
			}),
			tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
				md.Sequences = []*model.Sequence{{Name: "order_no", Start: 100, Increment: 10, Cycle: true, MaxValue: new(int64(99999))}}
			})},
		{kind: "serial", dialects: pgOnlyKind, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.AddTable(&model.Table{Name: "invoices", Columns: []*model.Column{
				{Name: "no", Type: model.Integer, Default: model.DefaultExpr("nextval('invoices_no_seq'::regclass)")}},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"no"}}})
			md.Sequences = []*model.Sequence{{Name: "invoices_no_seq", As: "integer", OwnedBy: "invoices.no"}}
		})},
		{kind: "enum_create", dialects: everyKind, cur: kindBase, tgt: kindEnum("sad", "ok", "happy")},
		{kind: "enum_add_value", dialects: everyKind, cur: kindEnum("sad", "ok"), tgt: kindEnum("meh", "sad", "ok", "happy")},
		{kind: "enum_drop_value", dialects: everyKind, cur: kindEnum("sad", "ok", "happy"), tgt: kindEnum("sad", "ok")},
		{kind: "enum_drop", dialects: everyKind, cur: kindEnum("sad", "ok"), tgt: kindBase},
		{kind: "view_on_view", dialects: everyKind, cur: kindBase, tgt: kindWith(func(md *model.MetaData, _ dialect.Capabilities) {
			md.Views = []*model.View{
				{Name: "big_ids", Definition: "SELECT id FROM counted WHERE n > 10", DependsOn: []model.ObjectName{{Name: "counted"}}},
				{Name: "counted", Definition: "SELECT id, n FROM items WHERE n IS NOT NULL"},
			}
		})},
	}
}

// kindRevision compares the case's models on dialect d.
func kindRevision(t *testing.T, d dialect.Dialect, kc kindCase) (current *model.MetaData, up, down []ops.Operation) {
	t.Helper()
	caps := d.Capabilities()
	current = kc.cur(caps)
	res, err := Compare(current, kc.tgt(caps), Options{Dialect: d, DropViews: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Empty() {
		t.Fatalf("%s on %s: compare found no change", kc.kind, d.Name())
	}
	if down, err = Downgrade(current, res.Ops); err != nil {
		t.Fatal(err)
	}
	return current, res.Ops, down
}

// TestRenderKindGolden renders, per kind of object and per dialect that
// has it, the Go and the SQL revision of kindCases (golden files under
// testdata/kinds/<dialect>/, rewritten with -update). Without -short the
// Go revisions are compiled and registered, and each SQL revision runs on
// the real database: upgrade, then the schema equals the target; the
// downgrade, then it equals the start again.
func TestRenderKindGolden(t *testing.T) {
	var goFiles [][]byte
	for _, kc := range kindCases() {
		for _, name := range kc.dialects {
			d, err := dialect.ForName(name)
			if err != nil {
				t.Fatal(err)
			}
			current, up, down := kindRevision(t, d, kc)
			goFiles = append(goFiles, renderRevisionAs(t, "k"+name+strings.ReplaceAll(kc.kind, "_", ""), up, down))
			t.Run(kc.kind+"/"+name, func(t *testing.T) {
				rev := *goldenRev
				rev.Message = strings.ReplaceAll(kc.kind, "_", " ")
				g, err := RenderGo(up, down)
				if err != nil {
					t.Fatal(err)
				}
				src, err := scriptdir.RenderGoFile(scriptdir.GoFile{Revision: &rev, Package: "versions", UpgradeBody: g.Upgrade, DowngradeBody: g.Downgrade, Imports: g.Imports})
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("kinds", name, kc.kind+".go.golden"), src)
				b, err := RenderSQL(context.Background(), d, current, up, down)
				if err != nil {
					t.Fatal(err)
				}
				sql, err := scriptdir.RenderSQLFile(scriptdir.SQLFile{Revision: &rev, Dialect: name, Upgrade: b.Upgrade, Downgrade: b.Downgrade})
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("kinds", name, kc.kind+".sql.golden"), sql)
				if testing.Short() {
					return
				}
				t.Parallel()
				runKindSQL(t, name, kc, b)
			})
		}
	}
	if testing.Short() {
		return
	}
	t.Run("compile", func(t *testing.T) {
		t.Parallel()
		compileRevisions(t, goFiles)
	})
}

// runKindSQL runs the SQL revision b of case kc on a fresh database of
// dialect name whose schema is the case's start: the upgrade must give the
// target, the downgrade the start again.
func runKindSQL(t *testing.T, name string, kc kindCase, b SQLBodies) {
	db, schemas := openLive(t, kindServer(name), liveCase{database: kc.database})
	ctx := context.Background()
	d := db.Dialect
	caps := d.Capabilities()
	if _, ok := d.(dialect.ForeignKeySwitch); ok {
		db.SetMaxOpenConns(1)
	}
	setup, err := Compare(&model.MetaData{}, kc.cur(caps), Options{Dialect: d})
	if err != nil {
		t.Fatal(err)
	}
	if err := ops.NewOp(d, db).Run(ctx, setup.Ops...); err != nil {
		t.Fatalf("create the start schema: %v", err)
	}
	same := func(what string, want *model.MetaData) {
		t.Helper()
		live, err := inspect.Database(ctx, db, inspect.Options{Schemas: schemas})
		if err != nil {
			t.Fatalf("%s: inspect: %v", what, err)
		}
		texts, _, err := SpellViews(ctx, db, live, want, SpellOptions{InPlace: true})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		res, err := Compare(live, want, Options{Dialect: d, DropViews: true, ViewTexts: texts})
		if err != nil {
			t.Fatalf("%s: compare: %v", what, err)
		}
		if !res.Empty() {
			t.Errorf("%s: the database differs from the model: %s", what, opNames(res.Ops))
		}
	}
	execScript(t, db, "upgrade", b.Upgrade)
	same("after the upgrade", kc.tgt(caps))
	execScript(t, db, "downgrade", b.Downgrade)
	same("after the downgrade", kc.cur(caps))
}

// execScript runs the statements of a rendered SQL script, one by one.
func execScript(t *testing.T, db *dialect.DB, what, script string) {
	t.Helper()
	stmts, err := scriptdir.SplitStatements(script, db.Dialect.Capabilities().Syntax)
	if err != nil {
		t.Fatalf("%s: split: %v", what, err)
	}
	for i, st := range stmts {
		if _, err := db.ExecContext(context.Background(), st.Text); err != nil {
			t.Fatalf("%s: statement %d of %d: %v\n%s", what, i+1, len(stmts), err, st.Text)
		}
	}
}
