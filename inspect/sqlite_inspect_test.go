package inspect_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// sqliteFeatureSchema is written by hand, in the spellings people use,
// not by the dialect: every quoting style, comments, odd spacing, and the
// features only the CREATE text holds.
var sqliteFeatureSchema = []string{
	`CREATE TABLE [Parent] ( -- a comment (with a parenthesis
		"id" INTEGER CONSTRAINT "pk Parent" PRIMARY KEY AUTOINCREMENT,
		code VARCHAR(10) COLLATE nocase NOT NULL CONSTRAINT uq_code UNIQUE,
		status VARCHAR(9) CHECK ("status" IN ('new', 'it''s done')) DEFAULT 'new',
		kind varchar(20) CHECK (kind IN ('a', 'b')),
		qty INT DEFAULT -5 CHECK (qty > 0) CONSTRAINT ck_qty_small CHECK (qty < 1000),
		price NUMERIC(10, 2) DEFAULT 1.5,
		flag BOOLEAN DEFAULT TRUE,
		created TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),
		data BLOB DEFAULT X'00ff',
		twice BIGINT GENERATED ALWAYS AS ((id * 2)) STORED,
		/* comment, with a comma */ label TEXT AS (code || ',' || ')') VIRTUAL,
		CONSTRAINT "ck ""range""" CHECK ((qty BETWEEN -10 AND (10 * 100)) OR qty IS NULL)
	)`,
	"CREATE TABLE `child` (" +
		"a INT NOT NULL, b INT NOT NULL, `p id` INTEGER, p_code VARCHAR(10), x INT, " +
		"CONSTRAINT pk_child PRIMARY KEY (b, a), " +
		"UNIQUE (b, a), " +
		"UNIQUE (x COLLATE NOCASE, a), " +
		"CONSTRAINT fk_parent FOREIGN KEY (`p id`) REFERENCES parent ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED, " +
		"FOREIGN KEY (p_code, x) REFERENCES PARENT (CODE, qty) MATCH SIMPLE ON DELETE NO ACTION NOT DEFERRABLE" +
		") WITHOUT ROWID",
	`CREATE TABLE 'quoted''s' (k INTEGER PRIMARY KEY, r INT REFERENCES "child" (a) DEFERRABLE, s TEXT COLLATE RTRIM)`,
	`CREATE TABLE auto2 (id INTEGER NOT NULL, v TEXT, PRIMARY KEY (id AUTOINCREMENT))`,
	`CREATE INDEX "ix expr" ON child ((a + 1) DESC, b, lower("p_code") COLLATE NOCASE) WHERE (x > 0 AND p_code <> 'a,b)')`,
	`CREATE UNIQUE INDEX ix_code_desc ON [Parent] (code DESC, qty)`,
	`CREATE INDEX ix_coll ON "quoted's" (s COLLATE NOCASE, s)`,
	`CREATE VIEW "v ""1""" (n) AS SELECT code FROM parent WHERE code <> 'AS'`,
	`CREATE VIRTUAL TABLE docs USING fts5(body)`,
}

// TestSQLiteInspectFeatures: columns declared INT stay INT (a raw type):
// SQLite keeps the spelling, and INT, unlike INTEGER, makes no rowid alias.
func TestSQLiteInspectFeatures(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	execAll(ctx, t, db, sqliteFeatureSchema...)
	got := inspectDB(ctx, t, db, inspect.Options{})

	want := &model.MetaData{
		Tables: []*model.Table{
			{
				Name: "Parent",
				Columns: []*model.Column{
					{Name: "id", Type: model.Integer, AutoIncrement: true, Nullable: true},
					{Name: "code", Type: model.Varchar(10), Collation: "nocase"},
					{Name: "status", Type: model.Type{Kind: model.KindEnum, Values: []string{"new", "it's done"}}, Nullable: true, Default: model.DefaultLiteral("new")},
					{Name: "kind", Type: model.Varchar(20), Nullable: true},
					{Name: "qty", Type: model.Raw("INT"), Nullable: true, Default: model.DefaultLiteral(int64(-5))},
					{Name: "price", Type: model.Numeric(10, 2), Nullable: true, Default: model.DefaultLiteral(1.5)},
					{Name: "flag", Type: model.Boolean, Nullable: true, Default: model.DefaultLiteral(true)},
					{Name: "created", Type: model.Timestamp, Nullable: true, Default: model.DefaultExpr("CURRENT_TIMESTAMP")},
					{Name: "data", Type: model.Blob, Nullable: true, Default: model.DefaultExpr("X'00ff'")},
					{Name: "twice", Type: model.BigInt, Nullable: true, Generated: &model.Generated{Expr: "(id * 2)", Stored: true}},
					{Name: "label", Type: model.Text, Nullable: true, Generated: &model.Generated{Expr: "code || ',' || ')'"}},
				},
				PrimaryKey: &model.PrimaryKey{Name: "pk Parent", Columns: []string{"id"}},
				Uniques:    []*model.Unique{{Name: "uq_code", Columns: []string{"code"}}},
				Checks: []*model.Check{
					{Expr: "kind IN ('a', 'b')"},
					{Expr: "qty > 0"},
					{Name: `ck "range"`, Expr: "(qty BETWEEN -10 AND (10 * 100)) OR qty IS NULL"},
					{Name: "ck_qty_small", Expr: "qty < 1000"},
				},
				Indexes: []*model.Index{{Name: "ix_code_desc", Unique: true, Parts: []model.IndexPart{{Column: "code", Desc: true}, {Column: "qty"}}}},
			},
			{
				Name: "auto2",
				Columns: []*model.Column{
					{Name: "id", Type: model.Integer, AutoIncrement: true},
					{Name: "v", Type: model.Text, Nullable: true},
				},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
			},
			{
				Name:         "child",
				WithoutRowID: true,
				Columns: []*model.Column{
					{Name: "a", Type: model.Raw("INT")},
					{Name: "b", Type: model.Raw("INT")},
					{Name: "p id", Type: model.Integer, Nullable: true},
					{Name: "p_code", Type: model.Varchar(10), Nullable: true},
					{Name: "x", Type: model.Raw("INT"), Nullable: true},
				},
				PrimaryKey: &model.PrimaryKey{Name: "pk_child", Columns: []string{"b", "a"}},
				// UNIQUE (b, a) repeats the primary key: SQLite makes no index
				// for it, yet it is declared and reported.
				Uniques: []*model.Unique{{Columns: []string{"b", "a"}}, {Columns: []string{"x", "a"}}},
				ForeignKeys: []*model.ForeignKey{
					{Columns: []string{"p_code", "x"}, RefTable: "Parent", RefColumns: []string{"code", "qty"}},
					{Name: "fk_parent", Columns: []string{"p id"}, RefTable: "Parent", RefColumns: []string{"id"},
						OnDelete: model.Cascade, OnUpdate: model.SetNull, Deferrable: true, InitiallyDeferred: true},
				},
				Indexes: []*model.Index{{
					Name:  "ix expr",
					Parts: []model.IndexPart{{Expr: "a + 1", Desc: true}, {Column: "b"}, {Expr: `lower("p_code") COLLATE NOCASE`}},
					Where: "(x > 0 AND p_code <> 'a,b)')",
				}},
			},
			{
				Name: "quoted's",
				Columns: []*model.Column{
					{Name: "k", Type: model.Integer, Nullable: true},
					{Name: "r", Type: model.Raw("INT"), Nullable: true},
					{Name: "s", Type: model.Text, Nullable: true, Collation: "RTRIM"},
				},
				PrimaryKey:  &model.PrimaryKey{Columns: []string{"k"}},
				ForeignKeys: []*model.ForeignKey{{Columns: []string{"r"}, RefTable: "child", RefColumns: []string{"a"}, Deferrable: true}},
				Indexes:     []*model.Index{{Name: "ix_coll", Parts: []model.IndexPart{{Column: "s", Collation: "NOCASE"}, {Column: "s"}}}},
			},
		},
		Views: []*model.View{{Name: `v "1"`, Definition: "SELECT code FROM parent WHERE code <> 'AS'", Columns: []string{"n"}}},
		// The virtual table is kept as written; its shadow tables are not tables of the model.
		Definitions: []*model.Definition{{Kind: model.DefVirtualTable, Name: "docs", SQL: "CREATE VIRTUAL TABLE docs USING fts5(body)"}},
	}
	if diff := modeltest.Diff(want, got); diff != "" {
		t.Fatalf("inspected schema differs:\n%s", diff)
	}
	// Diff matches objects by name; unnamed checks and uniques are
	// compared exactly, in order, through their JSON.
	if w, g := jsonText(t, want), jsonText(t, got); w != g {
		t.Fatalf("inspected schema differs:\nwant %s\ngot  %s", w, g)
	}
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSQLiteInspectFilters checks include/exclude globs (case sensitive,
// with GLOB metacharacters in names taken literally) and attached
// databases as schemas.
func TestSQLiteInspectFilters(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	// One connection, so that the attached database is seen by every query.
	db.SetMaxOpenConns(1)
	other := filepath.Join(t.TempDir(), "other.db")
	execAll(ctx, t, db,
		`CREATE TABLE users (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE Users_archive (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE "a[1]" (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE a1 (id INTEGER PRIMARY KEY, u INT REFERENCES users (id))`,
		`CREATE INDEX ix_a1_u ON a1 (u)`,
		`CREATE VIEW users_v AS SELECT id FROM users`,
		`ATTACH DATABASE '`+other+`' AS aux`,
		`CREATE TABLE aux.items (id INTEGER PRIMARY KEY, parent INT REFERENCES items (id))`,
		`CREATE INDEX aux.ix_items_parent ON items (parent)`,
		`CREATE TEMP TABLE scratch (id INTEGER PRIMARY KEY, v TEXT)`,
	)
	names := func(md *model.MetaData) []string {
		var out []string
		for _, t := range md.Tables {
			out = append(out, t.QualifiedName())
		}
		for _, v := range md.Views {
			out = append(out, "view "+v.Name)
		}
		return out
	}
	for _, tc := range []struct {
		opts inspect.Options
		want []string
	}{
		{inspect.Options{}, []string{"Users_archive", "a1", "a[1]", "users", "view users_v"}},
		{inspect.Options{Include: []string{"users*"}}, []string{"users", "view users_v"}},
		{inspect.Options{Include: []string{"U*"}}, []string{"Users_archive"}},
		{inspect.Options{Include: []string{"a[1]"}}, []string{"a[1]"}},
		{inspect.Options{Include: []string{"a?"}}, []string{"a1"}},
		{inspect.Options{Exclude: []string{"*s*", "a?"}}, []string{"a[1]"}},
		{inspect.Options{Schemas: []string{"aux"}}, []string{"aux.items"}},
		{inspect.Options{Schemas: []string{"main", "aux"}, Include: []string{"items", "a1"}}, []string{"a1", "aux.items"}},
		{inspect.Options{Schemas: []string{"temp"}}, []string{"temp.scratch"}},
		{inspect.Options{Schemas: []string{"*"}, Include: []string{"items", "a1"}}, []string{"a1", "aux.items"}},
		{inspect.Options{Schemas: []string{"a?x"}}, []string{"aux.items"}},
	} {
		got := inspectDB(ctx, t, db, tc.opts)
		if n := names(got); !slices.Equal(n, tc.want) {
			t.Errorf("%+v: got %q, want %q", tc.opts, n, tc.want)
		}
	}
	md := inspectDB(ctx, t, db, inspect.Options{Schemas: []string{"aux"}})
	items := md.Table("aux", "items")
	if items == nil || len(items.ForeignKeys) != 1 || items.ForeignKeys[0].RefTable != "items" || len(items.Indexes) != 1 {
		t.Fatalf("aux.items: got %+v", items)
	}
}

// TestSQLiteInspectOddities covers what SQLite accepts and people rarely
// write: foreign keys to missing tables, repeated foreign keys, untyped
// columns, keywords as names, STRICT and AS SELECT tables.
func TestSQLiteInspectOddities(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	execAll(ctx, t, db,
		`CREATE TABLE virtual (key, "value" DEFAULT NULL, n INTEGER DEFAULT (NULL))`,
		`CREATE TABLE f (
			a INT REFERENCES nowhere, b INT REFERENCES nowhere (x),
			c INT, FOREIGN KEY (c) REFERENCES virtual (key), CONSTRAINT again FOREIGN KEY (c) REFERENCES virtual (key) ON DELETE CASCADE
		) STRICT`,
		`CREATE TABLE copy AS SELECT key, "value" FROM virtual`,
		`CREATE INDEX ix_key ON virtual (key DESC)`,
	)
	got := inspectDB(ctx, t, db, inspect.Options{})
	want := &model.MetaData{Tables: []*model.Table{
		{Name: "copy", Columns: []*model.Column{
			{Name: "key", Type: model.Type{Kind: model.KindNone}, Nullable: true},
			{Name: "value", Type: model.Type{Kind: model.KindNone}, Nullable: true},
		}},
		{
			Name: "f",
			Columns: []*model.Column{
				{Name: "a", Type: model.Raw("INT"), Nullable: true},
				{Name: "b", Type: model.Raw("INT"), Nullable: true},
				{Name: "c", Type: model.Raw("INT"), Nullable: true},
			},
			ForeignKeys: []*model.ForeignKey{
				{Columns: []string{"a"}, RefTable: "nowhere"},
				{Columns: []string{"b"}, RefTable: "nowhere", RefColumns: []string{"x"}},
				{Columns: []string{"c"}, RefTable: "virtual", RefColumns: []string{"key"}},
				{Name: "again", Columns: []string{"c"}, RefTable: "virtual", RefColumns: []string{"key"}, OnDelete: model.Cascade},
			},
			Strict: true,
		},
		{
			Name: "virtual",
			Columns: []*model.Column{
				{Name: "key", Type: model.Type{Kind: model.KindNone}, Nullable: true},
				{Name: "value", Type: model.Type{Kind: model.KindNone}, Nullable: true},
				{Name: "n", Type: model.Integer, Nullable: true},
			},
			Indexes: []*model.Index{{Name: "ix_key", Parts: []model.IndexPart{{Column: "key", Desc: true}}}},
		},
	}}
	if w, g := jsonText(t, want), jsonText(t, got); w != g {
		t.Fatalf("inspected schema differs:\nwant %s\ngot  %s", w, g)
	}
}

// TestSQLiteVirtualTableWithoutModule reads a file made by an SQLite with
// FTS4, which this driver lacks ("no such module: fts4"): the virtual
// table is kept as written, its shadow tables are not user tables, and
// inspection does not stop. (The file is made as such a build makes it:
// the shadow tables as tables, the virtual table as a schema row.)
func TestSQLiteVirtualTableWithoutModule(t *testing.T) {
	ctx := context.Background()
	maker, tg := testdb.Open(t, "sqlite")
	maker.SetMaxOpenConns(1)
	const fts4 = "CREATE VIRTUAL TABLE docs USING fts4(title, body, tokenize=porter)"
	execAll(ctx, t, maker,
		`CREATE TABLE notes (id INTEGER PRIMARY KEY, doc INTEGER)`,
		`CREATE TABLE docs_content (docid INTEGER PRIMARY KEY, c0title, c1body)`,
		`CREATE TABLE docs_segments (blockid INTEGER PRIMARY KEY, block BLOB)`,
		`CREATE TABLE docs_segdir (level INTEGER, idx INTEGER, start_block INTEGER, leaves_end_block INTEGER, end_block INTEGER, root BLOB, PRIMARY KEY (level, idx))`,
		`CREATE TABLE docs_docsize (docid INTEGER PRIMARY KEY, size BLOB)`,
		`CREATE TABLE docs_stat (id INTEGER PRIMARY KEY, value BLOB)`,
		`PRAGMA writable_schema = ON`,
		`INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('table', 'docs', 'docs', 0, '`+fts4+`')`,
		`PRAGMA writable_schema = OFF`,
	)
	maker.Close()
	db, err := dialect.Open(ctx, tg.URL) // a new connection reads the new schema
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `SELECT * FROM docs`); err == nil || !strings.Contains(err.Error(), "no such module") {
		t.Fatalf("the driver has fts4 (%v); this test needs a module it lacks", err)
	}
	md := inspectDB(ctx, t, db, inspect.Options{})
	if len(md.Tables) != 1 || md.Tables[0].Name != "notes" {
		t.Errorf("tables: got %d (%v), want notes only", len(md.Tables), md.Tables)
	}
	want := []*model.Definition{{Kind: model.DefVirtualTable, Name: "docs", SQL: fts4}}
	if w, g := jsonText(t, want), jsonText(t, md.Definitions); w != g {
		t.Errorf("definitions:\nwant %s\ngot  %s", w, g)
	}
	stmts, err := dialect.CreateAllAsIs(db.Dialect, md)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(stmts, ";\n"); !strings.Contains(got, fts4) || strings.Contains(got, "docs_") {
		t.Errorf("DDL should create the virtual table and no shadow table:\n%s", got)
	}
}
