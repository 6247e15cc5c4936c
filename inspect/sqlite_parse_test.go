package inspect

import (
	"reflect"
	"slices"
	"testing"

	"github.com/migratego/migrate/model"
)

func TestSQLiteLex(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []string // kind:value
	}{
		{`a "b""c" ` + "`d``e`" + ` [f"g] 'h''i'`, []string{"w:a", "i:b\"c", "i:d`e", "i:f\"g", "s:h'i"}},
		{"x -- comment ( ' \n y /* ) ' */ z", []string{"w:x", "w:y", "w:z"}},
		{"1.5e-3 0x1F .5 1-2", []string{"n:1.5e-3", "n:0x1F", "n:.5", "n:1", "p:-", "n:2"}},
		{"ünï名 $x_1", []string{"w:ünï名", "w:$x_1"}},
		{"'unterminated", []string{"s:unterminated"}},
		{`"open`, []string{"i:open"}},
		{"[open", []string{"i:open"}},
		{"/* open", nil},
		{"a(b,c)", []string{"w:a", "p:(", "w:b", "p:,", "w:c", "p:)"}},
	} {
		var got []string
		for _, tok := range sqliteLex(tc.src) {
			got = append(got, string("wisnp"[tok.Kind])+":"+tok.Val)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("sqliteLex(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

func TestParseCreateTable(t *testing.T) {
	src := `CREATE TABLE IF NOT EXISTS "main"."t" (
		id INTEGER CONSTRAINT pk PRIMARY KEY DESC ON CONFLICT REPLACE AUTOINCREMENT,
		"a" VARCHAR ( 10 ) NOT NULL DEFAULT (('x')) COLLATE "NoCase" CONSTRAINT u1 UNIQUE ON CONFLICT ignore CHECK (a <> ')'),
		b DOUBLE PRECISION REFERENCES other ON DELETE SET DEFAULT NOT NULL DEFAULT -1,
		c TEXT DEFAULT x'00' COLLATE binary,
		g INT GENERATED ALWAYS AS (id + (2 * 3)) VIRTUAL,
		CONSTRAINT [fk two] FOREIGN KEY (a, "B") REFERENCES other (x, y) ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED,
		UNIQUE (b COLLATE nocase DESC, c) ON CONFLICT REPLACE,
		UNIQUE (c, g),
		CHECK (b > 0)
	) WITHOUT ROWID, STRICT`
	ct, ok := parseCreateTable(src)
	if !ok {
		t.Fatal("not parsed")
	}
	want := &createTable{
		Columns: []*createColumn{
			{Name: "id", AutoIncrement: true},
			{Name: "a", Collation: "NoCase"},
			{Name: "b"},
			{Name: "c", Collation: "binary"},
			{Name: "g", Generated: "id + (2 * 3)", HasGenerated: true},
		},
		PKName:  "pk",
		Uniques: []createUnique{{Name: "u1", Columns: []string{"a"}, OnConflict: "IGNORE"}, {Columns: []string{"b", "c"}, OnConflict: "REPLACE"}, {Columns: []string{"c", "g"}}},
		Checks:  []createCheck{{Expr: "a <> ')'", Column: "a"}, {Expr: "b > 0"}},
		FKs: []createFK{
			{Columns: []string{"b"}, RefTable: "other", OnDelete: "SET DEFAULT"},
			{Name: "fk two", Columns: []string{"a", "B"}, RefTable: "other", RefColumns: []string{"x", "y"}, Deferrable: true, InitiallyDeferred: true, OnUpdate: "NO ACTION"},
		},
		WithoutRowID: true,
		Strict:       true,
	}
	for i := range ct.Checks {
		ct.Checks[i].Toks = nil
	}
	if !reflect.DeepEqual(ct, want) {
		t.Errorf("parseCreateTable:\ngot  %+v\nwant %+v", ct, want)
	}
	if ct, ok := parseCreateTable("CREATE TABLE virtual (as_ INT)"); !ok || len(ct.Columns) != 1 {
		t.Errorf("a table named virtual: got %+v, %v", ct, ok)
	}
	for _, src := range []string{"CREATE VIRTUAL TABLE v USING fts5(a)", "CREATE TABLE x AS SELECT 1", "garbage"} {
		if _, ok := parseCreateTable(src); ok {
			t.Errorf("parseCreateTable(%q): ok, want not ok", src)
		}
	}
}

func TestParseCreateIndex(t *testing.T) {
	ix, ok := parseCreateIndex(`CREATE UNIQUE INDEX "on" ON "t(" ( ((a + 1)) DESC, b COLLATE x ASC, "c" , lower(d) COLLATE nocase ) WHERE a IN (1, 2) -- c`)
	if !ok {
		t.Fatal("not parsed")
	}
	want := &createIndex{Keys: []string{"(a + 1)", "b COLLATE x", `"c"`, "lower(d) COLLATE nocase"}, Where: "a IN (1, 2)", Unique: true}
	if !reflect.DeepEqual(ix, want) {
		t.Errorf("parseCreateIndex: got %+v, want %+v", ix, want)
	}
}

func TestParseCreateIndexColumns(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want []indexColumn
	}{
		{`CREATE INDEX i ON t (a)`, []indexColumn{{Name: "a"}}},
		{`CREATE INDEX i ON t ("a b" DESC, [c] COLLATE "NoCase" ASC, d COLLATE rtrim)`, []indexColumn{
			{Name: "a b", Desc: true}, {Name: "c", Collation: "NoCase", HasCollate: true}, {Name: "d", Collation: "rtrim", HasCollate: true},
		}},
		{`CREATE INDEX i ON t (a) WHERE a > 0`, []indexColumn{{Name: "a"}}},
		{`CREATE INDEX i ON t (a) garbage`, nil},
		{`CREATE INDEX i ON t (a) WHERE`, nil},
		{`CREATE INDEX i ON t (a, 'b')`, nil},
		{`CREATE INDEX i ON t ((a))`, nil},
		{`CREATE INDEX i ON t (a + 1)`, nil},
		{`CREATE INDEX i ON t (a COLLATE x COLLATE y)`, nil},
		{`CREATE INDEX i ON t (a DESC DESC)`, nil},
		{`CREATE INDEX i ON t (a`, nil},
	} {
		ix, ok := parseCreateIndex(tc.src)
		if !ok {
			t.Errorf("%s: not parsed", tc.src)
			continue
		}
		if !reflect.DeepEqual(ix.Columns, tc.want) {
			t.Errorf("%s: columns %+v, want %+v", tc.src, ix.Columns, tc.want)
		}
	}
}

func TestParseCreateView(t *testing.T) {
	for _, c := range []struct {
		src, def string
		columns  []string
	}{
		{`CREATE VIEW v AS SELECT 1`, "SELECT 1", nil},
		{`CREATE TEMP VIEW IF NOT EXISTS "as" (a, "as") AS  SELECT 'AS' AS x`, "SELECT 'AS' AS x", []string{"a", "as"}},
		{"CREATE VIEW [v] AS\n\tWITH c AS (SELECT 1) SELECT * FROM c", "WITH c AS (SELECT 1) SELECT * FROM c", nil},
		{"CREATE VIEW v([first name], `b``q`) AS SELECT (1), 2", "SELECT (1), 2", []string{"first name", "b`q"}},
	} {
		def, columns, ok := parseCreateView(c.src)
		if !ok || def != c.def || !slices.Equal(columns, c.columns) {
			t.Errorf("parseCreateView(%q) = %q, %q, %v; want %q, %q", c.src, def, columns, ok, c.def, c.columns)
		}
	}
}

func TestParseSQLiteDefault(t *testing.T) {
	for src, want := range map[string]*model.Default{
		"'it''s'":           model.DefaultLiteral("it's"),
		"''":                model.DefaultLiteral(""),
		"-5":                model.DefaultLiteral(int64(-5)),
		"+7":                model.DefaultLiteral(int64(7)),
		"2.0":               model.DefaultLiteral(2.0),
		"-1.5e3":            model.DefaultLiteral(-1500.0),
		"TRUE":              model.DefaultLiteral(true),
		"false":             model.DefaultLiteral(false),
		"NULL":              nil,
		"CURRENT_TIMESTAMP": model.DefaultExpr("CURRENT_TIMESTAMP"),
		"X'00'":             model.DefaultExpr("X'00'"),
		"0x10":              model.DefaultExpr("0x10"),
		"'a' || 'b'":        model.DefaultExpr("'a' || 'b'"),
		"1 + 1":             model.DefaultExpr("1 + 1"),
	} {
		if got := parseSQLiteDefault(src); !reflect.DeepEqual(got, want) {
			t.Errorf("parseSQLiteDefault(%q) = %#v, want %#v", src, got, want)
		}
	}
}

// FuzzSQLiteCreateText checks that the CREATE-text readers never panic
// and that tokens stay inside the text, whatever the input.
func FuzzSQLiteCreateText(f *testing.F) {
	for _, s := range []string{
		`CREATE TABLE t (a INT PRIMARY KEY, b TEXT COLLATE nocase CHECK (b <> ''), FOREIGN KEY (a) REFERENCES t (a) DEFERRABLE INITIALLY DEFERRED)`,
		`CREATE TABLE "x""y" ([a] INT AS ((1)) STORED, CONSTRAINT c UNIQUE (a)) WITHOUT ROWID`,
		`CREATE INDEX i ON t ((a + 1) DESC, b COLLATE x) WHERE a > 0`,
		`CREATE VIEW v (a) AS SELECT 1`,
		`CREATE TABLE t (a DEFAULT x'00' REFERENCES`,
		`CREATE TABLE t (CONSTRAINT`,
		`CREATE TABLE t (a, PRIMARY KEY (`,
		`CREATE INDEX i ON t (`,
		"'\"`[/*--",
		"((((",
		"))))",
		"1e+", "- 1", "0x", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := sqliteLex(s)
		last := 0
		for _, tok := range toks {
			if tok.Pos < last || tok.End <= tok.Pos || tok.End > len(s) {
				t.Fatalf("token %+v out of order or bounds (len %d)", tok, len(s))
			}
			last = tok.End
		}
		if ct, ok := parseCreateTable(s); ok {
			for _, ck := range ct.Checks {
				c := &model.Column{Name: ck.Column, Type: model.Varchar(3)}
				sqliteEnumColumn(c, ck)
			}
		}
		parseCreateIndex(s)
		parseCreateView(s)
		parseSQLiteDefault(s)
	})
}
