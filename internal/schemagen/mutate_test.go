package schemagen

import (
	"encoding/json"
	"slices"
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

// TestMutateReachesHardCases checks that the first 100 seeds of the
// property test (TestProperty in autogen, with its configurations) make
// the changes that once failed there: on MySQL an index that can serve a
// foreign key created or dropped, on PostgreSQL a value added to an enum
// type a view reads and a function a check calls replaced.
func TestMutateReachesHardCases(t *testing.T) {
	cases := []struct {
		db   string
		cfg  Config
		what string
		hit  func(before, after *model.MetaData, changes []string) bool
	}{
		{"mysql", Config{Collation: "utf8mb4_bin", AutoIncrementSecond: true, MySQLObjects: true, ViewsOnViews: true},
			"an index serving a foreign key created or dropped", func(before, after *model.MetaData, _ []string) bool {
				return fkIndexChanged(before, after) || fkIndexChanged(after, before)
			}},
		{"postgres", Config{Collation: "C", Domains: true, Routines: true, Serial: true, ViewsOnViews: true},
			"a value added to an enum type a view reads", func(before, _ *model.MetaData, changes []string) bool {
				for _, c := range changes {
					if f := strings.Fields(c); len(f) == 6 && f[0] == "add" && f[1] == "value" {
						for _, tb := range before.Tables {
							for _, col := range tb.Columns {
								if col.Type.EnumName == f[5] && viewReads(before, tb.Name, col.Name) {
									return true
								}
							}
						}
					}
				}
				return false
			}},
		{"postgres", Config{Collation: "C", Domains: true, Routines: true, Serial: true, ViewsOnViews: true},
			"a function a check calls replaced", func(_, _ *model.MetaData, changes []string) bool {
				for _, c := range changes {
					if strings.HasPrefix(c, "replace function fn_ok_") {
						return true
					}
				}
				return false
			}},
	}
	for _, tc := range cases {
		d, err := dialect.ForName(tc.db)
		if err != nil {
			t.Fatal(err)
		}
		var seeds []uint64
		for seed := uint64(1); seed <= 100; seed++ {
			before := Generate(seed, d, tc.cfg)
			mut := Mutate(seed, d, before, tc.cfg)
			if tc.hit(before, mut.After, mut.Changes) {
				seeds = append(seeds, seed)
			}
		}
		if len(seeds) == 0 {
			t.Errorf("%s: no seed of 100 makes %s", tc.db, tc.what)
		}
		t.Logf("%s: seeds %v make %s", tc.db, seeds, tc.what)
	}
}

// fkIndexChanged reports whether after has an index, on a table of
// before, that before lacks and that starts with the columns of one of
// the table's foreign keys.
func fkIndexChanged(before, after *model.MetaData) bool {
	for _, ta := range after.Tables {
		tb := before.Table(ta.Schema, ta.Name)
		if tb == nil {
			continue
		}
		for _, ix := range ta.Indexes {
			if slices.ContainsFunc(tb.Indexes, func(x *model.Index) bool { return slices.Equal(x.Columns(), ix.Columns()) }) {
				continue
			}
			cols := ix.Columns()
			for _, fk := range ta.ForeignKeys {
				if len(cols) >= len(fk.Columns) && slices.Equal(cols[:len(fk.Columns)], fk.Columns) {
					return true
				}
			}
		}
	}
	return false
}

// viewReads reports whether a view of md reads column col of table.
func viewReads(md *model.MetaData, table, col string) bool {
	for _, v := range md.Views {
		if strings.Contains(v.Definition, `"`+table+`"`) && strings.Contains(v.Definition, `"`+col+`"`) {
			return true
		}
	}
	return false
}
