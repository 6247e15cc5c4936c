package ops_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// objectCase is an enum, sequence, view or execute operation applied to a
// small schema and reversed on a real database.
type objectCase struct {
	name string
	// setup creates what the operation starts from; setupFor, when set,
	// too, on the database at hand.
	setup    []ops.Operation
	setupFor func(d dialect.Dialect) []ops.Operation
	op       func(d dialect.Dialect) ops.Operation
	// refused: the database refuses the operation with an
	// *UnsupportedError (the case checks that and stops).
	refused func(c dialect.Capabilities) bool
	// noop: the operation compiles to nothing on this database.
	noop func(c dialect.Capabilities) bool
	// irreversible: Reverse must fail with an *IrreversibleError.
	irreversible bool
	// rows, when set, must read the same after the operation and after
	// its inverse: a query and the expected values.
	rowsQuery string
	rowsWant  []string
	// afterQuery / afterWant check the data once the operation ran.
	afterQuery string
	afterWant  []string
	// database: the case needs a database of its own (schemas,
	// extensions), inspected in every schema.
	database bool
}

var ticketsTable = &model.Table{
	Name: "tickets",
	Columns: []*model.Column{
		{Name: "id", Type: model.Integer},
		{Name: "status", Type: model.Varchar(20)},
	},
	PrimaryKey: &model.PrimaryKey{Name: "pk_tickets", Columns: []string{"id"}},
}

var moodEnum = &model.EnumType{Name: "mood", Values: []string{"sad", "ok", "happy"}}

func seq(name string) *model.Sequence {
	return &model.Sequence{Name: name, Start: 10, Increment: 5, MinValue: new(int64(1)), MaxValue: new(int64(100000)), Cache: 1}
}

func objectCases() []objectCase {
	named := func(c dialect.Capabilities) bool { return !c.NamedEnumTypes }
	noSeq := func(c dialect.Capabilities) bool { return !c.Sequences }
	seed := ops.Execute{SQL: "INSERT INTO tickets (id, status) VALUES (1, 'sad'), (2, 'happy'), (3, 'ok')"}
	view := func(def string) *model.View { return &model.View{Name: "open_tickets", Definition: def} }
	return []objectCase{
		{name: "create_enum", op: func(dialect.Dialect) ops.Operation { return ops.CreateEnum{Enum: moodEnum} }, noop: named},
		{name: "drop_enum", setup: []ops.Operation{ops.CreateEnum{Enum: moodEnum}},
			op:   func(dialect.Dialect) ops.Operation { return ops.DropEnum{Enum: "mood", Values: moodEnum.Values} },
			noop: named},
		{name: "rename_enum_value", setup: []ops.Operation{ops.CreateEnum{Enum: moodEnum}},
			op:      func(dialect.Dialect) ops.Operation { return ops.RenameEnumValue{Enum: "mood", From: "ok", To: "fine"} },
			refused: named},
		{name: "add_enum_value", setup: []ops.Operation{ops.CreateEnum{Enum: moodEnum}},
			op:      func(dialect.Dialect) ops.Operation { return ops.AddEnumValue{Enum: "mood", Value: "meh", Before: "ok"} },
			refused: named, irreversible: true},
		{name: "alter_column_to_enum", setup: []ops.Operation{ops.CreateEnum{Enum: moodEnum}, ops.CreateTable{Table: ticketsTable}, seed},
			op: func(d dialect.Dialect) ops.Operation {
				from := ticketsTable.Column("status").Clone()
				to := from.Clone()
				to.Type = model.Type{Kind: model.KindEnum, EnumName: "mood", Values: moodEnum.Values}
				o := ops.AlterColumn{Table: "tickets", Column: "status", Existing: from, New: to}
				if d.Capabilities().NamedEnumTypes {
					o.Using, o.ReverseUsing = `"status"::"mood"`, `"status"::text`
				}
				return o
			},
			rowsQuery: "SELECT status FROM tickets ORDER BY id", rowsWant: []string{"sad", "happy", "ok"}},
		{name: "create_sequence", op: func(dialect.Dialect) ops.Operation { return ops.CreateSequence{Sequence: seq("order_no")} }, refused: noSeq},
		{name: "drop_sequence", setup: []ops.Operation{ops.CreateSequence{Sequence: seq("order_no")}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.DropSequence{Sequence: "order_no", Existing: seq("order_no")}
			},
			refused: noSeq},
		{name: "alter_sequence", setup: []ops.Operation{ops.CreateSequence{Sequence: seq("order_no")}},
			op: func(dialect.Dialect) ops.Operation {
				to := seq("order_no")
				to.Increment, to.MaxValue, to.Cycle = 7, new(int64(5000)), true
				return ops.AlterSequence{From: seq("order_no"), To: to}
			}, refused: noSeq},
		{name: "create_view", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.CreateView{View: view("SELECT id, status FROM tickets WHERE status <> 'sad'")}
			}},
		{name: "drop_view", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable},
			ops.CreateView{View: view("SELECT id, status FROM tickets WHERE status <> 'sad'")}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.DropView{View: "open_tickets", Existing: view("SELECT id, status FROM tickets WHERE status <> 'sad'")}
			}},
		{name: "replace_view", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable}, seed,
			ops.CreateView{View: view("SELECT id, status FROM tickets WHERE status <> 'sad'")}},
			op: func(dialect.Dialect) ops.Operation {
				return ops.ReplaceView{From: view("SELECT id, status FROM tickets WHERE status <> 'sad'"),
					To: view("SELECT id, status FROM tickets WHERE status = 'sad'")}
			},
			rowsQuery: "SELECT id FROM open_tickets ORDER BY id", rowsWant: []string{"2", "3"},
			afterQuery: "SELECT id FROM open_tickets ORDER BY id", afterWant: []string{"1"}},
		{name: "execute_with_reverse", setup: []ops.Operation{ops.CreateTable{Table: ticketsTable}},
			op: func(d dialect.Dialect) ops.Operation {
				rs, _ := dialect.RunSupportOf(d)
				return ops.Execute{
					SQL:        fmt.Sprintf("INSERT INTO tickets (id, status) VALUES (%s, %s)", rs.Placeholder(1), rs.Placeholder(2)),
					Args:       []any{7, "it's ☃"},
					ReverseSQL: "DELETE FROM tickets WHERE id = " + rs.Placeholder(1), ReverseArgs: []any{7},
				}
			},
			rowsQuery: "SELECT status FROM tickets ORDER BY id", rowsWant: nil,
			afterQuery: "SELECT status FROM tickets ORDER BY id", afterWant: []string{"it's ☃"}},
	}
}

// TestObjectOperations applies each enum, sequence, view and execute
// operation on every database, then its inverse, and checks that the
// schema (and the rows, where promised) are as before.
func TestObjectOperations(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range append(objectCases(), schemaObjectCases()...) {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					runObjectCase(t, openObjectCase(t, name, tc), tc)
				})
			}
		})
	}
}

// openObjectCase opens the database a case runs on: a database of its
// own, or the usual private schema.
func openObjectCase(t *testing.T, name string, tc objectCase) *dialect.DB {
	if !tc.database {
		db, _ := testdb.Open(t, name)
		return db
	}
	db, err := dialect.Open(context.Background(), testdb.NewDatabase(t, name).URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func runObjectCase(t *testing.T, db *dialect.DB, tc objectCase) {
	ctx := context.Background()
	var schemas []string
	if _, ok := db.Dialect.(dialect.SchemaObjects); ok && tc.database {
		schemas = []string{"*"}
	}
	d := db.Dialect
	o := ops.NewOp(d, db)
	o.LiveTable = ops.LiveTableOf(db)
	op := tc.op(d)
	if tc.setupFor != nil {
		tc.setup = append(tc.setup, tc.setupFor(d)...)
	}
	if tc.refused != nil && tc.refused(d.Capabilities()) {
		_, err := op.Statements(ctx, o.Context())
		var ue *dialect.UnsupportedError
		if !errors.As(err, &ue) {
			t.Fatalf("%s: want an *UnsupportedError, got %v", op.Name(), err)
		}
		t.Logf("refused as expected: %v", err)
		return
	}
	if tc.noop != nil && tc.noop(d.Capabilities()) {
		stmts, err := op.Statements(ctx, o.Context())
		if err != nil || len(stmts) != 0 {
			t.Fatalf("%s: want no statements, got %v, %v", op.Name(), stmts, err)
		}
		// Nothing runs, and the model the setup and the operation apply
		// to agrees with the database.
		before := ops.InspectNormalized(t, db, schemas...)
		m := before.Clone()
		if err := ops.Apply(m, tc.setup...); err != nil {
			t.Fatalf("apply the setup: %v", err)
		}
		ops.ExpectApplied(t, d, m, op, before)
		return
	}
	if err := o.Run(ctx, tc.setup...); err != nil {
		t.Fatalf("setup: %v", err)
	}
	before := ops.InspectNormalized(t, db, schemas...)
	if tc.rowsQuery != "" {
		objRows(t, db, "before", tc.rowsQuery, tc.rowsWant)
	}
	if err := o.Run(ctx, op); err != nil {
		t.Fatalf("run: %v", err)
	}
	mid := ops.InspectNormalized(t, db, schemas...)
	ops.ExpectApplied(t, d, before, op, mid)
	if tc.afterQuery != "" {
		objRows(t, db, "after", tc.afterQuery, tc.afterWant)
	} else if modeltest.Diff(before, mid) == "" {
		t.Fatalf("%s changed nothing in the schema", op.Name())
	}
	if tc.rowsQuery != "" && tc.afterQuery == "" {
		objRows(t, db, "applied", tc.rowsQuery, tc.rowsWant)
	}
	rev, err := op.Reverse()
	if tc.irreversible {
		var ie *ops.IrreversibleError
		if !errors.As(err, &ie) || ie.Reason == "" {
			t.Fatalf("reverse: want an *IrreversibleError, got %v, %v", rev, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("reverse: %v", err)
	}
	ops.RunReverse(t, o, db, op, rev, before, schemas...)
	ops.ExpectApplied(t, d, mid, rev, before)
	if tc.rowsQuery != "" {
		objRows(t, db, "reversed", tc.rowsQuery, tc.rowsWant)
	}
}

// TestAddEnumValueLands checks on PostgreSQL that the value is added
// where asked, and on the other databases that the refusal points to
// AlterColumn.
func TestAddEnumValueLands(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			ctx := context.Background()
			o := ops.NewOp(db.Dialect, db)
			add := ops.AddEnumValue{Enum: "mood", Value: "meh", After: "sad"}
			if !db.Dialect.Capabilities().NamedEnumTypes {
				err := o.Run(ctx, add)
				var ue *dialect.UnsupportedError
				if !errors.As(err, &ue) || !strings.Contains(ue.Hint, "AlterColumn") {
					t.Fatalf("want an *UnsupportedError pointing to AlterColumn, got %v", err)
				}
				return
			}
			if err := o.Run(ctx, ops.CreateEnum{Enum: moodEnum}, add); err != nil {
				t.Fatal(err)
			}
			md := ops.InspectNormalized(t, db)
			if len(md.Enums) != 1 || strings.Join(md.Enums[0].Values, ",") != "sad,meh,ok,happy" {
				t.Fatalf("enums after add value: %+v", md.Enums)
			}
		})
	}
}

// TestExecuteOffline checks that offline the parameters of Execute (native
// $n or portable ?) are written as escaped literals, a value that has no
// literal is refused naming it, and plain SQL is printed as it is.
func TestExecuteOffline(t *testing.T) {
	var out []string
	o := ops.NewOfflineOp(dialect.Postgres(), func(s string) error { out = append(out, s); return nil })
	ctx := context.Background()
	if err := o.Run(ctx, ops.Execute{SQL: "UPDATE t SET a = $1, b = $2", Args: []any{1, "it's"}}); err != nil {
		t.Fatalf("offline execute with args: %v", err)
	}
	if err := o.Run(ctx, ops.Execute{SQL: "UPDATE t SET a = ?", Args: []any{"x\x00y"}}); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("offline execute with a NUL string: %v", err)
	}
	if err := o.Run(ctx, ops.Execute{SQL: "UPDATE t SET a = 1"}); err != nil {
		t.Fatalf("offline execute: %v", err)
	}
	if want := []string{"UPDATE t SET a = 1, b = 'it''s'", "UPDATE t SET a = 1"}; !slices.Equal(out, want) {
		t.Fatalf("printed %q, want %q", out, want)
	}
}

// objRows runs a one-column query and compares its values as strings.
// The stage goes into the query text as a comment, so that a driver's
// cached plan from before a type change is not reused.
func objRows(t *testing.T, db *dialect.DB, stage, query string, want []string) {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query+" /* "+stage+" */")
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var v any
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		if b, ok := v.([]byte); ok {
			v = string(b)
		}
		got = append(got, fmt.Sprint(v))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s: got %q, want %q", query, got, want)
	}
}
