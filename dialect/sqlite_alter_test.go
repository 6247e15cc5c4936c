package dialect

import (
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

func TestSQLiteAlterStatements(t *testing.T) {
	d := SQLite().(*sqliteDialect)
	tbl := &model.Table{Name: "users"}
	attached := &model.Table{Schema: "aux", Name: "users"}
	autoKey := &model.Table{Name: "keys", Columns: []*model.Column{{Name: "id", Type: model.Integer, AutoIncrement: true}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	one := func(s []string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		if len(s) != 1 {
			t.Fatalf("want one statement, got %q", s)
		}
		return s[0]
	}
	cases := []struct{ got, want string }{
		{one(d.RenameTable(tbl, "people")), `ALTER TABLE "users" RENAME TO "people"`},
		{one(d.RenameTable(attached, "people")), `ALTER TABLE "aux"."users" RENAME TO "people"`},
		{one(d.AddColumn(tbl, &model.Column{Name: "age", Type: model.Integer, Nullable: true})), `ALTER TABLE "users" ADD COLUMN "age" INTEGER`},
		{one(d.AddColumn(tbl, &model.Column{Name: "n", Type: model.Integer, Default: model.DefaultLiteral(int64(1))})),
			`ALTER TABLE "users" ADD COLUMN "n" INTEGER NOT NULL DEFAULT 1`},
		{one(d.AddColumn(tbl, &model.Column{Name: "n", Type: model.Integer, Default: model.DefaultExpr("-1")})),
			`ALTER TABLE "users" ADD COLUMN "n" INTEGER NOT NULL DEFAULT (-1)`},
		{one(d.AddColumn(tbl, &model.Column{Name: "mood", Type: model.Enum("", "ok", "sad"), Nullable: true})),
			`ALTER TABLE "users" ADD COLUMN "mood" VARCHAR(3) CHECK ("mood" IN ('ok', 'sad'))`},
		{one(d.AddColumn(tbl, &model.Column{Name: "v", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "age * 2"}})),
			`ALTER TABLE "users" ADD COLUMN "v" INTEGER GENERATED ALWAYS AS (age * 2) VIRTUAL`},
		{one(d.DropColumn(tbl, &model.Column{Name: "age"})), `ALTER TABLE "users" DROP COLUMN "age"`},
		{one(d.RenameColumn(tbl, "age", "years")), `ALTER TABLE "users" RENAME COLUMN "age" TO "years"`},
		{one(d.AlterColumn(tbl, ColumnChange{From: &model.Column{Name: "a", Type: model.Integer}, To: &model.Column{Name: "b", Type: model.Integer}})),
			`ALTER TABLE "users" RENAME COLUMN "a" TO "b"`},
		// The autoincrement key is INTEGER PRIMARY KEY whatever integer
		// type the model names: renaming a BigInt one is only a rename.
		{one(d.AlterColumn(autoKey, ColumnChange{From: &model.Column{Name: "id", Type: model.Integer, AutoIncrement: true},
			To: &model.Column{Name: "key", Type: model.BigInt, AutoIncrement: true}})),
			`ALTER TABLE "keys" RENAME COLUMN "id" TO "key"`},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got  %s\nwant %s", tc.got, tc.want)
		}
	}
	if _, err := d.AlterColumn(tbl, ColumnChange{From: &model.Column{Name: "id", Type: model.Integer},
		To: &model.Column{Name: "key", Type: model.BigInt}}); err == nil {
		t.Errorf("INTEGER to BIGINT on a column that is not the autoincrement key: no error, want a rebuild")
	}
	if s, err := d.AlterColumn(tbl, ColumnChange{From: &model.Column{Name: "a", Type: model.Integer}, To: &model.Column{Name: "a", Type: model.Raw("integer")}}); err != nil || len(s) != 0 {
		t.Errorf("an unchanged column: %q, %v; want no statements", s, err)
	}
}

func TestSQLiteAlterRefusals(t *testing.T) {
	d := SQLite().(*sqliteDialect)
	old := &sqliteDialect{version: 3_024_000}
	tbl := &model.Table{Name: "t"}
	full := &model.Table{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer}, {Name: "email", Type: model.Text}, {Name: "a", Type: model.Integer},
			{Name: "b", Type: model.Integer}, {Name: "c", Type: model.Integer}, {Name: "g", Type: model.Integer, Generated: &model.Generated{Expr: "c + 1"}},
			{Name: "p", Type: model.Integer}, {Name: "free", Type: model.Integer},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:     []*model.Unique{{Name: "uq", Columns: []string{"email"}}},
		Indexes:     []*model.Index{{Name: "ix", Parts: model.Cols("a")}, {Name: "ix_p", Parts: []model.IndexPart{{Expr: "lower(p)"}}}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk", Columns: []string{"b"}, RefTable: "o", RefColumns: []string{"id"}}},
		Checks:      []*model.Check{{Name: "ck", Expr: `"C" > 0`}},
	}
	un := func(name string, err error, feature string) {
		t.Helper()
		var ue *UnsupportedError
		if !errors.As(err, &ue) {
			t.Errorf("%s: err = %v, want an UnsupportedError", name, err)
			return
		}
		if !strings.Contains(ue.Feature, feature) {
			t.Errorf("%s: feature %q, want it to mention %q", name, ue.Feature, feature)
		}
		if !strings.Contains(ue.Hint, "needs a batch rebuild") && !strings.Contains(ue.Hint, "no comments") && !strings.Contains(ue.Hint, "enum") && !strings.Contains(ue.Hint, "sequences") && !strings.Contains(ue.Hint, "affinity") {
			t.Errorf("%s: hint %q", name, ue.Hint)
		}
	}
	col := func(c model.Column) *model.Column { return &c }
	_, err := d.AddColumn(tbl, col(model.Column{Name: "x", Type: model.Integer}))
	un("NOT NULL without default", err, "NOT NULL")
	_, err = d.AddColumn(tbl, col(model.Column{Name: "x", Type: model.Integer, Default: model.DefaultLiteral(nil)}))
	un("NOT NULL with NULL default", err, "NOT NULL")
	_, err = d.AddColumn(tbl, col(model.Column{Name: "x", Type: model.Text, Nullable: true, Default: model.DefaultExpr("CURRENT_TIMESTAMP")}))
	un("expression default", err, "expression")
	_, err = d.AddColumn(tbl, col(model.Column{Name: "x", Type: model.Integer, Nullable: true, Default: model.DefaultExpr("1 + 1")}))
	un("expression default", err, "expression")
	_, err = d.AddColumn(tbl, col(model.Column{Name: "x", Type: model.Integer, AutoIncrement: true}))
	un("autoincrement", err, "AUTOINCREMENT")
	_, err = d.AddColumn(&model.Table{Name: "t", PrimaryKey: &model.PrimaryKey{Columns: []string{"x"}}}, col(model.Column{Name: "x", Type: model.Integer, Nullable: true}))
	un("primary key", err, "primary key")
	_, err = d.AddColumn(tbl, col(model.Column{Name: "x", Type: model.Integer, Nullable: true, Generated: &model.Generated{Expr: "1", Stored: true}}))
	un("stored", err, "STORED")

	for name, feature := range map[string]string{"id": "primary key", "email": "UNIQUE", "a": "indexed", "p": "indexed",
		"b": "foreign key", "c": "CHECK", "free": ""} {
		_, err := d.DropColumn(full, &model.Column{Name: name})
		if feature == "" {
			if err != nil {
				t.Errorf("drop %s: %v", name, err)
			}
			continue
		}
		un("drop "+name, err, feature)
	}
	gen := full.Clone()
	gen.Checks = nil
	_, err = d.DropColumn(gen, &model.Column{Name: "c"})
	un("drop generated source", err, "generated column")
	_, err = old.DropColumn(tbl, &model.Column{Name: "x"})
	un("old drop", err, "3.35")
	_, err = old.RenameColumn(tbl, "a", "b")
	un("old rename", err, "3.25")

	_, err = d.AlterColumn(tbl, ColumnChange{From: &model.Column{Name: "a", Type: model.Integer}, To: &model.Column{Name: "a", Type: model.BigInt, Nullable: true}})
	un("alter", err, "type, nullability")
	_, err = d.AlterColumn(tbl, ColumnChange{From: &model.Column{Name: "a", Type: model.Integer}, To: &model.Column{Name: "a", Type: model.BigInt}, Using: "a::bigint"})
	un("using", err, "USING")
	_, err = d.AddPrimaryKey(tbl, &model.PrimaryKey{Columns: []string{"a"}})
	un("add pk", err, "primary key")
	_, err = d.DropPrimaryKey(tbl, &model.PrimaryKey{})
	un("drop pk", err, "primary key")
	_, err = d.AddUnique(tbl, &model.Unique{Name: "u", Columns: []string{"a"}})
	un("add unique", err, "unique")
	_, err = d.DropUnique(tbl, &model.Unique{Name: "u"})
	un("drop unique", err, "unique")
	_, err = d.AddCheck(tbl, &model.Check{Name: "c", Expr: "a > 0"})
	un("add check", err, "check")
	_, err = d.DropCheck(tbl, &model.Check{Name: "c"})
	un("drop check", err, "check")
	_, err = d.SetTableComment(tbl, "x")
	un("comment", err, "comment")
	_, err = d.AddEnumValue(&model.EnumType{Name: "mood"}, "meh", "", "")
	un("enum value", err, "enum")
	_, err = d.RenameEnumValue(&model.EnumType{Name: "mood"}, "sad", "blue")
	un("enum rename", err, "enum")
	_, err = d.AlterSequence(&model.Sequence{Name: "s"}, &model.Sequence{Name: "s"})
	un("sequence", err, "sequence")
	if _, err := d.RenameTable(tbl, "sqlite_x"); err == nil {
		t.Error("renaming to a reserved name must fail")
	}
}

func TestSQLiteExprColumns(t *testing.T) {
	d := SQLite().(*sqliteDialect)
	cases := []struct {
		expr, col string
		mentions  bool
		renamed   string
	}{
		{"qty >= 0", "qty", true, `"n" >= 0`},
		{`"qty" > 0 AND [qty] < 9 AND ` + "`qty`" + ` <> 3`, "QTY", true, `"n" > 0 AND "n" < 9 AND "n" <> 3`},
		{"'qty' = note", "qty", false, "'qty' = note"},
		{"qty(x) > 0", "qty", false, "qty(x) > 0"},
		{"t.qty > 0", "qty", false, "t.qty > 0"},
		{"qty.x > 0", "qty", false, "qty.x > 0"},
		{"x'0A' = blob AND x > 1", "x", true, `x'0A' = blob AND "n" > 1`},
		{"a -- qty\n > 1 /* qty */", "qty", false, "a -- qty\n > 1 /* qty */"},
		{"lower (qty) IN ('a', 'b')", "qty", true, `lower ("n") IN ('a', 'b')`},
		{"CASE WHEN end_ THEN 1 END", "end", false, "CASE WHEN end_ THEN 1 END"},
		{"qty1 + 1e5 + qty", "qty", true, `qty1 + 1e5 + "n"`},
		{`"we""ird" > 0`, `we"ird`, true, `"n" > 0`},
	}
	for _, tc := range cases {
		if got := d.ExprMentionsColumn(tc.expr, tc.col); got != tc.mentions {
			t.Errorf("ExprMentionsColumn(%q, %q) = %v", tc.expr, tc.col, got)
		}
		got, err := d.RenameColumnsInExpr(tc.expr, map[string]string{tc.col: "n"})
		if err != nil || got != tc.renamed {
			t.Errorf("RenameColumnsInExpr(%q) = %q, %v; want %q", tc.expr, got, err, tc.renamed)
		}
	}
	swap, err := d.RenameColumnsInExpr("a < b", map[string]string{"a": "b", "b": "a"})
	if err != nil || swap != `"b" < "a"` {
		t.Errorf("swap = %q, %v", swap, err)
	}
}

func FuzzSQLiteExprColumns(f *testing.F) {
	for _, s := range []string{"qty >= 0", `"a""b" [c] 'd''e' x'00' -- f`, "/* unterminated", "[open", `"open`, "a.b(c)"} {
		f.Add(s)
	}
	d := SQLite().(*sqliteDialect)
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range sqliteColumnRefs(s) {
			if r.start < 0 || r.end > len(s) || r.start >= r.end {
				t.Fatalf("bad span %+v in %q", r, s)
			}
		}
		if _, err := d.RenameColumnsInExpr(s, map[string]string{"a": "b"}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSQLiteForeignKeySwitch(t *testing.T) {
	var sw ForeignKeySwitch = SQLite().(*sqliteDialect)
	if sw.SetForeignKeys(false) != "PRAGMA foreign_keys = OFF" || sw.SetForeignKeys(true) != "PRAGMA foreign_keys = ON" || sw.ForeignKeysQuery() != "PRAGMA foreign_keys" {
		t.Error("unexpected foreign-key statements")
	}
}

func TestSQLiteRebuildRefusals(t *testing.T) {
	d := SQLite().(*sqliteDialect)
	from := &model.Table{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Integer}}}
	cases := []struct {
		r    TableRebuild
		want string
	}{
		{TableRebuild{From: from}, "definitions are needed"},
		{TableRebuild{From: from, To: &model.Table{Name: "u", Columns: from.Columns}}, "cannot become"},
		{TableRebuild{From: from, To: &model.Table{Name: "t"}}, "no columns"},
		{TableRebuild{From: from, To: &model.Table{Name: "t", Columns: []*model.Column{{Name: "b", Type: model.Integer, Nullable: true}}}}, "keeps none of the old columns"},
		{TableRebuild{From: from, To: from, Sources: map[string]string{"a": "zz"}}, `comes from "zz"`},
		{TableRebuild{From: from, To: &model.Table{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Interval}}}, Sources: map[string]string{"a": "a"}}, "interval"},
	}
	for _, tc := range cases {
		if _, err := d.RebuildTable(tc.r); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("err = %v, want %q", err, tc.want)
		}
	}
}
