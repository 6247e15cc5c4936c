package ops

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// applyBase is the model the Apply tests start from.
func applyBase() *model.MetaData {
	return &model.MetaData{
		Tables: []*model.Table{{
			Name: "users",
			Columns: []*model.Column{
				{Name: "id", Type: model.Integer},
				{Name: "email", Type: model.Varchar(50)},
				{Name: "team_id", Type: model.Integer, Nullable: true},
			},
			PrimaryKey:  &model.PrimaryKey{Name: "pk_users", Columns: []string{"id"}},
			Uniques:     []*model.Unique{{Name: "uq_users_email", Columns: []string{"email"}}},
			ForeignKeys: []*model.ForeignKey{{Name: "fk_users_team", Columns: []string{"team_id"}, RefTable: "teams", RefColumns: []string{"id"}}},
			Checks:      []*model.Check{{Name: "ck_users_id", Expr: "id > 0"}},
			Indexes:     []*model.Index{{Name: "ix_users_team", Parts: model.Cols("team_id")}},
		}, {
			Name:       "teams",
			Columns:    []*model.Column{{Name: "id", Type: model.Integer}, {Name: "mood", Type: model.Enum("mood", "sad", "ok"), Nullable: true}},
			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		}},
		Enums:     []*model.EnumType{{Name: "mood", Values: []string{"sad", "ok"}}},
		Sequences: []*model.Sequence{{Name: "seq"}},
		Views:     []*model.View{{Name: "v", Definition: "SELECT 1"}},
	}
}

// TestApplyRefusesMissingAndExisting: an operation whose object is missing,
// or whose new object exists already, fails with an error naming it.
func TestApplyRefusesMissingAndExisting(t *testing.T) {
	cases := []struct {
		op   Operation
		want string
	}{
		{CreateTable{Table: &model.Table{Name: "users", Columns: []*model.Column{{Name: "x", Type: model.Integer}}}}, `table "users" already exists`},
		{DropTable{Table: "nope"}, `table "nope" does not exist`},
		{RenameTable{Table: "users", NewName: "teams"}, `table "teams" already exists`},
		{RenameTable{Table: "nope", NewName: "x"}, `table "nope" does not exist`},
		{AddColumn{Table: "users", Column: &model.Column{Name: "email", Type: model.Text}}, `table "users" already has a column "email"`},
		{AddColumn{Table: "nope", Column: &model.Column{Name: "x", Type: model.Text}}, `table "nope" does not exist`},
		{DropColumn{Table: "users", Column: "nope"}, `table "users" has no column "nope"`},
		{AlterColumn{Table: "users", Column: "nope", New: &model.Column{Type: model.Text}}, `table "users" has no column "nope"`},
		{AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "id"}}, `table "users" already has a column "id"`},
		{SetColumnComment{Table: "users", Column: "nope", Comment: "x"}, `table "users" has no column "nope"`},
		{SetTableComment{Table: "nope", Comment: "x"}, `table "nope" does not exist`},
		{CreatePrimaryKey{Table: "users", PrimaryKey: &model.PrimaryKey{Columns: []string{"email"}}}, `table "users" already has a primary key`},
		{DropPrimaryKey{Table: "teams", Constraint: "x"}, ``},
		{CreateUnique{Table: "users", Unique: &model.Unique{Name: "uq_users_email", Columns: []string{"id"}}}, `table "users" already has a unique constraint "uq_users_email"`},
		{CreateUnique{Table: "users", Unique: &model.Unique{Name: "uq_x", Columns: []string{"nope"}}}, `table "users" has no column "nope"`},
		{DropUnique{Table: "users", Constraint: "nope"}, `table "users" has no unique constraint "nope"`},
		{CreateForeignKey{Table: "users", ForeignKey: &model.ForeignKey{Name: "fk_users_team", Columns: []string{"team_id"}, RefTable: "teams", RefColumns: []string{"id"}}}, `table "users" already has a foreign key "fk_users_team"`},
		{DropForeignKey{Table: "users", Constraint: "nope"}, `table "users" has no foreign key "nope"`},
		{CreateCheck{Table: "users", Check: &model.Check{Name: "ck_users_id", Expr: "id < 9"}}, `table "users" already has a check constraint "ck_users_id"`},
		{DropCheck{Table: "users", Constraint: "nope"}, `table "users" has no check constraint "nope"`},
		{CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_team", Parts: model.Cols("id")}}, `table "users" already has an index "ix_users_team"`},
		{CreateIndex{Table: "users", Index: &model.Index{Name: "ix_new", Parts: model.Cols("nope")}}, `table "users" has no column "nope"`},
		{DropIndex{Table: "users", Index: "nope"}, `table "users" has no index "nope"`},
		{CreateEnum{Enum: &model.EnumType{Name: "mood", Values: []string{"a"}}}, `enum type "mood" already exists`},
		{DropEnum{Enum: "nope"}, `enum type "nope" does not exist`},
		{AddEnumValue{Enum: "mood", Value: "ok"}, `enum type "mood" already has the value "ok"`},
		{AddEnumValue{Enum: "mood", Value: "new", Before: "nope"}, `enum type "mood" has no value "nope"`},
		{RenameEnumValue{Enum: "mood", From: "nope", To: "x"}, `enum type "mood" has no value "nope"`},
		{CreateSequence{Sequence: &model.Sequence{Name: "seq"}}, `sequence "seq" already exists`},
		{DropSequence{Sequence: "nope"}, `sequence "nope" does not exist`},
		{AlterSequence{From: &model.Sequence{Name: "nope"}, To: &model.Sequence{Increment: 2}}, `sequence "nope" does not exist`},
		{CreateView{View: &model.View{Name: "v", Definition: "SELECT 2"}}, `view "v" already exists`},
		{DropView{View: "nope"}, `view "nope" does not exist`},
		{ReplaceView{To: &model.View{Name: "nope", Definition: "SELECT 2"}}, `view "nope" does not exist`},
		{BulkInsert{Table: "users", Columns: []string{"nope"}, Rows: [][]any{{1}}}, `table "users" has no column "nope"`},
		{BatchAlterTable{Table: "users", Ops: []Operation{DropColumn{Column: "nope"}}}, `table "users" has no column "nope"`},
		{BatchAlterTable{Table: "users", Ops: []Operation{Execute{SQL: "SELECT 1"}}}, `execute: its change to the schema is unknown`},
	}
	for _, tc := range cases {
		t.Run(tc.op.Name()+"/"+tc.want, func(t *testing.T) {
			m := applyBase()
			err := Apply(m, tc.op)
			if tc.want == "" {
				tc.want = `table "teams" has no primary key`
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				err = Apply(m, tc.op)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.op.Name()) {
				t.Errorf("err = %v does not name the operation %s", err, tc.op.Name())
			}
		})
	}
}

// TestApplyKeepsNamesOfAnotherCase: PostgreSQL keeps names that differ
// only in case apart (PostgREST's fixtures have tables test."Foo" and
// test.foo, columns "ID" and id): creating or renaming to one of them
// while the other exists is no conflict, and an operation on a name finds
// the one spelled exactly.
func TestApplyKeepsNamesOfAnotherCase(t *testing.T) {
	cases := []Operation{
		CreateTable{Table: &model.Table{Name: "Users", Columns: []*model.Column{{Name: "x", Type: model.Integer}}}},
		RenameTable{Table: "teams", NewName: "Users"},
		AddColumn{Table: "users", Column: &model.Column{Name: "Email", Type: model.Text}},
		AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "ID"}},
		CreateIndex{Table: "users", Index: &model.Index{Name: "IX_users_team", Parts: model.Cols("id")}},
		CreateCheck{Table: "users", Check: &model.Check{Name: "CK_users_id", Expr: "id < 9"}},
		CreateEnum{Enum: &model.EnumType{Name: "Mood", Values: []string{"a"}}},
		CreateSequence{Sequence: &model.Sequence{Name: "Seq"}},
		CreateView{View: &model.View{Name: "V", Definition: "SELECT 2"}},
		CreateDomain{Domain: &model.Domain{Name: "Uint", Type: model.Integer}},
		CreateDefinition{Definition: &model.Definition{Kind: model.DefFunction, Name: "F", SQL: "CREATE FUNCTION \"F\"() RETURNS int LANGUAGE sql AS 'SELECT 1'"}},
	}
	for _, op := range cases {
		t.Run(op.Name(), func(t *testing.T) {
			m := applyBase()
			m.Domains = []*model.Domain{{Name: "uint", Type: model.Integer}}
			m.Definitions = []*model.Definition{{Kind: model.DefFunction, Name: "f", SQL: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"}}
			if err := Apply(m, op); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if _, rename := op.(RenameTable); rename {
				return
			}
			if _, rename := op.(AlterColumn); rename {
				return
			}
			if err := Apply(m, op); err == nil || !strings.Contains(err.Error(), "already") {
				t.Errorf("applied twice: err = %v, want it to exist already", err)
			}
		})
	}
	m := applyBase()
	for _, op := range []Operation{
		CreateTable{Table: &model.Table{Name: "Users", Columns: []*model.Column{{Name: "x", Type: model.Integer}}}},
		AddColumn{Table: "users", Column: &model.Column{Name: "Email", Type: model.Text}},
		DropColumn{Table: "users", Column: "email"},
	} {
		if err := Apply(m, op); err != nil {
			t.Fatalf("%s: %v", op.Name(), err)
		}
	}
	if c := m.Table("", "users").Columns; len(c) != 3 || c[2].Name != "Email" || m.Table("", "Users").Columns[0].Name != "x" {
		t.Errorf("users has %d columns (last %q), want id, team_id, Email; Users keeps x", len(c), c[len(c)-1].Name)
	}
}

// TestApplyFollowsReferences: renames and drops reach what refers to the
// object, as on the database.
func TestApplyFollowsReferences(t *testing.T) {
	m := applyBase()
	err := Apply(m,
		RenameTable{Table: "teams", NewName: "squads"},
		AlterColumn{Table: "squads", Column: "id", New: &model.Column{Name: "squad_id"}},
		AlterColumn{Table: "users", Column: "team_id", New: &model.Column{Name: "squad_id", Nullable: true}},
		AddEnumValue{Enum: "mood", Value: "glad", After: "sad"},
		RenameEnumValue{Enum: "mood", From: "ok", To: "fine"},
		DropColumn{Table: "users", Column: "email"},
	)
	if err != nil {
		t.Fatal(err)
	}
	users := m.Table("", "users")
	fk := users.ForeignKeys[0]
	if fk.RefTable != "squads" || fk.RefColumns[0] != "squad_id" || fk.Columns[0] != "squad_id" {
		t.Errorf("foreign key = %+v, want squad_id → squads(squad_id)", fk)
	}
	if users.Indexes[0].Parts[0].Column != "squad_id" {
		t.Errorf("index = %+v, want on squad_id", users.Indexes[0])
	}
	if got := users.Column("squad_id").Type; got.Kind != model.KindInteger {
		t.Errorf("an unset New.Type must keep the type, got %+v", got)
	}
	if len(users.Uniques) != 0 {
		t.Errorf("the unique constraint on the dropped column stayed: %+v", users.Uniques)
	}
	want := "sad,glad,fine"
	if got := strings.Join(m.Enum("", "mood").Values, ","); got != want {
		t.Errorf("enum values = %s, want %s", got, want)
	}
	if got := strings.Join(m.Table("", "squads").Column("mood").Type.Values, ","); got != want {
		t.Errorf("enum column values = %s, want %s", got, want)
	}
	if got := strings.Join(applyBase().Enums[0].Values, ","); got != "sad,ok" {
		t.Errorf("Apply changed a fresh base: %s", got)
	}
}

// TestApplyUnknownChange: Execute has no Apply; the error says so by type.
func TestApplyUnknownChange(t *testing.T) {
	var ue *UnknownChangeError
	if err := Apply(applyBase(), Execute{SQL: "DROP TABLE users"}); !errors.As(err, &ue) || ue.Op != "execute" {
		t.Fatalf("err = %v, want an *UnknownChangeError for execute", err)
	}
	// BulkInsert changes nothing and says so.
	m := applyBase()
	if err := Apply(m, BulkInsert{Table: "users", Columns: []string{"id", "email"}, Rows: [][]any{{1, "a"}}}); err != nil {
		t.Fatal(err)
	}
}

// TestBatchReverseNotValidIsDialectFree is the regression test of a batch
// with CreateCheck{NotValid: true} on PostgreSQL: it compiled, but its
// Reverse worked the table after the batch out through the SQLite dialect,
// which refuses NOT VALID, so that no downgrade could be written from it.
func TestBatchReverseNotValidIsDialectFree(t *testing.T) {
	base := &model.Table{Name: "users", Columns: []*model.Column{{Name: "id", Type: model.Integer}, {Name: "code", Type: model.Text, Nullable: true}}}
	b := BatchAlterTable{Table: "users", CopyFrom: base, Ops: []Operation{
		CreateCheck{Check: &model.Check{Name: "ck_users_code", Expr: "code <> ''"}, NotValid: true},
	}}
	stmts, err := b.Statements(context.Background(), &Context{Dialect: dialect.Postgres()})
	if err != nil || len(stmts) != 1 || !strings.Contains(stmts[0].SQL, "NOT VALID") {
		t.Fatalf("statements = %v, %v; want one ADD CONSTRAINT … NOT VALID", stmts, err)
	}
	r, err := b.Reverse()
	if err != nil {
		t.Fatalf("Reverse: %v", err)
	}
	rev := r.(BatchAlterTable)
	if len(rev.CopyFrom.Checks) != 1 || rev.CopyFrom.Checks[0].Name != "ck_users_code" {
		t.Fatalf("the inverse's CopyFrom must carry the new check: %+v", rev.CopyFrom.Checks)
	}
	if _, ok := rev.Ops[0].(DropCheck); !ok {
		t.Fatalf("inverse op = %T, want DropCheck", rev.Ops[0])
	}
	down, err := rev.Statements(context.Background(), &Context{Dialect: dialect.Postgres()})
	if err != nil || len(down) != 1 || !strings.Contains(down[0].SQL, "DROP CONSTRAINT") {
		t.Fatalf("inverse statements = %v, %v", down, err)
	}
}

// TestReverseFrom: the state an inverse needs comes from the schema before
// the operation when the operation does not carry it.
func TestReverseFrom(t *testing.T) {
	m := applyBase()
	cases := []struct {
		op    Operation
		check func(rev Operation) bool
	}{
		{DropColumn{Table: "users", Column: "email"}, func(r Operation) bool {
			return r.(AddColumn).Column.Type.Equal(model.Varchar(50))
		}},
		{AlterColumn{Table: "users", Column: "email", New: &model.Column{Name: "mail", Nullable: true}}, func(r Operation) bool {
			ac := r.(AlterColumn)
			return ac.Column == "mail" && ac.New.Name == "email" && !ac.New.Nullable && ac.Existing.Type.Equal(model.Varchar(50))
		}},
		{DropIndex{Table: "users", Index: "ix_users_team"}, func(r Operation) bool { return r.(CreateIndex).Index.Parts[0].Column == "team_id" }},
		{DropUnique{Table: "users", Constraint: "uq_users_email"}, func(r Operation) bool { return r.(CreateUnique).Unique.Columns[0] == "email" }},
		{DropForeignKey{Table: "users", Constraint: "fk_users_team"}, func(r Operation) bool { return r.(CreateForeignKey).ForeignKey.RefTable == "teams" }},
		{DropCheck{Table: "users", Constraint: "ck_users_id"}, func(r Operation) bool { return r.(CreateCheck).Check.Expr == "id > 0" }},
		{DropPrimaryKey{Table: "users"}, func(r Operation) bool { return r.(CreatePrimaryKey).PrimaryKey.Name == "pk_users" }},
		{DropTable{Table: "teams"}, func(r Operation) bool { return len(r.(CreateTable).Table.Columns) == 2 }},
		{DropEnum{Enum: "mood"}, func(r Operation) bool { return len(r.(CreateEnum).Enum.Values) == 2 }},
		{DropSequence{Sequence: "seq"}, func(r Operation) bool { return r.(CreateSequence).Sequence.Name == "seq" }},
		{DropView{View: "v"}, func(r Operation) bool { return r.(CreateView).View.Definition == "SELECT 1" }},
		{SetTableComment{Table: "users", Comment: "people"}, func(r Operation) bool { return r.(SetTableComment).Comment == "" }},
	}
	for _, tc := range cases {
		t.Run(tc.op.Name(), func(t *testing.T) {
			var ie *IrreversibleError
			if _, err := tc.op.Reverse(); !errors.As(err, &ie) && tc.op.Name() != "set_table_comment" {
				t.Fatalf("without the model: err = %v, want an *IrreversibleError", err)
			}
			rev, err := ReverseFrom(m, tc.op)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(rev) {
				t.Errorf("inverse %#v lacks the state of the model", rev)
			}
		})
	}
	if got := applyBase(); len(m.Tables) != len(got.Tables) || len(m.Tables[0].Columns) != 3 {
		t.Error("ReverseFrom changed the model")
	}
}

// TestExprColumnRefs: the dialect-free reading of expressions finds the
// references Apply follows, and nothing in strings, comments, function
// names or cast types.
func TestExprColumnRefs(t *testing.T) {
	cases := []struct {
		expr, column string
		mentions     bool
		renamed      string // to "new name"
	}{
		{"age >= 0", "age", true, `"new name" >= 0`},
		{"AGE >= 0 AND x < 1", "age", true, `"new name" >= 0 AND x < 1`},
		{`"age" > 0`, "age", true, `"new name" > 0`},
		{"`age` > 0", "age", true, "`new name` > 0"},
		{"[age] > 0", "age", true, "[new name] > 0"},
		{"'age' <> status", "age", false, "'age' <> status"},
		{"age(born) > 1 -- age\n", "age", false, "age(born) > 1 -- age\n"},
		{"x /* age */ > 1", "age", false, "x /* age */ > 1"},
		{"status::age <> ''", "age", false, "status::age <> ''"},
		{"lower(note)", "note", true, `lower("new name")`},
		{"'it''s' = note", "note", true, `'it''s' = "new name"`},
		{`"a""b" = 1`, `a"b`, true, `"new name" = 1`},
		{"'open", "age", true, "'open"},
	}
	for _, tc := range cases {
		if got := exprMentions(tc.expr, tc.column); got != tc.mentions {
			t.Errorf("exprMentions(%q, %q) = %v, want %v", tc.expr, tc.column, got, tc.mentions)
		}
		if got := renameInExpr(tc.expr, tc.column, "new name"); got != tc.renamed {
			t.Errorf("renameInExpr(%q, %q) = %q, want %q", tc.expr, tc.column, got, tc.renamed)
		}
	}
	if got := renameInExpr("age > 0", "age", "years"); got != "years > 0" {
		t.Errorf("a plain new name stays bare: %q", got)
	}
}

// TestQuoteColumnRefs: bare references to the column are quoted by the
// caller's quoting, other references, strings and functions are left.
func TestQuoteColumnRefs(t *testing.T) {
	backtick := func(n string) string { return "`" + n + "`" }
	tests := []struct{ expr, want string }{
		{"n * 2", "`n` * 2"},
		{"N > 0 AND m > 0", "`N` > 0 AND m > 0"},
		{"\"n\" > 0 OR 'n' = n(n)", "\"n\" > 0 OR 'n' = n(`n`)"},
		{"nn > 0", "nn > 0"},
	}
	for _, tc := range tests {
		tb := &model.Table{Name: "t", Checks: []*model.Check{{Name: "ck", Expr: tc.expr}}}
		QuoteColumnRefs(tb, "n", backtick)
		if got := tb.Checks[0].Expr; got != tc.want {
			t.Errorf("QuoteColumnRefs(%q) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
