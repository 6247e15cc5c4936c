package model

import (
	"errors"
	"strings"
	"testing"
)

// okTable returns a small valid table to break in one place per test case.
func okTable() *Table {
	return &Table{
		Name: "t",
		Columns: []*Column{
			{Name: "id", Type: BigInt},
			{Name: "a", Type: Text},
		},
	}
}

func TestValidateOK(t *testing.T) {
	md := kitchenSink()
	md.Tables[0].Columns = md.Tables[0].Columns[:len(md.Tables[0].Columns)-1] // drop the untyped column
	if err := md.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	if err := (&MetaData{}).Validate(); err != nil {
		t.Fatalf("empty Validate() = %v", err)
	}
}

func TestValidateMetaData(t *testing.T) {
	tests := []struct {
		name string
		md   *MetaData
		want string
	}{
		{"table without name", &MetaData{Tables: []*Table{{Columns: okTable().Columns}}},
			"model: a table has no name"},
		{"table twice", &MetaData{Tables: []*Table{okTable(), okTable()}},
			`model: table "t" is declared twice`},
		{"same name in two schemas is fine", &MetaData{Tables: []*Table{okTable(), func() *Table { t := okTable(); t.Schema = "s"; return t }()}},
			""},
		{"schema-qualified twice", &MetaData{Tables: []*Table{func() *Table { t := okTable(); t.Schema = "s"; return t }(), func() *Table { t := okTable(); t.Schema = "s"; return t }()}},
			`model: table "s.t" is declared twice`},
		{"enum without values", &MetaData{Enums: []*EnumType{{Schema: "s", Name: "e"}}},
			`model: enum type "s.e" needs a name and at least one value`},
		{"enum without name", &MetaData{Enums: []*EnumType{{Values: []string{"a"}}}},
			`model: enum type "" needs a name and at least one value`},
		{"enum twice", &MetaData{Enums: []*EnumType{{Name: "e", Values: []string{"a"}}, {Name: "e", Values: []string{"b"}}}},
			`model: enum type "e" is declared twice`},
		{"sequence without name", &MetaData{Sequences: []*Sequence{{}}},
			"model: a sequence has no name"},
		{"view without definition", &MetaData{Views: []*View{{Name: "v"}}},
			`model: view "v" needs a name and a definition`},
		{"view without name", &MetaData{Views: []*View{{Schema: "s", Definition: "SELECT 1"}}},
			`model: view "s." needs a name and a definition`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.md.Validate(), tt.want)
		})
	}
}

func TestValidateTable(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Table)
		want   string
	}{
		{"no columns", func(t *Table) { t.Columns = nil }, ""},
		{"schema in message", func(t *Table) { t.Schema = "s"; t.Columns[1].Name = "" },
			`model: table "s.t": a column has no name`},
		{"column without name", func(t *Table) { t.Columns[1].Name = "" },
			`model: table "t": a column has no name`},
		{"column twice", func(t *Table) { t.Columns[1].Name = "id" },
			`model: table "t": column "id" is declared twice`},
		{"no type", func(t *Table) { t.Columns[1].Type = Type{} },
			`model: table "t": column "a" has no type`},
		{"raw without spelling", func(t *Table) { t.Columns[1].Type = Raw("") },
			`model: table "t": column "a" has a raw type with no spelling`},
		{"enum without values", func(t *Table) { t.Columns[1].Type = Enum("e") },
			`model: table "t": enum column "a" has no values`},
		{"generated with default", func(t *Table) {
			t.Columns[1].Generated = &Generated{Expr: "1"}
			t.Columns[1].Default = DefaultExpr("2")
		}, `model: table "t": column "a" is generated and cannot have a default`},
		{"pk without columns", func(t *Table) { t.PrimaryKey = &PrimaryKey{} },
			`model: table "t": primary key has no columns`},
		{"pk unknown column", func(t *Table) { t.PrimaryKey = &PrimaryKey{Columns: []string{"id", "x"}} },
			`model: table "t": primary key names unknown column "x"`},
		{"fk without columns", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", RefTable: "o"}}
		}, `model: table "t": foreign key "f" has no columns`},
		{"fk unknown column", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Columns: []string{"x"}, RefTable: "o", RefColumns: []string{"id"}}}
		}, `model: table "t": foreign key (unnamed) names unknown column "x"`},
		{"fk without table", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", Columns: []string{"a"}, RefColumns: []string{"id"}}}
		}, `model: table "t": foreign key "f" has no referenced table`},
		{"fk column count", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", Columns: []string{"a", "id"}, RefTable: "o", RefColumns: []string{"id"}}}
		}, `model: table "t": foreign key "f" has 2 columns but references 1`},
		{"fk bad on delete", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, OnDelete: "cascade"}}
		}, `model: table "t": foreign key "f" has an unknown referential action (use NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT)`},
		{"fk bad on update", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, OnUpdate: "DROP"}}
		}, `model: table "t": foreign key "f" has an unknown referential action (use NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT)`},
		{"fk initially deferred", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, InitiallyDeferred: true}}
		}, `model: table "t": foreign key "f" is initially deferred but not deferrable`},
		{"fk fine", func(t *Table) {
			t.ForeignKeys = []*ForeignKey{{Name: "f", Columns: []string{"a"}, RefTable: "o", RefColumns: []string{"id"}, OnDelete: SetDefault, OnUpdate: NoAction, Deferrable: true, InitiallyDeferred: true}}
		}, ""},
		{"unique without columns", func(t *Table) { t.Uniques = []*Unique{{Name: "u"}} },
			`model: table "t": unique constraint "u" has no columns`},
		{"unique unknown column", func(t *Table) { t.Uniques = []*Unique{{Columns: []string{"x"}}} },
			`model: table "t": unique constraint (unnamed) names unknown column "x"`},
		{"check without expression", func(t *Table) { t.Checks = []*Check{{Name: "c"}} },
			`model: table "t": check constraint "c" has no expression`},
		{"index without parts", func(t *Table) { t.Indexes = []*Index{{Name: "i"}} },
			`model: table "t": index "i" has no columns`},
		{"index empty part", func(t *Table) { t.Indexes = []*Index{{Parts: []IndexPart{{Desc: true}}}} },
			`model: table "t": index (unnamed) has a key with neither column nor expression`},
		{"index part both", func(t *Table) { t.Indexes = []*Index{{Name: "i", Parts: []IndexPart{{Column: "a", Expr: "lower(a)"}}}} },
			`model: table "t": index "i" has a key with both a column and an expression`},
		{"index unknown column", func(t *Table) { t.Indexes = []*Index{{Name: "i", Parts: Cols("a", "x")}} },
			`model: table "t": index "i" names unknown column "x"`},
		{"index include unknown", func(t *Table) { t.Indexes = []*Index{{Name: "i", Parts: Cols("a"), Include: []string{"y"}}} },
			`model: table "t": index "i" includes unknown column "y"`},
		{"expression index fine", func(t *Table) {
			t.Indexes = []*Index{{Parts: []IndexPart{{Expr: "lower(a)"}}, Include: []string{"id"}}}
		},
			""},
		{"several problems joined", func(t *Table) {
			t.Columns[1].Type = Type{}
			t.PrimaryKey = &PrimaryKey{Columns: []string{"x"}}
		}, `model: table "t": column "a" has no type` + "\n" + `model: table "t": primary key names unknown column "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := okTable()
			tt.mutate(tab)
			checkErr(t, tab.Validate(), tt.want)
			// MetaData.Validate reports the same table errors.
			checkErr(t, (&MetaData{Tables: []*Table{tab}}).Validate(), tt.want)
		})
	}
}

func TestValidateJoinsAcrossObjects(t *testing.T) {
	md := &MetaData{
		Tables:    []*Table{{Name: "t", Columns: []*Column{{Name: "a"}}}},
		Sequences: []*Sequence{{}},
	}
	err := md.Validate()
	want := "model: table \"t\": column \"a\" has no type\nmodel: a sequence has no name"
	checkErr(t, err, want)
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != 2 {
		t.Errorf("Validate error is not a join of two errors: %#v", err)
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("error = %q, want none", err)
	case want != "" && err == nil:
		t.Errorf("no error, want %q", want)
	case want != "" && err.Error() != want:
		t.Errorf("error =\n%s\nwant\n%s", err, want)
	}
}

func TestLookups(t *testing.T) {
	md := kitchenSink()
	if md.Table("app", "users") == nil || md.Table("", "users") != nil || md.Table("app", "nope") != nil {
		t.Error("MetaData.Table lookup wrong")
	}
	if md.Enum("app", "mood") == nil || md.Enum("", "mood") != nil {
		t.Error("MetaData.Enum lookup wrong")
	}
	tab := md.Tables[0]
	if tab.Column("email") == nil || tab.Column("nope") != nil {
		t.Error("Table.Column lookup wrong")
	}
	if tab.Index("ix") == nil || tab.Index("nope") != nil {
		t.Error("Table.Index lookup wrong")
	}
	if got := tab.QualifiedName(); got != "app.users" {
		t.Errorf("QualifiedName = %q", got)
	}
	if got := (&Table{Name: "x"}).QualifiedName(); got != "x" {
		t.Errorf("QualifiedName = %q", got)
	}
	ix := tab.Indexes[0]
	if got := strings.Join(ix.Columns(), ","); got != "email" || !ix.HasExpr() {
		t.Errorf("Index.Columns = %q, HasExpr = %v", got, ix.HasExpr())
	}
	if (&Index{Parts: Cols("a", "b")}).HasExpr() {
		t.Error("HasExpr true for plain columns")
	}
	var m MetaData
	if m.AddTable(okTable(), okTable()) != &m || len(m.Tables) != 2 {
		t.Error("AddTable")
	}
	for _, a := range []FKAction{"", NoAction, Restrict, Cascade, SetNull, SetDefault} {
		if !a.Valid() {
			t.Errorf("%q not valid", a)
		}
	}
	if FKAction("cascade").Valid() {
		t.Error("lower-case action valid")
	}
}
