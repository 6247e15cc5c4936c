package schemagen

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMutate checks the mutation generator without a database: the new
// schema is valid and renders for its dialect, the old one is untouched,
// the same seed gives the same mutation, every kind of change occurs, and
// the kept columns exist on both sides.
func TestMutate(t *testing.T) {
	kinds := map[string]int{}
	for _, name := range []string{"postgres", "mysql", "sqlite"} {
		d, err := dialect.ForName(name)
		if err != nil {
			t.Fatal(err)
		}
		for seed := uint64(1); seed <= 200; seed++ {
			before := Generate(seed, d, Config{TablesOnly: true})
			snapshot := mustJSON(t, before)
			mut := Mutate(seed, d, before, Config{TablesOnly: true})
			if mustJSON(t, before) != snapshot {
				t.Fatalf("%s seed %d: Mutate changed its input", name, seed)
			}
			if again := Mutate(seed, d, before, Config{TablesOnly: true}); mustJSON(t, again) != mustJSON(t, mut) {
				t.Fatalf("%s seed %d: Mutate is not deterministic", name, seed)
			}
			if len(mut.Changes) == 0 {
				t.Fatalf("%s seed %d: no change", name, seed)
			}
			if err := mut.After.Validate(); err != nil {
				t.Fatalf("%s seed %d: invalid schema after %q: %v", name, seed, mut.Changes, err)
			}
			if _, err := dialect.CreateAll(d, mut.After); err != nil {
				t.Fatalf("%s seed %d: CreateAll after %q: %v", name, seed, mut.Changes, err)
			}
			for _, k := range mut.Kept {
				if before.Table("", k.Table).Column(k.Column) == nil || mut.After.Table("", k.NewTable).Column(k.NewColumn) == nil {
					t.Fatalf("%s seed %d: kept column %+v missing", name, seed, k)
				}
			}
			for _, c := range mut.Changes {
				kinds[strings.Fields(c)[0]]++
			}
		}
	}
	for _, k := range []string{"add", "drop", "rename", "widen", "default", "comment"} {
		if kinds[k] == 0 {
			t.Errorf("no change of kind %q in 600 mutations: %v", k, kinds)
		}
	}
}

// TestInsert checks the rows: RowCount statements for a table whose
// columns all have values, none when a NOT NULL column gets no value.
func TestInsert(t *testing.T) {
	d, err := dialect.ForName("postgres")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		table *model.Table
		want  int
	}{
		{"filled", &model.Table{Name: "t", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "v", Type: model.Varchar(3)}}}, RowCount},
		{"auto key only", &model.Table{Name: "t", Columns: []*model.Column{{Name: "id", Type: model.BigInt, AutoIncrement: true}}}, 0},
		{"raw not null", &model.Table{Name: "t", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "r", Type: model.Raw("tsvector")}}}, 0},
		{"raw nullable", &model.Table{Name: "t", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "r", Type: model.Raw("tsvector"), Nullable: true}}}, RowCount},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Insert(d, tc.table)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Fatalf("got %d statements, want %d: %q", len(got), tc.want, got)
			}
		})
	}
}
