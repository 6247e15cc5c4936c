package ops_test

import (
	"context"
	"errors"
	"go/parser"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// objectOps are the enum, sequence, view, execute and bulk operations with
// every field set.
func objectOps() []ops.Operation {
	s := &model.Sequence{Schema: "s", Name: "n", Start: 3, Increment: 2, MinValue: new(int64(-5)), MaxValue: new(int64(99)), Cache: 4, Cycle: true, OwnedBy: "t.c"}
	s2 := *s
	s2.Name, s2.Increment = "n2", 9
	return []ops.Operation{
		ops.CreateEnum{Enum: &model.EnumType{Schema: "s", Name: "mood", Values: []string{"a", "b"}}},
		ops.DropEnum{Schema: "s", Enum: "mood", Values: []string{"a", "b"}},
		ops.AddEnumValue{Schema: "s", Enum: "mood", Value: "c", Before: "a"},
		ops.RenameEnumValue{Schema: "s", Enum: "mood", From: "a", To: "z"},
		ops.CreateSequence{Sequence: s},
		ops.DropSequence{Schema: "s", Sequence: "n", Existing: s},
		ops.AlterSequence{From: s, To: &s2},
		ops.CreateView{View: &model.View{Schema: "s", Name: "v", Definition: "SELECT 1"}},
		ops.DropView{Schema: "s", View: "v", Existing: &model.View{Schema: "s", Name: "v", Definition: "SELECT 1"}},
		ops.ReplaceView{From: &model.View{Name: "v", Definition: "SELECT 1"}, To: &model.View{Name: "v", Definition: "SELECT 2"}},
		ops.Execute{SQL: "UPDATE t SET a = ?", Args: []any{1, int64(2), "x", nil, true, 1.5, float32(2), []byte("b"), time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)},
			ReverseSQL: "UPDATE t SET a = 0"},
		ops.BulkInsert{Schema: "s", Table: "t", Columns: []string{"a", "b"}, Rows: [][]any{{1, "x"}, {uint8(2), nil}},
			RowMaps: []map[string]any{{"b": "y", "a": 3}}},
	}
}

func TestObjectOpsGoSource(t *testing.T) {
	for _, op := range objectOps() {
		src, err := op.GoSource()
		if err != nil {
			t.Errorf("%s: %v", op.Name(), err)
			continue
		}
		if _, err := parser.ParseExpr(src); err != nil {
			t.Errorf("%s: GoSource does not parse: %v\n%s", op.Name(), err, src)
		}
		if !strings.HasPrefix(src, "ops.") {
			t.Errorf("%s: GoSource = %s", op.Name(), src)
		}
	}
	got, _ := ops.CreateSequence{Sequence: &model.Sequence{Name: "n", MinValue: new(int64(-5))}}.GoSource()
	if want := `ops.CreateSequence{Sequence: &model.Sequence{Name: "n", MinValue: new(int64(-5))}}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = ops.AddEnumValue{Enum: "mood", Value: "c", After: "b"}.GoSource()
	if want := `ops.AddEnumValue{Enum: "mood", Value: "c", After: "b"}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, err := (ops.Execute{SQL: "x", Args: []any{struct{}{}}}).GoSource(); err == nil {
		t.Error("Execute.GoSource accepted a struct argument")
	}
}

func TestObjectOpsReverse(t *testing.T) {
	for _, op := range objectOps() {
		rev, err := op.Reverse()
		var ie *ops.IrreversibleError
		switch op.(type) {
		case ops.AddEnumValue, ops.BulkInsert:
			if !errors.As(err, &ie) || !strings.Contains(ie.Error(), "cannot be reversed") {
				t.Errorf("%s: want an *IrreversibleError, got %v", op.Name(), err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", op.Name(), err)
			continue
		}
		back, err := rev.Reverse()
		if err != nil {
			t.Errorf("%s: reverse of the reverse: %v", op.Name(), err)
			continue
		}
		if !reflect.DeepEqual(back, op) {
			t.Errorf("%s: reverse of the reverse:\n got  %#v\n want %#v", op.Name(), back, op)
		}
	}
	irreversible := []ops.Operation{
		ops.DropEnum{Enum: "e"}, ops.DropSequence{Sequence: "s"}, ops.DropView{View: "v"},
		ops.ReplaceView{To: &model.View{Name: "v", Definition: "SELECT 1"}}, ops.Execute{SQL: "SELECT 1"},
		ops.CreateEnum{}, ops.CreateSequence{}, ops.CreateView{}, ops.AlterSequence{From: &model.Sequence{Name: "s"}},
	}
	for _, op := range irreversible {
		var ie *ops.IrreversibleError
		if _, err := op.Reverse(); !errors.As(err, &ie) {
			t.Errorf("%s (%#v): want an *IrreversibleError, got %v", op.Name(), op, err)
		}
	}
}

func TestObjectOpsInvalid(t *testing.T) {
	c := &ops.Context{Dialect: dialect.Postgres()}
	bad := []ops.Operation{
		ops.CreateEnum{},
		ops.CreateEnum{Enum: &model.EnumType{Name: "e"}},
		ops.CreateEnum{Enum: &model.EnumType{Name: "e", Values: []string{"a", "a"}}},
		ops.CreateEnum{Enum: &model.EnumType{Name: "e", Values: []string{""}}},
		ops.DropEnum{},
		ops.AddEnumValue{Enum: "e"},
		ops.AddEnumValue{Enum: "e", Value: "v", Before: "a", After: "b"},
		ops.RenameEnumValue{Enum: "e", From: "a"},
		ops.CreateSequence{Sequence: &model.Sequence{}},
		ops.CreateSequence{Sequence: &model.Sequence{Name: "s", Cache: -1}},
		ops.CreateSequence{Sequence: &model.Sequence{Name: "s", MinValue: new(int64(5)), MaxValue: new(int64(1))}},
		ops.DropSequence{},
		ops.AlterSequence{To: &model.Sequence{Name: "s"}},
		ops.CreateView{View: &model.View{Name: "v"}},
		ops.DropView{},
		ops.ReplaceView{From: &model.View{Name: "a", Definition: "SELECT 1"}, To: &model.View{Name: "b", Definition: "SELECT 2"}},
		ops.Execute{},
		ops.BulkInsert{Table: "t", Rows: [][]any{{1}}},
		ops.BulkInsert{Table: "t", Columns: []string{"a", "b"}, Rows: [][]any{{1}}},
		ops.BulkInsert{Table: "t", Columns: []string{"a", "a"}, Rows: [][]any{{1, 2}}},
		ops.BulkInsert{Table: "t", Columns: []string{"a", "b"}, RowMaps: []map[string]any{{"a": 1}}},
		ops.BulkInsert{Table: "t", Columns: []string{"a"}, RowMaps: []map[string]any{{"a": 1, "c": 2}}},
		ops.BulkInsert{Columns: []string{"a"}, Rows: [][]any{{1}}},
	}
	for _, op := range bad {
		if _, err := op.Statements(context.Background(), c); err == nil {
			t.Errorf("%s %#v: accepted", op.Name(), op)
		}
	}
}

// oldPostgres is PostgreSQL before 12, where ALTER TYPE … ADD VALUE cannot
// run inside a transaction.
type oldPostgres struct {
	dialect.Dialect
	dialect.Alterer
}

func (oldPostgres) AddEnumValueInTransaction() bool { return false }

func TestAddEnumValueNoTransaction(t *testing.T) {
	pg := dialect.Postgres()
	add := ops.AddEnumValue{Enum: "mood", Value: "c"}
	stmts, err := add.Statements(context.Background(), &ops.Context{Dialect: pg})
	if err != nil || len(stmts) != 1 || stmts[0].NoTransaction {
		t.Fatalf("PostgreSQL 15: %+v %v", stmts, err)
	}
	old := oldPostgres{Dialect: pg, Alterer: pg.(dialect.Alterer)}
	stmts, err = add.Statements(context.Background(), &ops.Context{Dialect: old})
	if err != nil || len(stmts) != 1 || !stmts[0].NoTransaction {
		t.Fatalf("PostgreSQL 11: %+v %v", stmts, err)
	}
	o := ops.NewOp(old, nil)
	o.InTransaction = true
	if err := o.Run(context.Background(), add); err == nil || !strings.Contains(err.Error(), "non-transactional") {
		t.Fatalf("in a transaction on PostgreSQL 11: %v", err)
	}
}

func TestBulkInsertStatements(t *testing.T) {
	rows := make([][]any, 2500)
	for i := range rows {
		rows[i] = []any{i, "it's"}
	}
	b := ops.BulkInsert{Table: "t", Columns: []string{"id", "name"}, Rows: rows}
	for _, d := range []dialect.Dialect{dialect.Postgres(), dialect.MySQL(), dialect.SQLite()} {
		stmts, err := b.Statements(context.Background(), &ops.Context{Dialect: d})
		if err != nil || len(stmts) != 3 {
			t.Fatalf("%s: %d statements, %v", d.Name(), len(stmts), err)
		}
		for _, s := range stmts {
			if len(s.Args) != 0 {
				t.Fatalf("%s: bound arguments in a literal insert", d.Name())
			}
		}
		if !strings.Contains(stmts[2].SQL, "(2499, 'it''s')") && !strings.Contains(stmts[2].SQL, `(2499, 'it\'s')`) {
			t.Errorf("%s: last statement: %.200s", d.Name(), stmts[2].SQL)
		}
	}
	var out []string
	o := ops.NewOfflineOp(dialect.Postgres(), func(s string) error { out = append(out, s); return nil })
	err := o.BulkInsert(context.Background(), ops.BulkInsert{Table: "t", RowMaps: []map[string]any{{"b": []byte{0xff}, "a": nil}}})
	if err != nil || len(out) != 1 || out[0] != `INSERT INTO "t" ("a", "b") VALUES (NULL, '\xff'::bytea)` {
		t.Fatalf("offline bulk insert: %q %v", out, err)
	}
}
