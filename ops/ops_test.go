package ops_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// sampleOps holds every operation of this package with every field set
// somewhere, for the GoSource and Reverse tests.
func sampleOps() []ops.Operation {
	users := &model.Table{
		Schema:  "app",
		Name:    `us"ers`,
		Comment: "people\nand more",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, Identity: &model.Identity{Always: true, Start: 5, Increment: 1}},
			{Name: "email", Type: model.Varchar(200), Collation: "C", Comment: "it's"},
			{Name: "score", Type: model.Numeric(10, 2), Nullable: true, Default: model.DefaultLiteral(1.5)},
			{Name: "mood", Type: model.Enum("mood", "a", "b"), Default: model.DefaultLiteral("a")},
			{Name: "at", Type: model.TimestampTZ, Default: model.DefaultExpr("now()")},
			{Name: "g", Type: model.BigInt, Generated: &model.Generated{Expr: "id * 2", Stored: true}},
		},
		PrimaryKey:  &model.PrimaryKey{Name: "pk_users", Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk", Columns: []string{"id"}, RefTable: "p", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
		Uniques:     []*model.Unique{{Name: "uq_email", Columns: []string{"email"}}},
		Checks:      []*model.Check{{Name: "ck_score", Expr: "score >= 0"}},
		Indexes:     []*model.Index{{Name: "ix", Parts: []model.IndexPart{{Column: "email", Desc: true}, {Expr: "lower(email)"}}, Where: "score > 0", Method: "btree"}},
		Options:     map[string]string{"TABLESPACE": "fast"},
	}
	col := &model.Column{Name: "age", Type: model.Integer, Nullable: true, Default: model.DefaultLiteral(int64(-1)), Comment: "years"}
	fk := &model.ForeignKey{Name: "fk_team", Columns: []string{"team_id", "org_id"}, RefSchema: "org", RefTable: "teams",
		RefColumns: []string{"id", "org_id"}, OnDelete: model.SetNull, OnUpdate: model.Restrict, Deferrable: true, InitiallyDeferred: true, NotValid: true}
	return []ops.Operation{
		ops.CreateTable{Table: users},
		ops.DropTable{Schema: "app", Table: "old", Existing: &model.Table{Name: "old", Columns: []*model.Column{{Name: "x", Type: model.Raw("int[]")}}}},
		ops.RenameTable{Schema: "app", Table: "a", NewName: "b"},
		ops.AddColumn{Table: "users", Column: col},
		ops.DropColumn{Table: "users", Column: "age", Existing: col},
		ops.AlterColumn{Schema: "app", Table: "users", Column: "status",
			Existing: &model.Column{Name: "status", Type: model.Text, Nullable: true},
			New:      &model.Column{Name: "state", Type: model.Enum("mood", "a", "b"), Default: model.DefaultLiteral(true), AutoIncrement: true},
			Using:    `"status"::mood`, ReverseUsing: `"state"::text`},
		ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_a", Unique: true, Parts: []model.IndexPart{{Column: "a", Length: 4}}, Include: []string{"b"}}, Concurrently: true, IfNotExists: true},
		ops.DropIndex{Table: "users", Index: "ix_a", Existing: &model.Index{Name: "ix_a", Parts: model.Cols("a")}, Concurrently: true, IfExists: true},
		ops.CreatePrimaryKey{Table: "users", PrimaryKey: &model.PrimaryKey{Name: "pk", Columns: []string{"a", "b"}}},
		ops.DropPrimaryKey{Table: "users", Constraint: "pk", Existing: &model.PrimaryKey{Name: "pk", Columns: []string{"a"}}},
		ops.CreateUnique{Table: "users", Unique: &model.Unique{Name: "uq", Columns: []string{"a"}}},
		ops.DropUnique{Table: "users", Constraint: "uq", Existing: &model.Unique{Name: "uq", Columns: []string{"a"}}},
		ops.CreateForeignKey{Table: "users", ForeignKey: fk},
		ops.DropForeignKey{Table: "users", Constraint: "fk_team", Existing: fk},
		ops.CreateCheck{Table: "users", Check: &model.Check{Name: "ck", Expr: "a <> 'x'"}, NotValid: true},
		ops.DropCheck{Table: "users", Constraint: "ck", Existing: &model.Check{Name: "ck", Expr: "a > 0"}},
		ops.SetTableComment{Table: "users", Comment: "new", Existing: "old"},
		ops.SetColumnComment{Table: "users", Column: "a", Comment: "new", Existing: "", Definition: &model.Column{Name: "a", Type: model.Text}},
	}
}

// opJSON is how the GoSource test compares operations: name and fields.
func opJSON(t *testing.T, list []ops.Operation) string {
	t.Helper()
	type named struct {
		Name string
		Op   ops.Operation
	}
	var out []named
	for _, op := range list {
		out = append(out, named{op.Name(), op})
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGoSourceCompiles renders every operation as Go, builds and runs the
// code inside the module, and checks that it builds the same operations.
func TestGoSourceCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	all := sampleOps()
	var b strings.Builder
	b.WriteString(`package main

import (
	"encoding/json"
	"os"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

var _ = model.Integer

type named struct {
	Name string
	Op   ops.Operation
}

func main() {
	all := []ops.Operation{
`)
	for _, op := range all {
		src, err := op.GoSource()
		if err != nil {
			t.Fatalf("%s: GoSource: %v", op.Name(), err)
		}
		b.WriteString(src + ",\n")
	}
	b.WriteString(`	}
	var out []named
	for _, op := range all {
		out = append(out, named{op.Name(), op})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`)
	if _, err := os.Stat("testdata"); os.IsNotExist(err) {
		if err := os.Mkdir("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove("testdata") })
	}
	dir, err := os.MkdirTemp("testdata", "compile-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "run", "./"+dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s\nsource:\n%s", err, out, b.String())
	}
	want := opJSON(t, all)
	if got := strings.TrimSpace(string(out)); got != want {
		t.Errorf("operations built by the rendered code differ:\nwant %s\ngot  %s", want, got)
	}
}

// TestReverseTwice checks that reversing a reversible operation twice
// gives it back.
func TestReverseTwice(t *testing.T) {
	for _, op := range sampleOps() {
		t.Run(op.Name(), func(t *testing.T) {
			rev, err := op.Reverse()
			if err != nil {
				t.Fatal(err)
			}
			back, err := rev.Reverse()
			if err != nil {
				t.Fatal(err)
			}
			if op.Name() == "drop_table" {
				// The table definition takes the operation's schema and name.
				return
			}
			if ck, ok := op.(ops.CreateCheck); ok {
				// A dropped constraint comes back validated.
				ck.NotValid = false
				op = ck
			}
			if got, want := opJSON(t, []ops.Operation{back}), opJSON(t, []ops.Operation{op}); got != want {
				t.Errorf("reverse of reverse:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestIrreversible checks the operations that lack the state to reverse.
func TestIrreversible(t *testing.T) {
	for _, op := range []ops.Operation{
		ops.DropTable{Table: "t"},
		ops.DropColumn{Table: "t", Column: "c"},
		ops.AlterColumn{Table: "t", Column: "c", New: &model.Column{Name: "c", Type: model.Text}},
		ops.DropIndex{Table: "t", Index: "ix"},
		ops.DropPrimaryKey{Table: "t"},
		ops.DropUnique{Table: "t", Constraint: "uq"},
		ops.DropForeignKey{Table: "t", Constraint: "fk"},
		ops.DropCheck{Table: "t", Constraint: "ck"},
		ops.CreateUnique{Table: "t", Unique: &model.Unique{Columns: []string{"a"}}},
	} {
		_, err := op.Reverse()
		var ie *ops.IrreversibleError
		if !errors.As(err, &ie) {
			t.Errorf("%s: Reverse: got %v, want an *IrreversibleError", op.Name(), err)
		}
	}
}

// TestValidation checks the messages of operations missing what they need.
func TestValidation(t *testing.T) {
	pg := &ops.Context{Dialect: dialect.Postgres()}
	inTx := &ops.Context{Dialect: dialect.Postgres(), InTransaction: true}
	my := &ops.Context{Dialect: dialect.MariaDB()}
	sqlite := &ops.Context{Dialect: dialect.SQLite()}
	cases := []struct {
		name string
		c    *ops.Context
		op   ops.Operation
		want string
	}{
		{"create table without table", pg, ops.CreateTable{}, "table definition is missing (set Table)"},
		{"create table without name", pg, ops.CreateTable{Table: &model.Table{Columns: []*model.Column{{Name: "a", Type: model.Text}}}}, "table name is missing"},
		{"create table without columns", my, ops.CreateTable{Table: &model.Table{Name: "t"}}, "a table without columns"},
		{"create table without columns", sqlite, ops.CreateTable{Table: &model.Table{Name: "t"}}, "a table without columns"},
		{"drop table without name", pg, ops.DropTable{}, "table name is missing (set Table)"},
		{"rename without new name", pg, ops.RenameTable{Table: "t"}, "new table name is missing (set NewName)"},
		{"add column without table", pg, ops.AddColumn{Column: &model.Column{Name: "a", Type: model.Text}}, "table name is missing"},
		{"add column without column", pg, ops.AddColumn{Table: "t"}, "column definition with its name is missing (set Column)"},
		{"add column without type", pg, ops.AddColumn{Table: "t", Column: &model.Column{Name: "a"}}, `column "a" has no type`},
		{"drop column without column", pg, ops.DropColumn{Table: "t"}, "column name is missing (set Column)"},
		{"alter column without new", pg, ops.AlterColumn{Table: "t", Column: "a"}, "new column definition is missing (set New)"},
		{"alter column without existing offline", pg, ops.AlterColumn{Table: "t", Column: "a", New: &model.Column{Type: model.Text}},
			"the existing definition is missing (set Existing"},
		{"using on mysql", my, ops.AlterColumn{Table: "t", Column: "a", Existing: &model.Column{Type: model.Text}, New: &model.Column{Type: model.Integer}, Using: "a::int"},
			"USING conversion is not supported"},
		{"index without name", pg, ops.CreateIndex{Table: "t", Index: &model.Index{Parts: model.Cols("a")}}, "index definition with its name is missing"},
		{"index without parts", pg, ops.CreateIndex{Table: "t", Index: &model.Index{Name: "ix"}}, "has no columns or expressions"},
		{"concurrently in transaction", inTx, ops.CreateIndex{Table: "t", Index: &model.Index{Name: "ix", Parts: model.Cols("a")}, Concurrently: true},
			"CREATE INDEX CONCURRENTLY cannot run inside a transaction; mark the revision non-transactional"},
		{"drop concurrently in transaction", inTx, ops.DropIndex{Table: "t", Index: "ix", Concurrently: true},
			"DROP INDEX CONCURRENTLY cannot run inside a transaction"},
		{"concurrently on mysql", my, ops.CreateIndex{Table: "t", Index: &model.Index{Name: "ix", Parts: model.Cols("a")}, Concurrently: true},
			"CONCURRENTLY is not supported"},
		{"partial index on mysql", my, ops.CreateIndex{Table: "t", Index: &model.Index{Name: "ix", Parts: model.Cols("a"), Where: "a > 0"}},
			"a partial index (WHERE) is not supported"},
		{"drop index without name", pg, ops.DropIndex{Table: "t"}, "index name is missing (set Index)"},
		{"pk without columns", pg, ops.CreatePrimaryKey{Table: "t", PrimaryKey: &model.PrimaryKey{}}, "primary key with its columns is missing"},
		{"unique without columns", pg, ops.CreateUnique{Table: "t"}, "unique constraint with its columns is missing"},
		{"drop unique without name", pg, ops.DropUnique{Table: "t"}, "constraint name is missing (set Constraint)"},
		{"fk without ref table", pg, ops.CreateForeignKey{Table: "t", ForeignKey: &model.ForeignKey{Columns: []string{"a"}}}, "referenced table is missing"},
		{"fk column count", pg, ops.CreateForeignKey{Table: "t", ForeignKey: &model.ForeignKey{Name: "fk", Columns: []string{"a"}, RefTable: "p"}}, "has 1 columns but references 0"},
		{"fk not valid on mysql", my, ops.CreateForeignKey{Table: "t", ForeignKey: &model.ForeignKey{Name: "fk", Columns: []string{"a"}, RefTable: "p", RefColumns: []string{"id"}, NotValid: true}},
			"NOT VALID is not supported; drop NotValid"},
		{"fk deferrable on mysql", my, ops.CreateForeignKey{Table: "t", ForeignKey: &model.ForeignKey{Name: "fk", Columns: []string{"a"}, RefTable: "p", RefColumns: []string{"id"}, Deferrable: true}},
			"DEFERRABLE is not supported"},
		{"drop fk without name", pg, ops.DropForeignKey{Table: "t"}, "foreign key name is missing (set Constraint)"},
		{"check without expr", pg, ops.CreateCheck{Table: "t", Check: &model.Check{Name: "ck"}}, "check constraint with its expression is missing"},
		{"check not valid on mysql", my, ops.CreateCheck{Table: "t", Check: &model.Check{Name: "ck", Expr: "a > 0"}, NotValid: true},
			"NOT VALID is not supported"},
		{"drop check without name", pg, ops.DropCheck{Table: "t"}, "constraint name is missing (set Constraint)"},
		{"column comment without column", pg, ops.SetColumnComment{Table: "t"}, "column name is missing"},
		{"table comment on sqlite", sqlite, ops.SetTableComment{Table: "t", Comment: "x"}, "sqlite: table \"t\": a table comment is not supported"},
		{"column comment on sqlite", sqlite, ops.SetColumnComment{Table: "t", Column: "a", Comment: "x", Definition: &model.Column{Name: "a", Type: model.Text}},
			`sqlite: column "a" of table "t": a column comment is not supported; SQLite has no comments`},
		{"operation without Apply in a rebuild", sqlite, ops.BatchAlterTable{Table: "t", Recreate: ops.RecreateAlways,
			CopyFrom: &model.Table{Name: "t", Columns: []*model.Column{{Name: "a", Type: model.Text}}}, Ops: []ops.Operation{ops.Execute{SQL: "SELECT 1"}}},
			`table "t": execute: it cannot be part of a table rebuild: it has no Apply method (see ops.SchemaChanger); run it before or after the batch`},
		{"column comment on mysql without definition", my, ops.SetColumnComment{Table: "t", Column: "a", Comment: "x"},
			"restates the whole column"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := tc.op.Statements(context.Background(), tc.c)
			if err == nil {
				t.Fatalf("no error; statements %+v", stmts)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// TestStatements checks the SQL of a few operations offline, and the
// NoTransaction mark of CONCURRENTLY.
func TestStatements(t *testing.T) {
	pg := &ops.Context{Dialect: dialect.Postgres()}
	stmts, err := ops.CreateIndex{Schema: "app", Table: "t", Index: &model.Index{Name: "ix", Parts: model.Cols("a")}, Concurrently: true, IfNotExists: true}.
		Statements(context.Background(), pg)
	if err != nil {
		t.Fatal(err)
	}
	want := []ops.Statement{{SQL: `CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix" ON "app"."t" ("a")`, NoTransaction: true}}
	if !reflect.DeepEqual(stmts, want) {
		t.Errorf("got %+v, want %+v", stmts, want)
	}
	stmts, err = ops.SetColumnComment{Table: "t", Column: "a", Comment: "hi", Existing: "old"}.Statements(context.Background(), pg)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 1 || stmts[0].SQL != `COMMENT ON COLUMN "t"."a" IS 'hi'` {
		t.Errorf("column comment: %+v", stmts)
	}
	var printed []string
	o := ops.NewOfflineOp(dialect.MariaDB(), func(s string) error { printed = append(printed, s); return nil })
	err = o.Run(context.Background(),
		ops.RenameTable{Table: "a", NewName: "b"},
		ops.SetColumnComment{Table: "b", Column: "c", Comment: "x", Definition: &model.Column{Name: "c", Type: model.Varchar(10)}},
		ops.DropCheck{Table: "b", Constraint: "ck"})
	if err != nil {
		t.Fatal(err)
	}
	wantSQL := []string{
		"RENAME TABLE `a` TO `b`",
		"ALTER TABLE `b` MODIFY COLUMN `c` varchar(10) NOT NULL COMMENT 'x'",
		"ALTER TABLE `b` DROP CONSTRAINT `ck`",
	}
	if !reflect.DeepEqual(printed, wantSQL) {
		t.Errorf("offline MariaDB:\n got %q\nwant %q", printed, wantSQL)
	}
}
