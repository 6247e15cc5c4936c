package ops_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// softDeleteColumn is the column AddSoftDelete adds.
func softDeleteColumn() *model.Column {
	return &model.Column{Name: "deleted_at", Type: model.Timestamp, Nullable: true}
}

// AddSoftDelete is a custom operation that also applies itself to a model
// (ops.SchemaChanger): it adds a nullable deleted_at column. Because it
// has Apply, it can take part in a BatchAlterTable rebuild on SQLite, the
// inverse of a batch with CopyFrom can be worked out, and lint and
// `migrate test` know the schema after it.
type AddSoftDelete struct{ Table string }

// Name returns "add_soft_delete".
func (o AddSoftDelete) Name() string { return "add_soft_delete" }

// Statements adds the column with ALTER TABLE, its type spelled by the
// dialect.
func (o AddSoftDelete) Statements(ctx context.Context, c *ops.Context) ([]ops.Statement, error) {
	tbl, err := c.Dialect.QuoteIdent(o.Table)
	if err != nil {
		return nil, err
	}
	col, err := c.Dialect.QuoteIdent(softDeleteColumn().Name)
	if err != nil {
		return nil, err
	}
	typ, err := c.Dialect.RenderType(softDeleteColumn().Type)
	if err != nil {
		return nil, err
	}
	return ops.PerDialect{
		ops.DefaultDialect: ops.SQL("ALTER TABLE " + tbl + " ADD COLUMN " + col + " " + typ + " NULL"),
	}.Statements(ctx, c)
}

// Apply adds the column to the table in m.
func (o AddSoftDelete) Apply(m *model.MetaData) error {
	t := m.Table("", o.Table)
	if t == nil {
		return fmt.Errorf("table %q does not exist", o.Table)
	}
	if t.Column(softDeleteColumn().Name) != nil {
		return fmt.Errorf("table %q already has a column %q", o.Table, softDeleteColumn().Name)
	}
	t.Columns = append(t.Columns, softDeleteColumn())
	return nil
}

// Reverse drops the column.
func (o AddSoftDelete) Reverse() (ops.Operation, error) { return DropSoftDelete(o), nil }

// GoSource renders the operation for a revision file.
func (o AddSoftDelete) GoSource() (string, error) {
	return fmt.Sprintf("myops.AddSoftDelete{Table: %q}", o.Table), nil
}

// DropSoftDelete is the inverse of AddSoftDelete.
type DropSoftDelete struct{ Table string }

// Name returns "drop_soft_delete".
func (o DropSoftDelete) Name() string { return "drop_soft_delete" }

// Statements drops the column.
func (o DropSoftDelete) Statements(ctx context.Context, c *ops.Context) ([]ops.Statement, error) {
	tbl, err := c.Dialect.QuoteIdent(o.Table)
	if err != nil {
		return nil, err
	}
	col, err := c.Dialect.QuoteIdent(softDeleteColumn().Name)
	if err != nil {
		return nil, err
	}
	return ops.PerDialect{ops.DefaultDialect: ops.SQL("ALTER TABLE " + tbl + " DROP COLUMN " + col)}.Statements(ctx, c)
}

// Apply removes the column from the table in m.
func (o DropSoftDelete) Apply(m *model.MetaData) error {
	t := m.Table("", o.Table)
	if t == nil {
		return fmt.Errorf("table %q does not exist", o.Table)
	}
	n := len(t.Columns)
	t.Columns = slices.DeleteFunc(t.Columns, func(c *model.Column) bool { return c.Name == softDeleteColumn().Name })
	if len(t.Columns) == n {
		return fmt.Errorf("table %q has no column %q", o.Table, softDeleteColumn().Name)
	}
	return nil
}

// Reverse adds the column again.
func (o DropSoftDelete) Reverse() (ops.Operation, error) { return AddSoftDelete(o), nil }

// GoSource renders the operation for a revision file.
func (o DropSoftDelete) GoSource() (string, error) {
	return fmt.Sprintf("myops.DropSoftDelete{Table: %q}", o.Table), nil
}

// A custom operation that implements Apply (ops.SchemaChanger) applies to
// a model like the built-in ones, and takes part in a SQLite batch
// rebuild: here the table is rebuilt once, with the soft-delete column and
// a changed type, and the batch's inverse knows the table it leaves.
func ExampleSchemaChanger() {
	reg := ops.NewRegistry()
	if err := reg.Register(ops.Registration{Name: "add_soft_delete", Imports: []string{"example.com/app/myops"}}); err != nil {
		fmt.Println(err)
		return
	}
	posts := &model.Table{Name: "posts", Columns: []*model.Column{
		{Name: "id", Type: model.Integer},
		{Name: "title", Type: model.Varchar(50)},
	}}
	m := &model.MetaData{Tables: []*model.Table{posts.Clone()}}
	if err := ops.Apply(m, AddSoftDelete{Table: "posts"}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(m.Table("", "posts").ColumnNames())
	fmt.Println(ops.Apply(m, AddSoftDelete{Table: "posts"}))

	batch := ops.BatchAlterTable{Table: "posts", CopyFrom: posts, Recreate: ops.RecreateAlways, Ops: []ops.Operation{
		AddSoftDelete{Table: "posts"},
		ops.AlterColumn{Column: "title", New: &model.Column{Type: model.Text}},
	}}
	var sql []string
	offline := ops.NewOfflineOp(dialect.SQLite(), func(stmt string) error { sql = append(sql, stmt); return nil })
	if err := offline.Run(context.Background(), batch); err != nil {
		fmt.Println(err)
	}
	fmt.Println(slices.ContainsFunc(sql, func(s string) bool {
		return s == `INSERT INTO "_migrate_tmp_posts" ("id", "title") SELECT "id", "title" FROM "posts"`
	}))
	inv, err := batch.Reverse()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.(ops.BatchAlterTable).CopyFrom.ColumnNames())
	// Output:
	// [id title deleted_at]
	// ops: add_soft_delete: table "posts" already has a column "deleted_at"
	// true
	// [id title deleted_at]
}
