package autogen

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/migratego/migrate/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenModel uses every model feature RenderModelGo has to spell.
func goldenModel() *model.MetaData {
	minV, maxV := int64(1), int64(999)
	md := &model.MetaData{
		Schemas:    []*model.Schema{{Name: "app", Comment: "it's \"ours\""}},
		Extensions: []*model.Extension{{Name: "pg_trgm", Schema: "app", Version: "1.6"}, {Name: "citext"}},
		Enums:      []*model.EnumType{{Name: "mood", Values: []string{"happy", "it's \"sad\""}}},
		Domains: []*model.Domain{{Schema: "app", Name: "year", Type: model.SmallInt, NotNull: true, Default: model.DefaultLiteral(int64(2000)),
			Collation: "C", Checks: []*model.Check{{Name: "year_check", Expr: "VALUE > 1900"}}, Comment: "a year"}},
		Sequences: []*model.Sequence{{Name: "seq", Start: 10, Increment: 2, MinValue: &minV, MaxValue: &maxV, Cycle: true, OwnedBy: "t.id", As: "integer", Comment: "numbers"}},
		Views: []*model.View{{Name: "v", Definition: "SELECT 1"},
			{Name: "v2", Definition: "SELECT * FROM v", Comment: "on v", DependsOn: []model.ObjectName{{Name: "v"}, {Schema: "app", Name: "f"}}}},
		Definitions: []*model.Definition{
			{Kind: model.DefFunction, Schema: "app", Name: "f", Signature: "integer", Language: "sql", SQL: "CREATE FUNCTION app.f(integer) RETURNS integer LANGUAGE sql AS $$SELECT $1$$", Comment: "one"},
			{Kind: model.DefTrigger, Schema: "app", Name: "tg", Table: `we"ird`, SQL: "CREATE TRIGGER …", DependsOn: []model.ObjectName{{Schema: "app", Name: "f"}}},
			{Kind: model.DefVirtualTable, Name: "fts", SQL: "CREATE VIRTUAL TABLE fts USING fts5(body)"},
			{Kind: model.DefinitionKind("future"), Name: "x", SQL: "x"},
		},
	}
	md.AddTable(&model.Table{
		Schema:  "app",
		Name:    `we"ird`,
		Comment: "line\nbreak",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, Identity: &model.Identity{Always: true, Start: 5, Increment: 1}},
			{Name: "n", Type: model.Numeric(10, 2), Default: model.DefaultLiteral(int64(0))},
			{Name: "s", Type: model.Varchar(20), Nullable: true, Default: model.DefaultLiteral("it's"), Collation: "C", Comment: "c"},
			{Name: "b", Type: model.Boolean, Default: model.DefaultLiteral(true)},
			{Name: "f", Type: model.Double, Default: model.DefaultLiteral(1.5)},
			{Name: "ts", Type: model.Type{Kind: model.KindTimestamp, Precision: 3, WithTimezone: true}, Default: model.DefaultExpr("now()")},
			{Name: "m", Type: model.Enum("mood", "happy", "it's \"sad\"")},
			{Name: "r", Type: model.Raw("int[]"), Nullable: true},
			{Name: "g", Type: model.BigInt, Generated: &model.Generated{Expr: "id * 2", Stored: true}},
			{Name: "a", Type: model.Integer, AutoIncrement: true},
		},
		PrimaryKey:  &model.PrimaryKey{Name: "pk", Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk", Columns: []string{"a"}, RefSchema: "other", RefTable: "p", RefColumns: []string{"id"}, OnDelete: model.Cascade, OnUpdate: model.SetNull, Deferrable: true, InitiallyDeferred: true, NotValid: true}},
		Uniques:     []*model.Unique{{Name: "uq", Columns: []string{"s", "n"}}},
		Checks:      []*model.Check{{Name: "ck", Expr: "n >= 0"}},
		Indexes: []*model.Index{
			{Name: "ix", Unique: true, Parts: []model.IndexPart{{Column: "s", Desc: true, Length: 4}, {Expr: "lower(s)"}}, Where: "b", Method: "btree", Include: []string{"n"}},
			{Name: "ix_trgm", Method: "gist", Parts: []model.IndexPart{{Column: "s", Nulls: model.NullsFirst, Collation: "C", Opclass: "gist_trgm_ops", OpclassParams: "siglen=32"}, {Column: "n", Desc: true, Nulls: model.NullsLast}}},
		},
		Exclusions: []*model.Exclusion{{Name: "ex", Method: "gist", Where: "b", Include: []string{"s"}, Deferrable: true, InitiallyDeferred: true,
			Elements: []model.ExclusionElement{{IndexPart: model.IndexPart{Column: "n"}, Operator: "="}, {IndexPart: model.IndexPart{Expr: "tstzrange(ts, ts)"}, Operator: "&&"}}}},
		PartitionBy: &model.PartitionBy{Strategy: "range", Key: "ts"},
		Strict:      true,
		Options:     map[string]string{"ENGINE": "InnoDB", "CHARSET": "utf8mb4"},
	})
	md.AddTable(&model.Table{
		Schema:      "app",
		Name:        "part",
		PartitionOf: &model.PartitionOf{Schema: "app", Table: `we"ird`, Bound: "DEFAULT"},
	}, &model.Table{
		Name:    "untyped",
		Columns: []*model.Column{{Name: "x", Type: model.Type{Kind: model.KindNone}, Nullable: true}},
	})
	return md
}

func TestRenderModelGoGolden(t *testing.T) {
	got, err := RenderModelGo(goldenModel(), "model")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "model_go.golden", got)
}

// TestRenderModelGoCompiles builds the rendered file inside the module and
// runs it, checking that the model it builds equals the model rendered.
func TestRenderModelGoCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	src, err := RenderModelGo(goldenModel(), "main")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "compile-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	mainSrc := `package main

import (
	"encoding/json"
	"os"
)

func main() { json.NewEncoder(os.Stdout).Encode(Target()) }
`
	for name, body := range map[string][]byte{"model.go": src, "main.go": []byte(mainSrc)} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("go", "run", "./"+dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	want := goldenModel()
	var got model.MetaData
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(&got)
	if string(wantJSON) != string(gotJSON) {
		t.Errorf("model built by the rendered code differs:\nwant %s\ngot  %s", wantJSON, gotJSON)
	}
}
