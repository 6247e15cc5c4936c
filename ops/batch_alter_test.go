package ops

import (
	"context"
	"errors"
	"go/format"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

func TestBatchAlterTableReverse(t *testing.T) {
	base := itemsOf(batchModel())
	b := BatchAlterTable{Table: "items", Recreate: RecreateAlways, CopyFrom: base, Ops: []Operation{
		AddColumn{Column: &model.Column{Name: "weight", Type: model.Double, Nullable: true}},
		DropCheck{Constraint: "ck_items_qty", Existing: &model.Check{Name: "ck_items_qty", Expr: "qty >= 0"}},
	}}
	r, err := b.Reverse()
	if err != nil {
		t.Fatal(err)
	}
	rev := r.(BatchAlterTable)
	if rev.Table != "items" || rev.Recreate != RecreateAlways || len(rev.Ops) != 2 {
		t.Fatalf("reverse = %+v", rev)
	}
	if _, ok := rev.Ops[0].(CreateCheck); !ok {
		t.Errorf("first inverse is %T, want CreateCheck (inverses run in reverse order)", rev.Ops[0])
	}
	if _, ok := rev.Ops[1].(DropColumn); !ok {
		t.Errorf("second inverse is %T, want DropColumn", rev.Ops[1])
	}
	if rev.CopyFrom == nil || rev.CopyFrom.Column("weight") == nil || len(rev.CopyFrom.Checks) != 0 {
		t.Errorf("the inverse's CopyFrom must be the table after the batch: %+v", rev.CopyFrom)
	}
	if base.Column("weight") != nil {
		t.Error("Reverse changed CopyFrom")
	}
	// The inverse of the inverse changes the same table back.
	rr, err := rev.Reverse()
	if err != nil {
		t.Fatal(err)
	}
	if got := rr.(BatchAlterTable).CopyFrom; got.Column("weight") != nil || len(got.Checks) != 1 {
		t.Errorf("double inverse CopyFrom: %+v", got)
	}

	var ie *IrreversibleError
	bad := BatchAlterTable{Table: "items", Ops: []Operation{DropColumn{Column: "note"}}}
	if _, err := bad.Reverse(); !errors.As(err, &ie) {
		t.Errorf("err = %v, want an IrreversibleError", err)
	}
}

func TestBatchAlterTableGoSource(t *testing.T) {
	b := BatchAlterTable{Table: "items", Recreate: RecreateAlways,
		CopyFrom: &model.Table{Name: "items", Columns: []*model.Column{{Name: "id", Type: model.Integer}}},
		Ops: []Operation{
			AddColumn{Column: &model.Column{Name: "weight", Type: model.Double, Nullable: true}},
			DropIndex{Index: "ix_items_note"},
		}}
	src, err := b.GoSource()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ops.BatchAlterTable{", `Table: "items"`, "Recreate: ops.RecreateAlways", "CopyFrom: &model.Table{",
		"Ops: []ops.Operation{\n", `ops.AddColumn{`, `ops.DropIndex{Index: "ix_items_note"}`} {
		if !strings.Contains(src, want) {
			t.Errorf("GoSource lacks %q:\n%s", want, src)
		}
	}
	if _, err := format.Source([]byte("package x\nvar _ = " + src)); err != nil {
		t.Errorf("GoSource is not Go: %v\n%s", err, src)
	}
	auto, _ := BatchAlterTable{Table: "t"}.GoSource()
	if auto != `ops.BatchAlterTable{Table: "t"}` {
		t.Errorf("zero batch: %s", auto)
	}
}

func TestBatchAlterTableValidation(t *testing.T) {
	c := &Context{Dialect: dialect.SQLite()}
	ctx := context.Background()
	cases := []struct {
		b    BatchAlterTable
		want string
	}{
		{BatchAlterTable{}, "table name is missing"},
		{BatchAlterTable{Table: "a", Ops: []Operation{DropColumn{Table: "b", Column: "x"}}}, `names table "b", not the batch's "a"`},
		{BatchAlterTable{Table: "a", CopyFrom: &model.Table{Name: "b"}}, `CopyFrom describes table "b"`},
		{BatchAlterTable{Table: "a", Recreate: 7}, "unknown Recreate mode"},
		{BatchAlterTable{Table: "a", Recreate: RecreateAlways, CopyFrom: &model.Table{Name: "a", Columns: []*model.Column{{Name: "x", Type: model.Integer}}},
			Ops: []Operation{RenameTable{NewName: "b"}}}, "cannot be part of a table rebuild"},
	}
	for _, tc := range cases {
		_, err := tc.b.Statements(ctx, c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want %q", tc.b, err, tc.want)
		}
	}
}

func TestRebuildRefusedWithoutRebuilder(t *testing.T) {
	c := &Context{Dialect: dialect.Postgres()}
	b := BatchAlterTable{Table: "a", Recreate: RecreateAlways, CopyFrom: &model.Table{Name: "a", Columns: []*model.Column{{Name: "x", Type: model.Integer}}},
		Ops: []Operation{AddColumn{Column: &model.Column{Name: "y", Type: model.Integer, Nullable: true}}}}
	_, err := b.Statements(context.Background(), c)
	var ue *dialect.UnsupportedError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want an UnsupportedError", err)
	}
	// Auto on a database with a full ALTER: the operations' own statements.
	b.Recreate = RecreateAuto
	stmts, err := b.Statements(context.Background(), c)
	if err != nil || len(stmts) != 1 || !strings.Contains(stmts[0].SQL, "ADD COLUMN") {
		t.Fatalf("auto on postgres: %v %v", stmts, err)
	}
}
