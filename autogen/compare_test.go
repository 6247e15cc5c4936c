package autogen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

func mustDialect(t testing.TB, name string) dialect.Dialect {
	t.Helper()
	d, err := dialect.ForName(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// opNames lists "name table" of each operation, for compact assertions.
func opNames(list []ops.Operation) string {
	var out []string
	for _, op := range list {
		s := op.Name()
		switch o := op.(type) {
		case ops.CreateTable:
			s += " " + o.Table.Name
		case ops.DropTable:
			s += " " + o.Table
		case ops.AddColumn:
			s += " " + o.Table + "." + o.Column.Name
		case ops.DropColumn:
			s += " " + o.Table + "." + o.Column
		case ops.AlterColumn:
			s += " " + o.Table + "." + o.Column
		case ops.RenameTable:
			s += " " + o.Table + "->" + o.NewName
		case ops.CreateForeignKey:
			s += " " + o.Table + "." + o.ForeignKey.Name
		case ops.DropForeignKey:
			s += " " + o.Table + "." + o.Constraint
		case ops.CreateIndex:
			s += " " + o.Index.Name
		case ops.DropIndex:
			s += " " + o.Index
		case ops.BatchAlterTable:
			s += " " + o.Table + "[" + opNames(o.Ops) + "]"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func users(extra ...*model.Column) *model.Table {
	t := &model.Table{Name: "users", Columns: []*model.Column{
		{Name: "id", Type: model.BigInt},
		{Name: "name", Type: model.Text, Nullable: true},
	}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	t.Columns = append(t.Columns, extra...)
	return t
}

func TestCompareTablesAndColumns(t *testing.T) {
	email := &model.Column{Name: "email", Type: model.Varchar(200), Nullable: true}
	tests := []struct {
		name     string
		dialect  string
		cur, tgt *model.MetaData
		want     string
		warn     string
	}{
		{"equal", "postgres", (&model.MetaData{}).AddTable(users()), (&model.MetaData{}).AddTable(users()), "", ""},
		{"create table", "postgres", &model.MetaData{}, (&model.MetaData{}).AddTable(users()), "create_table users", ""},
		{"drop table", "postgres", (&model.MetaData{}).AddTable(users()), &model.MetaData{}, "drop_table users", "users: dropped"},
		{"add column", "postgres", (&model.MetaData{}).AddTable(users()), (&model.MetaData{}).AddTable(users(email)), "add_column users.email", ""},
		{"drop column", "mysql", (&model.MetaData{}).AddTable(users(email)), (&model.MetaData{}).AddTable(users()), "drop_column users.email", "users.email: dropped; its data will be lost"},
		{"sqlite batch", "sqlite", (&model.MetaData{}).AddTable(users(email)), (&model.MetaData{}).AddTable(users()), "batch_alter_table users[drop_column users.email]", "users.email: dropped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compare(tt.cur, tt.tgt, Options{Dialect: mustDialect(t, tt.dialect)})
			if err != nil {
				t.Fatal(err)
			}
			if got := opNames(res.Ops); got != tt.want {
				t.Errorf("ops = %q, want %q", got, tt.want)
			}
			if res.Empty() != (tt.want == "") {
				t.Errorf("Empty() = %v", res.Empty())
			}
			var warns []string
			for _, w := range res.Warnings {
				warns = append(warns, w.Message)
			}
			if got := strings.Join(warns, "\n"); tt.warn == "" && got != "" || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings = %q, want %q", got, tt.warn)
			}
		})
	}
}

func TestDowngradeInvertsCompare(t *testing.T) {
	email := &model.Column{Name: "email", Type: model.Varchar(200), Nullable: true}
	cur := (&model.MetaData{}).AddTable(users(email), &model.Table{Name: "gone", Columns: []*model.Column{{Name: "x", Type: model.Integer}}})
	tgt := (&model.MetaData{}).AddTable(users(), &model.Table{Name: "posts", Columns: []*model.Column{{Name: "id", Type: model.Integer}}})
	d := mustDialect(t, "postgres")
	res, err := Compare(cur, tgt, Options{Dialect: d})
	if err != nil {
		t.Fatal(err)
	}
	down, err := Downgrade(cur, res.Ops)
	if err != nil {
		t.Fatal(err)
	}
	m := dialect.Normalize(d, cur)
	if err := ops.Apply(m, res.Ops...); err != nil {
		t.Fatal(err)
	}
	if err := ops.Apply(m, down...); err != nil {
		t.Fatal(err)
	}
	back, err := Compare(m, cur, Options{Dialect: d})
	if err != nil {
		t.Fatal(err)
	}
	if !back.Empty() {
		t.Fatalf("upgrade then downgrade leaves %s", opNames(back.Ops))
	}
}

func TestDowngradeIrreversible(t *testing.T) {
	_, err := Downgrade(&model.MetaData{}, []ops.Operation{ops.Execute{SQL: "SELECT 1"}})
	if err == nil || !strings.Contains(err.Error(), "execute") {
		t.Fatalf("err = %v, want one naming the irreversible operation", err)
	}
}

// TestCompareEnumColumns: where enums are types of their own
// (PostgreSQL), a column refers to its type by name, and a new value of
// the type is no change of the column; where enums are column types
// (MySQL), the values are the column's.
func TestCompareEnumColumns(t *testing.T) {
	col := func(values ...string) *model.MetaData {
		return schema(&model.Table{Name: "t", Columns: []*model.Column{
			{Name: "mood", Type: model.Enum("mood", values...)},
		}})
	}
	renamed := col("a", "b")
	renamed.Tables[0].Columns[0].Type.EnumName = "feeling"
	tests := []struct {
		dialect  string
		cur, tgt *model.MetaData
		want     string
	}{
		{"postgres", col("a", "b"), col("a", "b", "c"), ""},
		{"postgres", col("a", "b"), renamed, "alter_column t.mood"},
		{"mysql", col("a", "b"), col("a", "b", "c"), "alter_column t.mood"},
		{"mysql", col("a", "b"), col("a", "b"), ""},
	}
	for _, tt := range tests {
		res, err := Compare(tt.cur, tt.tgt, Options{Dialect: mustDialect(t, tt.dialect)})
		if err != nil {
			t.Fatal(err)
		}
		if got := opNames(res.Ops); got != tt.want {
			t.Errorf("%s: ops %q, want %q", tt.dialect, got, tt.want)
		}
	}
}

// TestCompareOperationsRender: every operation Compare makes renders as
// Go source, as a revision file needs.
func TestCompareOperationsRender(t *testing.T) {
	cur := schema(tbl("a"), tbl("b", "a"), tbl("gone"))
	cur.Tables[0].Columns = append(cur.Tables[0].Columns, &model.Column{Name: "n", Type: model.Text, Nullable: true})
	cur.Tables[0].Indexes = []*model.Index{{Parts: model.Cols("n")}}
	tgt := schema(tbl("a"), tbl("b"), tbl("c", "a"))
	tgt.Tables[0].Columns = append(tgt.Tables[0].Columns, &model.Column{Name: "n", Type: model.Integer, Comment: "count"})
	tgt.Tables[0].Checks = []*model.Check{{Expr: "n > 0"}}
	tgt.Tables[0].Comment = "the a"
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		res, err := Compare(cur, tgt, Options{Dialect: mustDialect(t, name)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Empty() {
			t.Fatalf("%s: no operations", name)
		}
		for _, op := range res.Ops {
			if src, err := op.GoSource(); err != nil || src == "" {
				t.Errorf("%s: %s renders %q: %v", name, op.Name(), src, err)
			}
		}
		if !strings.Contains(fmt.Sprint(res.Warnings), "the type changes from text to integer") {
			t.Errorf("%s: warnings %v lack the type conversion", name, res.Warnings)
		}
	}
}

// TestCompareEnumUsing: PostgreSQL converts a column to or from a named
// enum type only with USING, which the alter_column carries both ways.
func TestCompareEnumUsing(t *testing.T) {
	cur := schema(&model.Table{Name: "t", Columns: []*model.Column{{Name: "state", Type: model.Text}}})
	tgt := schema(&model.Table{Name: "t", Columns: []*model.Column{{Name: "state", Type: model.Enum("mood", "a")}}})
	res, err := Compare(cur, tgt, Options{Dialect: mustDialect(t, "postgres")})
	if err != nil {
		t.Fatal(err)
	}
	ac, ok := res.Ops[0].(ops.AlterColumn)
	if !ok || ac.Using != `"state"::text::"mood"` || ac.ReverseUsing != `"state"::text::text` {
		t.Fatalf("ops %s: using %q, reverse %q", opNames(res.Ops), ac.Using, ac.ReverseUsing)
	}
	res, err = Compare(cur, tgt, Options{Dialect: mustDialect(t, "mysql")})
	if err != nil {
		t.Fatal(err)
	}
	// The type's CreateEnum (no statement on MySQL) comes first, for
	// PostgreSQL.
	if ce, ok := res.Ops[0].(ops.CreateEnum); !ok || len(res.Ops) != 2 || ce.Enum.Name != "mood" {
		t.Fatalf("MySQL: ops %s, want create_enum mood, alter_column", opNames(res.Ops))
	}
	if ac := res.Ops[1].(ops.AlterColumn); ac.Using != "" {
		t.Errorf("MySQL: using %q, want none", ac.Using)
	}
}
