package autogen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestPropertyRegressions holds the failures TestProperty found, each
// minimised to a schema and its change, checked with the same properties
// (upgrade with rows, second compare empty, values kept, downgrades).
func TestPropertyRegressions(t *testing.T) {
	parent := func(name string, extra ...*model.Column) *model.Table {
		return &model.Table{Name: name, Columns: append([]*model.Column{{Name: "id", Type: model.BigInt}}, extra...),
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	}
	child := func(ref string, refCols ...string) *model.Table {
		t := &model.Table{Name: "child", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "ref", Type: model.BigInt, Nullable: true}, {Name: "n", Type: model.Integer}},
			PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
			ForeignKeys: []*model.ForeignKey{{Columns: []string{"ref"}, RefTable: ref, RefColumns: refCols}},
			Checks:      []*model.Check{{Expr: "n > 0"}},
		}
		return t
	}
	withUnique := func(t *model.Table, cols ...string) *model.Table {
		t.Uniques = append(t.Uniques, &model.Unique{Columns: cols})
		return t
	}
	schema := func(ts ...*model.Table) *model.MetaData {
		md := (&model.MetaData{}).AddTable(ts...)
		md.ApplyNaming()
		return md
	}
	withIndex := func(t *model.Table, cols ...string) *model.Table {
		t.Indexes = append(t.Indexes, &model.Index{Parts: model.Cols(cols...)})
		return t
	}
	// moods is a table with a column of an enum type and a view reading
	// it.
	moods := func() *model.MetaData {
		md := schema(&model.Table{Name: "m", Columns: []*model.Column{{Name: "id", Type: model.BigInt},
			{Name: "mood", Type: model.Enum("mood", "sad", "ok"), Nullable: true}}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}})
		md.Enums = []*model.EnumType{{Name: "mood", Values: []string{"sad", "ok"}}}
		md.Views = []*model.View{{Name: "m_moods", Definition: "SELECT id, mood FROM m"}}
		return md
	}
	// checked is a table whose check calls a function (PostgreSQL).
	checked := func() *model.MetaData {
		md := schema(&model.Table{Name: "c", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "n", Type: model.BigInt}},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}, Checks: []*model.Check{{Name: "ck_c_n", Expr: "fn_ok(n)"}}})
		md.Definitions = []*model.Definition{{Kind: model.DefFunction, Name: "fn_ok", Signature: "v bigint", Language: "sql",
			SQL: "CREATE FUNCTION fn_ok(v bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v > -100000 $$"}}
		return md
	}
	// routines holds a MySQL function and procedure with string
	// parameters written without a character set.
	routines := func() *model.MetaData {
		md := schema(parent("p"))
		md.Definitions = []*model.Definition{
			{Kind: model.DefFunction, Name: "fn_s", SQL: "CREATE FUNCTION fn_s(v varchar(20)) RETURNS varchar(40) DETERMINISTIC\nBEGIN\n\tDECLARE s varchar(10) DEFAULT 'it''s';\n\tRETURN CONCAT(v, s);\nEND"},
			{Kind: model.DefProcedure, Name: "pr_s", SQL: "CREATE PROCEDURE pr_s(IN a text, OUT b varchar(20))\nBEGIN\n\tSET b = CONCAT('n=', a);\nEND"},
		}
		return md
	}
	tests := []struct {
		name   string
		before *model.MetaData
		after  func(md *model.MetaData, quote func(string) string)
		// needs, when set, says whether the database has what the case
		// needs.
		needs func(c dialect.Capabilities) bool
	}{
		// SQLite: the rebuild of a table restated its foreign key to a
		// table renamed just before (a stale CopyFrom).
		{"rebuild after the referenced table is renamed", schema(parent("p"), child("p", "id")), func(md *model.MetaData, _ func(string) string) {
			p := md.Table("", "p")
			p.RenamedFrom, p.Name = "p", "p2"
			c := md.Table("", "child")
			c.ForeignKeys[0].RefTable = "p2"
			c.Checks = nil
		}, nil},
		// SQLite: a column renamed inside a rebuild left the foreign keys
		// of other tables pointing at the old name.
		{"rename a referenced column of a rebuilt table", schema(withUnique(parent("p", &model.Column{Name: "code", Type: model.BigInt, Nullable: true}), "code"), child("p", "code")),
			func(md *model.MetaData, _ func(string) string) {
				code := md.Table("", "p").Column("code")
				code.RenamedFrom, code.Name, code.Nullable = "code", "code2", false
				md.Table("", "p").Uniques[0].Columns = []string{"code2"}
				md.Table("", "child").ForeignKeys[0].RefColumns = []string{"code2"}
			}, nil},
		// SQLite, MySQL: a column renamed to a name with capitals kept them
		// in the expressions that use it, where the model has them folded:
		// the check and the generated column were dropped and added again.
		{"rename a column expressions use", schema(&model.Table{Name: "e", Columns: []*model.Column{
			{Name: "id", Type: model.BigInt}, {Name: "n", Type: model.Integer},
			{Name: "g", Type: model.BigInt, Nullable: true, Generated: &model.Generated{Expr: "n * 2", Stored: true}},
			{Name: "last", Type: model.Integer, Nullable: true}},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}, Checks: []*model.Check{{Name: "ck_e_n", Expr: "n > 0"}}}),
			func(md *model.MetaData, quote func(string) string) {
				e := md.Table("", "e")
				e.Columns[1].RenamedFrom, e.Columns[1].Name = "n", "Mixed N"
				e.Columns[2].Generated.Expr = quote("Mixed N") + " * 2"
				e.Checks[0].Expr = quote("Mixed N") + " > 0"
			}, nil},
		// MySQL: dropping a foreign key left InnoDB's own index on its
		// column, which the next compare dropped.
		{"drop a foreign key", schema(parent("p"), child("p", "id")), func(md *model.MetaData, _ func(string) string) {
			md.Table("", "child").ForeignKeys = nil
		}, nil},
		// MySQL: InnoDB refused to drop the only index a foreign key can
		// use, and dropped its own index for the key when one that can
		// serve was created, so that the downgrade was refused.
		{"drop an index that serves a foreign key", schema(parent("p"), withIndex(child("p", "id"), "ref", "n")), func(md *model.MetaData, _ func(string) string) {
			md.Table("", "child").Indexes = nil
		}, nil},
		{"create an index that serves a foreign key", schema(parent("p"), child("p", "id")), func(md *model.MetaData, _ func(string) string) {
			withIndex(md.Table("", "child"), "ref", "n")
		}, nil},
		// PostgreSQL: the downgrade of an added enum value creates the
		// type again, which a view reading a column of it refused.
		{"add an enum value under a view", moods(), func(md *model.MetaData, _ func(string) string) {
			md.Enums[0].Values = append(md.Enums[0].Values, "happy")
			md.Table("", "m").Columns[1].Type = model.Enum("mood", md.Enums[0].Values...)
		}, func(c dialect.Capabilities) bool { return c.NamedEnumTypes }},
		// PostgreSQL: a function a check calls was dropped and created
		// again, which the server refused.
		{"replace a function a check calls", checked(), func(md *model.MetaData, _ func(string) string) {
			md.Definitions[0].SQL = strings.Replace(md.Definitions[0].SQL, "-100000", "-200000", 1)
		}, func(c dialect.Capabilities) bool { return c.Syntax.DollarQuotes }},
		// MariaDB: string parameters written without a character set
		// read back with the database's, and were replaced every time.
		{"routines with string parameters", routines(), func(md *model.MetaData, _ func(string) string) {
			md.Definitions[0].SQL = strings.Replace(md.Definitions[0].SQL, "CONCAT(v, s)", "CONCAT(s, v)", 1)
		}, func(c dialect.Capabilities) bool { return c.Syntax.DelimiterCommand }},
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			for _, tc := range tests {
				if tc.needs != nil && !tc.needs(db.Dialect.Capabilities()) {
					continue
				}
				before := tc.before
				after := before.Clone()
				tc.after(after, func(name string) string {
					q, err := db.Dialect.QuoteIdent(name)
					if err != nil {
						t.Fatal(err)
					}
					return q
				})
				after.ApplyNaming()
				p := &propCase{t: t, db: db, d: db.Dialect, label: name + ": " + tc.name}
				ctx := context.Background()
				p.check(ctx, p.inspect(ctx), before, after, schemagen.Kept(before, after))
			}
		})
	}
}
