package autogen_test

import (
	"context"
	"testing"

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
	tests := []struct {
		name   string
		before *model.MetaData
		after  func(md *model.MetaData, quote func(string) string)
	}{
		// SQLite: the rebuild of a table restated its foreign key to a
		// table renamed just before (a stale CopyFrom).
		{"rebuild after the referenced table is renamed", schema(parent("p"), child("p", "id")), func(md *model.MetaData, _ func(string) string) {
			p := md.Table("", "p")
			p.RenamedFrom, p.Name = "p", "p2"
			c := md.Table("", "child")
			c.ForeignKeys[0].RefTable = "p2"
			c.Checks = nil
		}},
		// SQLite: a column renamed inside a rebuild left the foreign keys
		// of other tables pointing at the old name.
		{"rename a referenced column of a rebuilt table", schema(withUnique(parent("p", &model.Column{Name: "code", Type: model.BigInt, Nullable: true}), "code"), child("p", "code")),
			func(md *model.MetaData, _ func(string) string) {
				code := md.Table("", "p").Column("code")
				code.RenamedFrom, code.Name, code.Nullable = "code", "code2", false
				md.Table("", "p").Uniques[0].Columns = []string{"code2"}
				md.Table("", "child").ForeignKeys[0].RefColumns = []string{"code2"}
			}},
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
			}},
		// MySQL: dropping a foreign key left InnoDB's own index on its
		// column, which the next compare dropped.
		{"drop a foreign key", schema(parent("p"), child("p", "id")), func(md *model.MetaData, _ func(string) string) {
			md.Table("", "child").ForeignKeys = nil
		}},
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			for _, tc := range tests {
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
