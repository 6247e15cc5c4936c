package autogen

import (
	"testing"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

func TestCompareFilters(t *testing.T) {
	cur := schema(tbl("app_users"), tbl("alembic_version"), tbl("tmp_x"))
	cur.Tables[0].Columns = append(cur.Tables[0].Columns, &model.Column{Name: "legacy", Type: model.Text})
	tgt := schema(tbl("app_users"), tbl("app_posts"), &model.Table{Schema: "other", Name: "app_t", Columns: []*model.Column{{Name: "id", Type: model.Integer}}})
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"everything", Options{},
			"drop_column app_users.legacy; create_table app_posts; create_table app_t; drop_table tmp_x; drop_table alembic_version"},
		{"version tables always out", Options{VersionTables: []string{"alembic_version"}},
			"drop_column app_users.legacy; create_table app_posts; create_table app_t; drop_table tmp_x"},
		{"include", Options{Include: []string{"app_*"}},
			"drop_column app_users.legacy; create_table app_posts; create_table app_t"},
		{"include by qualified name", Options{Include: []string{"other.*"}},
			"create_table app_t"},
		{"exclude", Options{Exclude: []string{"tmp_*", "alembic_version", "*_posts"}},
			"drop_column app_users.legacy; create_table app_t"},
		{"schemas", Options{Schemas: []string{""}, VersionTables: []string{"alembic_version"}},
			"drop_column app_users.legacy; create_table app_posts; drop_table tmp_x"},
		{"schemas by glob", Options{Schemas: []string{"oth*"}},
			"create_table app_t"},
		{"every schema", Options{Schemas: []string{"*"}, VersionTables: []string{"alembic_version"}},
			"drop_column app_users.legacy; create_table app_posts; create_table app_t; drop_table tmp_x"},
		{"filter callback on tables and columns", Options{Filter: func(o Object) bool {
			return !(o.Kind == "column" && o.Name == "legacy") && !(o.Kind == "table" && o.Name == "app_posts")
		}}, "create_table app_t; drop_table tmp_x; drop_table alembic_version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Dialect = mustDialect(t, "postgres")
			res, err := Compare(cur, tgt, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := opNames(res.Ops); got != tt.want {
				t.Errorf("ops:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestCompareFilteredColumnKeptInBatch: a column Filter leaves out is not
// compared, and a SQLite rebuild of its table still copies it.
func TestCompareFilteredColumnKeptInBatch(t *testing.T) {
	cur := schema(tbl("t"))
	cur.Tables[0].Columns = append(cur.Tables[0].Columns,
		&model.Column{Name: "secret", Type: model.Text, Nullable: true},
		&model.Column{Name: "n", Type: model.Integer, Nullable: true})
	tgt := schema(tbl("t"))
	tgt.Tables[0].Columns = append(tgt.Tables[0].Columns, &model.Column{Name: "n", Type: model.Integer})
	res, err := Compare(cur, tgt, Options{Dialect: mustDialect(t, "sqlite"), Filter: func(o Object) bool { return o.Name != "secret" }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := opNames(res.Ops), "batch_alter_table t[alter_column t.n]"; got != want {
		t.Fatalf("ops:\n got %s\nwant %s", got, want)
	}
	if from := res.Ops[0].(ops.BatchAlterTable).CopyFrom; from.Column("secret") == nil {
		t.Errorf("the batch's CopyFrom lacks the filtered column: %v", from.ColumnNames())
	}
}

// TestOptionsIncludes: the globs and schemas apply to objects of every
// kind by name; objects of a table (columns, indexes, constraints) are
// judged by Filter alone; version tables are tables only.
func TestOptionsIncludes(t *testing.T) {
	opts := Options{Schemas: []string{"", "app"}, Include: []string{"app_*", "app.*"}, Exclude: []string{"*_tmp"},
		VersionTables: []string{"app_version"},
		Filter:        func(o Object) bool { return o.Name != "app_hidden" }}
	tests := []struct {
		obj  Object
		want bool
	}{
		{Object{Kind: "table", Name: "app_users"}, true},
		{Object{Kind: "view", Name: "app_report"}, true},
		{Object{Kind: "view", Name: "report"}, false},
		{Object{Kind: "enum", Schema: "app", Name: "mood"}, true},
		{Object{Kind: "sequence", Schema: "other", Name: "app_seq"}, false},
		{Object{Kind: "table", Name: "app_tmp"}, false},
		{Object{Kind: "table", Name: "app_version"}, false},
		{Object{Kind: "view", Name: "app_version"}, true},
		{Object{Kind: "table", Name: "app_hidden"}, false},
		{Object{Kind: "column", Table: "report", Name: "x_tmp"}, true},
		{Object{Kind: "index", Table: "app_users", Name: "app_hidden"}, false},
	}
	for _, tt := range tests {
		if got := opts.includes(tt.obj); got != tt.want {
			t.Errorf("includes(%+v) = %v, want %v", tt.obj, got, tt.want)
		}
	}
}
