package ops

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// widenParentCode changes parent.code, which forces a rebuild of parent,
// the table items references with ON DELETE CASCADE.
var widenParentCode = AlterColumn{Table: "parent", Column: "code", New: &model.Column{Name: "code", Type: model.Varchar(40)}}

// TestBatchCascadeChildrenSurvive proves the foreign-key handling: with
// enforcement on, DROP TABLE of a parent runs an implicit DELETE that
// fires ON DELETE CASCADE on its children. The rebuild runs with
// enforcement switched off outside the transaction (as the runner does),
// and the children keep every row. With enforcement left on, the rebuild
// refuses before dropping anything.
func TestBatchCascadeChildrenSurvive(t *testing.T) {
	t.Run("enforcement off", func(t *testing.T) {
		db := openBatchDB(t, batchModel(), batchRows...)
		db.mustRun(widenParentCode)
		if got := db.rows(itemsQuery); !slices.Equal(got, itemsRows) {
			t.Fatalf("children after rebuilding their parent:\n got  %q\n want %q", got, itemsRows)
		}
		want := batchModel()
		want.Table("", "parent").Column("code").Type = model.Varchar(40)
		db.expectSchema(want)
		// The cascade still works: the foreign key follows the new table.
		db.exec(`DELETE FROM parent WHERE id = 1`)
		if n := db.count(`SELECT count(*) FROM items`); n != 2 {
			t.Errorf("after deleting parent 1, %d items, want 2 (the cascade must still work)", n)
		}
		db.noLeftovers()
	})
	t.Run("enforcement on is refused", func(t *testing.T) {
		db := openBatchDB(t, batchModel(), batchRows...)
		err := db.run(false, widenParentCode)
		if err == nil || !strings.Contains(err.Error(), "foreign keys enforced would fire the ON DELETE actions") {
			t.Fatalf("err = %v, want the foreign-keys guard", err)
		}
		if got := db.rows(itemsQuery); !slices.Equal(got, itemsRows) {
			t.Fatalf("children after the refused rebuild:\n got  %q\n want %q", got, itemsRows)
		}
		db.expectSchema(batchModel())
	})
	t.Run("self-reference", func(t *testing.T) {
		md := (&model.MetaData{}).AddTable(&model.Table{
			Name: "node",
			Columns: []*model.Column{
				{Name: "id", Type: model.Integer},
				{Name: "parent_id", Type: model.Integer, Nullable: true},
				{Name: "label", Type: model.Varchar(5)},
			},
			PrimaryKey: &model.PrimaryKey{Name: "pk_node", Columns: []string{"id"}},
			ForeignKeys: []*model.ForeignKey{{Name: "fk_node_parent", Columns: []string{"parent_id"},
				RefTable: "node", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
		})
		db := openBatchDB(t, md, `INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'kid'), (3, 2, 'leaf')`)
		op := AlterColumn{Table: "node", Column: "label", New: &model.Column{Name: "label", Type: model.Text}}
		if err := db.run(false, op); err == nil || !strings.Contains(err.Error(), "foreign keys enforced") {
			t.Fatalf("enforcement on: err = %v, want the foreign-keys guard (the new table references the old)", err)
		}
		db.mustRun(op)
		want := []string{"1|NULL|root", "2|1|kid", "3|2|leaf"}
		if got := db.rows(`SELECT * FROM node ORDER BY id`); !slices.Equal(got, want) {
			t.Fatalf("rows: got %q, want %q", got, want)
		}
		md.Tables[0].Column("label").Type = model.Text
		db.expectSchema(md)
	})
	t.Run("enforcement on without children", func(t *testing.T) {
		// Nothing references items: the rebuild is safe with enforcement on.
		db := openBatchDB(t, batchModel(), batchRows...)
		if err := db.run(false, DropCheck{Table: "items", Constraint: "ck_items_qty"}); err != nil {
			t.Fatal(err)
		}
		if got := db.rows(itemsQuery); !slices.Equal(got, itemsRows) {
			t.Fatalf("rows: got %q", got)
		}
	})
}

func TestBatchForeignKeyViolation(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	db.db.SetMaxOpenConns(1)
	db.exec(`PRAGMA foreign_keys = OFF`, `INSERT INTO items (id, name, owner_id) VALUES (4, 'fig', 99)`, `PRAGMA foreign_keys = ON`)
	err := db.run(true, CreateForeignKey{Table: "items", ForeignKey: &model.ForeignKey{
		Name: "fk_items_owner", Columns: []string{"owner_id"}, RefTable: "parent", RefColumns: []string{"id"}}})
	if err == nil || !strings.Contains(err.Error(), "violate foreign keys; list them with PRAGMA foreign_key_check") {
		t.Fatalf("err = %v, want the foreign-key violation guard", err)
	}
	db.expectSchema(batchModel()) // rolled back
	db.noLeftovers()

	// Violations that were there before the rebuild are not the rebuild's.
	db.exec(`PRAGMA foreign_keys = OFF`, `UPDATE items SET parent_id = 77 WHERE id = 4`, `PRAGMA foreign_keys = ON`)
	db.mustRun(DropCheck{Table: "items", Constraint: "ck_items_qty"})
}

func TestBatchRecreateNever(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	batch := BatchAlterTable{Table: "items", Recreate: RecreateNever, Ops: []Operation{
		AddColumn{Column: &model.Column{Name: "weight", Type: model.Double, Nullable: true}},
		AlterColumn{Column: "qty", New: &model.Column{Name: "qty", Type: model.BigInt, Nullable: true}},
	}}
	err := db.run(true, batch)
	if err == nil || !strings.Contains(err.Error(), "RecreateNever forbids") {
		t.Fatalf("err = %v, want RecreateNever's refusal", err)
	}
	// What ALTER can make goes through in Never mode.
	ok := BatchAlterTable{Table: "items", Recreate: RecreateNever, Ops: batch.Ops[:1]}
	if stmts := db.compiled(ok); rebuilds(stmts) || len(stmts) != 1 {
		t.Fatalf("statements: %q", stmts)
	}
	// Never also refuses, at compile time, what SQLite's DROP COLUMN would
	// refuse at run time (an indexed column).
	drop := BatchAlterTable{Table: "items", Recreate: RecreateNever, Ops: []Operation{DropColumn{Column: "note"}}}
	if err := db.run(true, drop); err == nil || !strings.Contains(err.Error(), "RecreateNever forbids") {
		t.Fatalf("drop indexed column: err = %v", err)
	}
}

func TestBatchAutoUsesAlterWhenItCan(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	batch := BatchAlterTable{Table: "items", Ops: []Operation{
		AddColumn{Column: &model.Column{Name: "weight", Type: model.Double, Nullable: true}},
		CreateIndex{Index: &model.Index{Name: "ix_items_weight", Parts: model.Cols("weight")}},
		DropColumn{Column: "owner_id"},
	}}
	stmts := db.compiled(batch)
	if rebuilds(stmts) || len(stmts) != 3 {
		t.Fatalf("want three ALTER statements, got:\n%s", strings.Join(stmts, "\n"))
	}
	db.mustRun(batch)
	want := batchModel()
	it := itemsOf(want)
	it.Columns = slices.DeleteFunc(it.Columns, func(c *model.Column) bool { return c.Name == "owner_id" })
	it.Columns = append(it.Columns, &model.Column{Name: "weight", Type: model.Double, Nullable: true})
	it.Indexes = append(it.Indexes, &model.Index{Name: "ix_items_weight", Parts: model.Cols("weight")})
	db.expectSchema(want)
}

func TestBatchOffline(t *testing.T) {
	d := dialect.SQLite()
	ctx := context.Background()
	alter := AlterColumn{Column: "qty", New: &model.Column{Name: "qty", Type: model.BigInt, Nullable: true, Default: model.DefaultLiteral(int64(0))},
		Existing: &model.Column{Name: "qty", Type: model.Integer, Nullable: true, Default: model.DefaultLiteral(int64(0))}}

	var printed []string
	op := NewOfflineOp(d, func(s string) error { printed = append(printed, s); return nil })
	err := op.Run(ctx, BatchAlterTable{Table: "items", Ops: []Operation{alter}})
	if err == nil || !strings.Contains(err.Error(), "offline (--sql) there is no database to read its definition from") ||
		!strings.Contains(err.Error(), "CopyFrom") {
		t.Fatalf("err = %v, want the offline refusal naming CopyFrom", err)
	}
	if err := op.Run(ctx, alter.withTable("items")); err == nil || !strings.Contains(err.Error(), "CopyFrom") {
		t.Fatalf("standalone: err = %v, want the offline refusal", err)
	}

	// With CopyFrom the script is printed, and it works when run by hand
	// (with the runner's PRAGMA around the transaction).
	base := batchModel()
	base.ApplyNaming()
	printed = nil
	if err := op.Run(ctx, BatchAlterTable{Table: "items", CopyFrom: itemsOf(base), Ops: []Operation{alter}}); err != nil {
		t.Fatal(err)
	}
	// An AlterColumn without Existing reads the column from CopyFrom.
	var again []string
	op2 := NewOfflineOp(d, func(s string) error { again = append(again, s); return nil })
	noExisting := alter
	noExisting.Existing = nil
	if err := op2.Run(ctx, BatchAlterTable{Table: "items", CopyFrom: itemsOf(base), Ops: []Operation{noExisting}}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again, printed) {
		t.Errorf("without Existing the script differs:\n%s\n---\n%s", strings.Join(again, "\n"), strings.Join(printed, "\n"))
	}
	db := openBatchDB(t, batchModel(), batchRows...)
	db.db.SetMaxOpenConns(1)
	db.exec("PRAGMA foreign_keys = OFF", "BEGIN")
	db.exec(printed...)
	db.exec("COMMIT", "PRAGMA foreign_keys = ON")
	want := batchModel()
	col(itemsOf(want), "qty").Type = model.BigInt
	db.expectSchema(want)
	if got := db.rows(itemsQuery); !slices.Equal(got, itemsRows) {
		t.Fatalf("rows: got %q", got)
	}
}

// withTable is AlterColumn with its table set, for standalone use.
func (o AlterColumn) withTable(table string) AlterColumn { o.Table = table; return o }

func TestBatchTriggersRefused(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	db.exec(`CREATE TRIGGER items_touch AFTER UPDATE ON items BEGIN SELECT 1; END`)
	err := db.run(true, DropCheck{Table: "items", Constraint: "ck_items_qty"})
	if err == nil || !strings.Contains(err.Error(), "has triggers, which rebuilding it would drop") {
		t.Fatalf("err = %v, want the triggers guard", err)
	}
	// The message the runner shows instead of SQLite's and the guard's SQL.
	want := `table "items" has triggers, which rebuilding it would drop; drop them before the rebuild and create them again after it`
	if msg, ok := dialect.BatchRefusal(err); !ok || msg != want {
		t.Errorf("BatchRefusal: %q, %v; want %q", msg, ok, want)
	}
	if n := db.count(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger'`); n != 1 {
		t.Fatalf("%d triggers, want 1", n)
	}
}

func TestBatchViewsAndOtherTriggersSurvive(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	db.exec(`CREATE VIEW item_names AS SELECT name FROM items`,
		`CREATE TABLE audit (msg TEXT)`,
		`CREATE TRIGGER parent_audit AFTER INSERT ON parent BEGIN INSERT INTO audit SELECT count(*) FROM items; END`)
	db.mustRun(DropCheck{Table: "items", Constraint: "ck_items_qty"})
	want := []string{"apple", "pear", "plum"}
	if got := db.rows(`SELECT name FROM item_names ORDER BY name`); !slices.Equal(got, want) {
		t.Fatalf("view rows: got %q", got)
	}
	db.exec(`INSERT INTO parent VALUES (3, 'c')`)
	if got := db.rows(`SELECT msg FROM audit`); !slices.Equal(got, []string{"3"}) {
		t.Fatalf("trigger on another table: got %q", got)
	}
	db.noLeftovers()
}

func TestBatchKeepsAutoincrementSequence(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	db.exec(`INSERT INTO items (id, name) VALUES (10, 'kiwi')`, `DELETE FROM items WHERE id = 10`)
	db.mustRun(DropCheck{Table: "items", Constraint: "ck_items_qty"})
	if n := db.count(`SELECT seq FROM sqlite_sequence WHERE name = 'items'`); n != 10 {
		t.Fatalf("sqlite_sequence for items = %d, want 10", n)
	}
	db.exec(`INSERT INTO items (name) VALUES ('lime')`)
	if n := db.count(`SELECT max(id) FROM items`); n != 11 {
		t.Fatalf("next id = %d, want 11 (ids of deleted rows are not reused)", n)
	}
	if n := db.count(`SELECT count(*) FROM sqlite_sequence WHERE name LIKE '\_migrate%' ESCAPE '\'`); n != 0 {
		t.Fatalf("temporary name left in sqlite_sequence")
	}
}

func TestBatchNewNotNullColumnWithoutDefault(t *testing.T) {
	add := BatchAlterTable{Table: "items", Recreate: RecreateAlways, Ops: []Operation{
		AddColumn{Column: &model.Column{Name: "sku", Type: model.Varchar(10)}},
	}}
	db := openBatchDB(t, batchModel(), batchRows...)
	err := db.run(true, add)
	if err == nil || !strings.Contains(err.Error(), `new columns "sku" are NOT NULL without a default`) {
		t.Fatalf("err = %v, want the NOT NULL guard", err)
	}
	// An empty table takes the column.
	empty := openBatchDB(t, batchModel())
	empty.mustRun(add)
}

func TestBatchSourcesFollowRenames(t *testing.T) {
	d := dialect.SQLite()
	base := &model.Table{Name: "t", Columns: []*model.Column{
		{Name: "a", Type: model.Integer}, {Name: "b", Type: model.Integer}, {Name: "c", Type: model.Integer, Nullable: true},
	}, Checks: []*model.Check{{Name: "ck", Expr: "a < b AND c IS NULL"}}}
	plan, err := planRebuild(d, base, func(t *model.Table) error {
		// Swap a and b by renaming the column objects, drop c, add d.
		t.Columns[0].Name, t.Columns[1].Name = "b", "a"
		t.Columns = append(t.Columns[:2], &model.Column{Name: "d", Type: model.Text, Nullable: true})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"b": "a", "a": "b"}
	if len(plan.Sources) != 2 || plan.Sources["a"] != want["a"] || plan.Sources["b"] != want["b"] {
		t.Errorf("sources = %v, want %v", plan.Sources, want)
	}
	if len(plan.To.Checks) != 0 {
		t.Errorf("the check on the dropped column c should go with it: %v", plan.To.Checks[0].Expr)
	}
}

// TestBatchStandaloneRenameReplacingColumn: an operation that replaces the
// column object while renaming it (t.Columns[i] = new) still copies the
// column's values.
func TestBatchStandaloneRenameReplacingColumn(t *testing.T) {
	db := openBatchDB(t, batchModel(), batchRows...)
	db.mustRun(AlterColumn{Table: "items", Column: "qty", New: &model.Column{Name: "quantity", Type: model.BigInt, Nullable: true}})
	want := []string{"1|3", "2|0", "3|5"}
	if got := db.rows(`SELECT id, quantity FROM items ORDER BY id`); !slices.Equal(got, want) {
		t.Fatalf("rows: got %q, want %q", got, want)
	}
	// In a batch, dropping the last column and adding one is no rename.
	db.mustRun(BatchAlterTable{Table: "items", Recreate: RecreateAlways, Ops: []Operation{
		DropColumn{Column: "note"},
		AddColumn{Column: &model.Column{Name: "memo", Type: model.Text, Nullable: true}},
	}})
	if got := db.rows(`SELECT count(*) FROM items WHERE memo IS NOT NULL`); !slices.Equal(got, []string{"0"}) {
		t.Fatalf("the new column took the dropped column's values: %q", got)
	}
}
