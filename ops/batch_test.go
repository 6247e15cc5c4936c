package ops

import (
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// batchModel is the schema the rebuild tests start from: a parent table
// and an items table with every kind of constraint and index.
func batchModel() *model.MetaData {
	parent := &model.Table{
		Name: "parent",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			{Name: "code", Type: model.Varchar(10)},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_parent", Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Name: "uq_parent_code", Columns: []string{"code"}}},
	}
	items := &model.Table{
		Name: "items",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer, AutoIncrement: true},
			{Name: "name", Type: model.Varchar(20)},
			{Name: "qty", Type: model.Integer, Nullable: true, Default: model.DefaultLiteral(int64(0))},
			{Name: "price", Type: model.Numeric(10, 2), Nullable: true},
			{Name: "parent_id", Type: model.Integer, Nullable: true},
			{Name: "owner_id", Type: model.Integer, Nullable: true},
			{Name: "note", Type: model.Text, Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_items", Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Name: "uq_items_name", Columns: []string{"name"}}},
		Checks:     []*model.Check{{Name: "ck_items_qty", Expr: "qty >= 0"}},
		ForeignKeys: []*model.ForeignKey{{
			Name: "fk_items_parent", Columns: []string{"parent_id"}, RefTable: "parent", RefColumns: []string{"id"},
			OnDelete: model.Cascade,
		}},
		Indexes: []*model.Index{
			{Name: "ix_items_note", Parts: model.Cols("note")},
			{Name: "ix_items_qty_pos", Parts: model.Cols("qty"), Where: "qty > 0"},
		},
	}
	return (&model.MetaData{}).AddTable(parent, items)
}

// batchRows are the rows the rebuild tests insert.
var batchRows = []string{
	`INSERT INTO parent (id, code) VALUES (1, 'a'), (2, 'b')`,
	`INSERT INTO items (id, name, qty, price, parent_id, owner_id, note) VALUES
		(1, 'apple', 3, 1.5, 1, 1, 'red'),
		(2, 'pear', 0, 2.25, 2, NULL, 'green'),
		(3, 'plum', 5, 4, NULL, 2, 'blue')`,
}

const itemsQuery = `SELECT id, name, qty, price, parent_id, owner_id, note FROM items ORDER BY id`

var itemsRows = []string{
	"1|apple|3|1.5|1|1|red",
	"2|pear|0|2.25|2|NULL|green",
	"3|plum|5|4|NULL|2|blue",
}

// itemsOf returns the items table of a model.
func itemsOf(md *model.MetaData) *model.Table { return md.Table("", "items") }

func col(t *model.Table, name string) *model.Column { return t.Column(name) }

func TestBatchRebuildKeepsRowsAndSchema(t *testing.T) {
	cases := []struct {
		name string
		ops  []Operation
		// want changes the expected model (a copy of batchModel).
		want func(md *model.MetaData)
		// query and rows check the data after; the defaults are itemsQuery
		// and itemsRows.
		query string
		rows  []string
	}{
		{
			name: "change a column type",
			ops: []Operation{AlterColumn{Table: "items", Column: "qty",
				New: &model.Column{Name: "qty", Type: model.BigInt, Nullable: true, Default: model.DefaultLiteral(int64(0))}}},
			want: func(md *model.MetaData) { col(itemsOf(md), "qty").Type = model.BigInt },
		},
		{
			name: "text to integer keeps what does not convert",
			ops: []Operation{AlterColumn{Table: "items", Column: "note",
				New: &model.Column{Name: "note", Type: model.Integer, Nullable: true}}},
			want: func(md *model.MetaData) { col(itemsOf(md), "note").Type = model.Integer },
		},
		{
			name: "set NOT NULL",
			ops: []Operation{AlterColumn{Table: "items", Column: "note",
				New: &model.Column{Name: "note", Type: model.Text}}},
			want: func(md *model.MetaData) { col(itemsOf(md), "note").Nullable = false },
		},
		{
			name: "drop NOT NULL",
			ops: []Operation{AlterColumn{Table: "items", Column: "name",
				New: &model.Column{Name: "name", Type: model.Varchar(20), Nullable: true}}},
			want: func(md *model.MetaData) { col(itemsOf(md), "name").Nullable = true },
		},
		{
			name: "add a unique constraint",
			ops:  []Operation{CreateUnique{Table: "items", Unique: &model.Unique{Name: "uq_items_note", Columns: []string{"note"}}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.Uniques = append(it.Uniques, &model.Unique{Name: "uq_items_note", Columns: []string{"note"}})
			},
		},
		{
			name: "drop a unique constraint",
			ops:  []Operation{DropUnique{Table: "items", Constraint: "uq_items_name"}},
			want: func(md *model.MetaData) { itemsOf(md).Uniques = nil },
		},
		{
			name: "add a check constraint",
			ops:  []Operation{CreateCheck{Table: "items", Check: &model.Check{Name: "ck_items_price", Expr: "price >= 0"}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.Checks = append(it.Checks, &model.Check{Name: "ck_items_price", Expr: "price >= 0"})
			},
		},
		{
			name: "drop a check constraint",
			ops:  []Operation{DropCheck{Table: "items", Constraint: "ck_items_qty"}},
			want: func(md *model.MetaData) { itemsOf(md).Checks = nil },
		},
		{
			name: "drop a column that has an index",
			ops:  []Operation{BatchAlterTable{Table: "items", Ops: []Operation{DropColumn{Column: "note"}}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.Columns = slices.DeleteFunc(it.Columns, func(c *model.Column) bool { return c.Name == "note" })
				it.Indexes = it.Indexes[1:]
			},
			query: `SELECT * FROM items ORDER BY id`,
			rows:  []string{"1|apple|3|1.5|1|1", "2|pear|0|2.25|2|NULL", "3|plum|5|4|NULL|2"},
		},
		{
			name: "add a NOT NULL column with an expression default",
			ops: []Operation{AddColumn{Table: "items", Column: &model.Column{Name: "status", Type: model.Varchar(10),
				Default: model.DefaultExpr("lower('NEW')")}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.Columns = append(it.Columns, &model.Column{Name: "status", Type: model.Varchar(10), Default: model.DefaultExpr("lower('NEW')")})
			},
			query: `SELECT id, status FROM items ORDER BY id`,
			rows:  []string{"1|new", "2|new", "3|new"},
		},
		{
			name: "add a NOT NULL column with a literal default, rebuilt always",
			ops: []Operation{BatchAlterTable{Table: "items", Recreate: RecreateAlways, Ops: []Operation{
				AddColumn{Column: &model.Column{Name: "status", Type: model.Varchar(10), Default: model.DefaultLiteral("new")}},
			}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.Columns = append(it.Columns, &model.Column{Name: "status", Type: model.Varchar(10), Default: model.DefaultLiteral("new")})
			},
			query: `SELECT id, status FROM items ORDER BY id`,
			rows:  []string{"1|new", "2|new", "3|new"},
		},
		{
			name: "add a foreign key",
			ops: []Operation{CreateForeignKey{Table: "items", ForeignKey: &model.ForeignKey{
				Name: "fk_items_owner", Columns: []string{"owner_id"}, RefTable: "parent", RefColumns: []string{"id"}, OnDelete: model.SetNull}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.ForeignKeys = append(it.ForeignKeys, &model.ForeignKey{
					Name: "fk_items_owner", Columns: []string{"owner_id"}, RefTable: "parent", RefColumns: []string{"id"}, OnDelete: model.SetNull})
			},
		},
		{
			name: "rename a column with a check, an index and a partial index",
			ops: []Operation{BatchAlterTable{Table: "items", Recreate: RecreateAlways, Ops: []Operation{
				AlterColumn{Column: "qty", New: &model.Column{Name: "quantity", Type: model.Integer, Nullable: true, Default: model.DefaultLiteral(int64(0))}},
			}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				col(it, "qty").Name = "quantity"
				it.Checks[0].Expr = `"quantity" >= 0`
				it.Indexes[1].Parts[0].Column = "quantity"
				it.Indexes[1].Where = `"quantity" > 0`
			},
			query: `SELECT id, name, quantity, price, parent_id, owner_id, note FROM items ORDER BY id`,
		},
		{
			name: "several changes in one rebuild",
			ops: []Operation{BatchAlterTable{Table: "items", Ops: []Operation{
				AddColumn{Column: &model.Column{Name: "weight", Type: model.Double, Nullable: true}},
				AlterColumn{Column: "price", New: &model.Column{Name: "price", Type: model.Numeric(12, 3), Nullable: true}},
				DropCheck{Constraint: "ck_items_qty"},
				CreateIndex{Index: &model.Index{Name: "ix_items_weight", Parts: model.Cols("weight")}},
				DropIndex{Index: "ix_items_note"},
			}}},
			want: func(md *model.MetaData) {
				it := itemsOf(md)
				it.Columns = append(it.Columns, &model.Column{Name: "weight", Type: model.Double, Nullable: true})
				col(it, "price").Type = model.Numeric(12, 3)
				it.Checks = nil
				it.Indexes = []*model.Index{it.Indexes[1], {Name: "ix_items_weight", Parts: model.Cols("weight")}}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := openBatchDB(t, batchModel(), batchRows...)
			stmts := db.compiled(tc.ops...)
			if !rebuilds(stmts) {
				t.Fatalf("expected a rebuild, got:\n%s", strings.Join(stmts, "\n"))
			}
			if n := strings.Count(strings.Join(stmts, "\n"), `CREATE TABLE "_migrate_tmp_items"`); n != 1 {
				t.Errorf("%d rebuilds of items, want 1", n)
			}
			db.mustRun(tc.ops...)

			want := batchModel()
			tc.want(want)
			db.expectSchema(want)
			query, rows := itemsQuery, itemsRows
			if tc.query != "" {
				query = tc.query
			}
			if tc.rows != nil {
				rows = tc.rows
			}
			if got := db.rows(query); !slices.Equal(got, rows) {
				t.Errorf("rows after the rebuild:\n got  %q\n want %q", got, rows)
			}
			if n := db.count(`SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
				t.Errorf("%d foreign-key violations after the rebuild", n)
			}
			db.noLeftovers()
		})
	}
}
