package autogen

import (
	"testing"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// tbl builds a table with an id key and a nullable reference column per
// referenced table ("<ref>_id", foreign key fk_<name>_<ref>).
func tbl(name string, refs ...string) *model.Table {
	t := &model.Table{Name: name, Columns: []*model.Column{{Name: "id", Type: model.BigInt}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	for _, r := range refs {
		t.Columns = append(t.Columns, &model.Column{Name: r + "_id", Type: model.BigInt, Nullable: true})
		t.ForeignKeys = append(t.ForeignKeys, &model.ForeignKey{Name: "fk_" + name + "_" + r, Columns: []string{r + "_id"}, RefTable: r, RefColumns: []string{"id"}})
	}
	return t
}

func schema(ts ...*model.Table) *model.MetaData { return (&model.MetaData{}).AddTable(ts...) }

func TestCompareOrder(t *testing.T) {
	withIndex := tbl("logs")
	withIndex.Columns = append(withIndex.Columns, &model.Column{Name: "at", Type: model.Timestamp})
	withIndex.Indexes = []*model.Index{{Parts: model.Cols("at")}}
	withIndex.Uniques = []*model.Unique{{Columns: []string{"at", "id"}}}
	logsNoAt := tbl("logs")

	tests := []struct {
		name, dialect string
		cur, tgt      *model.MetaData
		want          string
	}{
		{"creates after the tables they reference", "postgres", schema(),
			schema(tbl("c", "b"), tbl("b", "a"), tbl("a")),
			"create_table a; create_table b; create_table c"},
		{"a cycle: tables first, its keys after", "postgres", schema(),
			schema(tbl("c", "a"), tbl("a", "b"), tbl("b", "a")),
			"create_table a; create_table c; create_table b; create_foreign_key a.fk_a_b; create_foreign_key b.fk_b_a"},
		{"a self-reference stays inline", "mysql", schema(),
			schema(tbl("node", "node")),
			"create_table node"},
		{"SQLite keeps a cycle inline", "sqlite", schema(),
			schema(tbl("a", "b"), tbl("b", "a")),
			"create_table a; create_table b"},
		{"drops in reverse order", "postgres", schema(tbl("a"), tbl("b", "a"), tbl("c", "b")), schema(),
			"drop_table c; drop_table b; drop_table a"},
		{"a dropped cycle: its keys first", "postgres", schema(tbl("a", "b"), tbl("b", "a")), schema(),
			"drop_foreign_key a.fk_a_b; drop_foreign_key b.fk_b_a; drop_table b; drop_table a"},
		{"a dropped table's indexes and constraints go with it", "postgres", schema(withIndex), schema(),
			"drop_table logs"},
		{"a dropped column's index and constraint go first", "postgres", schema(withIndex), schema(logsNoAt),
			"drop_index ix_logs_at; drop_unique_constraint; drop_column logs.at"},
		{"a key referencing a dropped table goes before it", "postgres", schema(tbl("a"), tbl("b", "a")), schema(tbl("b")),
			"drop_foreign_key b.fk_b_a; drop_column b.a_id; drop_table a"},
		{"a dropped table's key on a dropped column goes first", "postgres",
			schema(func() *model.Table {
				t := tbl("a")
				t.Columns = append(t.Columns, &model.Column{Name: "code", Type: model.Integer})
				t.Uniques = []*model.Unique{{Columns: []string{"code"}}}
				return t
			}(), func() *model.Table {
				t := tbl("b")
				t.Columns = append(t.Columns, &model.Column{Name: "a_code", Type: model.Integer})
				t.ForeignKeys = []*model.ForeignKey{{Name: "fk_b_a", Columns: []string{"a_code"}, RefTable: "a", RefColumns: []string{"code"}}}
				return t
			}()),
			schema(tbl("a")),
			"drop_foreign_key b.fk_b_a; drop_unique_constraint; drop_column a.code; drop_table b"},
		{"renames, key drops, changes, creates, new keys, drops", "postgres",
			schema(tbl("old"), tbl("gone"), tbl("kept", "gone")),
			schema(func() *model.Table { t := tbl("new"); t.RenamedFrom = "old"; return t }(), tbl("kept", "new"), tbl("new2", "kept")),
			"rename_table old->new; drop_foreign_key kept.fk_kept_gone; drop_column kept.gone_id; add_column kept.new_id; " +
				"create_table new2; create_foreign_key kept.fk_kept_new; drop_table gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compare(tt.cur, tt.tgt, Options{Dialect: mustDialect(t, tt.dialect)})
			if err != nil {
				t.Fatal(err)
			}
			if got := opNames(res.Ops); got != tt.want {
				t.Errorf("ops:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestCompareCycleCreatesWithoutCyclicKeys: the tables of a cycle are
// created without the keys added after them, and the dropped tables of a
// cycle carry no key that was dropped before them (so that the downgrade
// creates them as they were: tables first, keys after).
func TestCompareCycleCreatesWithoutCyclicKeys(t *testing.T) {
	d := mustDialect(t, "postgres")
	res, err := Compare(schema(), schema(tbl("a", "b"), tbl("b", "a")), Options{Dialect: d})
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range res.Ops {
		if ct, ok := op.(ops.CreateTable); ok && len(ct.Table.ForeignKeys) != 0 {
			t.Errorf("create_table %s carries %d foreign keys, want none", ct.Table.Name, len(ct.Table.ForeignKeys))
		}
	}
	drop, err := Compare(schema(tbl("a", "b"), tbl("b", "a")), schema(), Options{Dialect: d})
	if err != nil {
		t.Fatal(err)
	}
	down, err := Downgrade(schema(tbl("a", "b"), tbl("b", "a")), drop.Ops)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := opNames(down), "create_table a; create_table b; create_foreign_key b.fk_b_a; create_foreign_key a.fk_a_b"; got != want {
		t.Errorf("downgrade of the drops:\n got %s\nwant %s", got, want)
	}
}

// TestCompareDependentForeignKeys: a key referencing a primary key that is
// made again, or a column whose type changes, is dropped before and added
// after, as the database needs.
func TestCompareDependentForeignKeys(t *testing.T) {
	cur := schema(tbl("a"), tbl("b", "a"))
	tgt := schema(tbl("a"), tbl("b", "a"))
	tgt.Tables[0].PrimaryKey.Columns = []string{"id", "x"}
	tgt.Tables[0].Columns = append(tgt.Tables[0].Columns, &model.Column{Name: "x", Type: model.Integer})
	tgt.Tables[0].Uniques = []*model.Unique{{Columns: []string{"id"}}}
	res, err := Compare(cur, tgt, Options{Dialect: mustDialect(t, "postgres")})
	if err != nil {
		t.Fatal(err)
	}
	want := "drop_foreign_key b.fk_b_a; drop_primary_key; add_column a.x; create_primary_key; create_unique_constraint; create_foreign_key b.fk_b_a"
	if got := opNames(res.Ops); got != want {
		t.Errorf("ops:\n got %s\nwant %s", got, want)
	}

	tgt = schema(tbl("a"), tbl("b", "a"))
	tgt.Tables[0].Columns[0].Type = model.Integer
	tgt.Tables[1].Columns[1].Type = model.Integer
	res, err = Compare(cur, tgt, Options{Dialect: mustDialect(t, "mysql")})
	if err != nil {
		t.Fatal(err)
	}
	want = "drop_foreign_key b.fk_b_a; alter_column a.id; alter_column b.a_id; create_foreign_key b.fk_b_a"
	if got := opNames(res.Ops); got != want {
		t.Errorf("ops:\n got %s\nwant %s", got, want)
	}
}
