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
		after  func(*model.MetaData)
	}{
		// SQLite: the rebuild of a table restated its foreign key to a
		// table renamed just before (a stale CopyFrom).
		{"rebuild after the referenced table is renamed", schema(parent("p"), child("p", "id")), func(md *model.MetaData) {
			p := md.Table("", "p")
			p.RenamedFrom, p.Name = "p", "p2"
			c := md.Table("", "child")
			c.ForeignKeys[0].RefTable = "p2"
			c.Checks = nil
		}},
		// SQLite: a column renamed inside a rebuild left the foreign keys
		// of other tables pointing at the old name.
		{"rename a referenced column of a rebuilt table", schema(withUnique(parent("p", &model.Column{Name: "code", Type: model.BigInt, Nullable: true}), "code"), child("p", "code")),
			func(md *model.MetaData) {
				code := md.Table("", "p").Column("code")
				code.RenamedFrom, code.Name, code.Nullable = "code", "code2", false
				md.Table("", "p").Uniques[0].Columns = []string{"code2"}
				md.Table("", "child").ForeignKeys[0].RefColumns = []string{"code2"}
			}},
		// MySQL: dropping a foreign key left InnoDB's own index on its
		// column, which the next compare dropped.
		{"drop a foreign key", schema(parent("p"), child("p", "id")), func(md *model.MetaData) {
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
				tc.after(after)
				after.ApplyNaming()
				p := &propCase{t: t, db: db, d: db.Dialect, label: name + ": " + tc.name}
				ctx := context.Background()
				p.check(ctx, p.inspect(ctx), before, after, schemagen.Kept(before, after))
			}
		})
	}
}
