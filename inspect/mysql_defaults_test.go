package inspect

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// TestMySQLColumnDefault reads COLUMN_DEFAULT as each flavour prints it.
// The MySQL 8 rows are what its catalog reports, so that the branch is
// covered where only MariaDB runs.
func TestMySQLColumnDefault(t *testing.T) {
	str := model.Varchar(20)
	tests := []struct {
		name    string
		mariadb bool
		typ     model.Type
		raw     *string
		extra   string
		want    *model.Default
	}{
		{"maria no default", true, model.Integer, nil, "", nil},
		{"maria NULL", true, str, mysqlStrPtr("NULL"), "", nil},
		{"maria int", true, model.Integer, mysqlStrPtr("-12"), "", model.DefaultLiteral(int64(-12))},
		{"maria bool", true, model.Boolean, mysqlStrPtr("1"), "", model.DefaultLiteral(true)},
		{"maria decimal", true, model.Numeric(10, 2), mysqlStrPtr("0.00"), "", model.DefaultLiteral(0.0)},
		{"maria string", true, str, mysqlStrPtr(`'it''s \\ \n'`), "", model.DefaultLiteral("it's \\ \n")},
		{"maria empty string", true, str, mysqlStrPtr(`''`), "", model.DefaultLiteral("")},
		{"maria quoted NULL", true, str, mysqlStrPtr(`'NULL'`), "", model.DefaultLiteral("NULL")},
		{"maria raw number", true, model.Raw("tinyint unsigned"), mysqlStrPtr("7"), "", model.DefaultLiteral(int64(7))},
		{"maria set", true, model.Raw("set('a','b')"), mysqlStrPtr("'a,b'"), "", model.DefaultLiteral("a,b")},
		{"maria now", true, model.Timestamp, mysqlStrPtr("current_timestamp()"), "", model.DefaultExpr("current_timestamp()")},
		{"maria on update", true, model.Timestamp, mysqlStrPtr("current_timestamp(3)"), "on update current_timestamp(3)",
			model.DefaultExpr("current_timestamp(3) ON UPDATE current_timestamp(3)")},
		{"maria expression", true, model.Integer, mysqlStrPtr("(1 + 1)"), "", model.DefaultExpr("(1 + 1)")},

		{"mysql no default", false, str, nil, "", nil},
		{"mysql string", false, str, mysqlStrPtr("it's"), "", model.DefaultLiteral("it's")},
		{"mysql numeric-looking string", false, str, mysqlStrPtr("12"), "", model.DefaultLiteral("12")},
		{"mysql int", false, model.BigInt, mysqlStrPtr("-3"), "", model.DefaultLiteral(int64(-3))},
		{"mysql bool", false, model.Boolean, mysqlStrPtr("0"), "", model.DefaultLiteral(false)},
		{"mysql now", false, model.Timestamp, mysqlStrPtr("CURRENT_TIMESTAMP"), "default_generated", model.DefaultExpr("CURRENT_TIMESTAMP")},
		{"mysql on update", false, model.Timestamp, mysqlStrPtr("CURRENT_TIMESTAMP"), "default_generated on update current_timestamp",
			model.DefaultExpr("CURRENT_TIMESTAMP ON UPDATE current_timestamp")},
		{"mysql text literal", false, model.Text, mysqlStrPtr(`_utf8mb4\'it\'\'s\'`), "default_generated", model.DefaultLiteral("it's")},
		{"mysql expression", false, model.Integer, mysqlStrPtr("(`a` + 1)"), "default_generated", model.DefaultExpr("(`a` + 1)")},
		{"mysql parenthesised number", false, model.Double, mysqlStrPtr("(1.5)"), "default_generated", model.DefaultLiteral(1.5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &mysqlState{mariadb: tt.mariadb}
			raw := sql.NullString{}
			if tt.raw != nil {
				raw = sql.NullString{String: *tt.raw, Valid: true}
			}
			got := st.columnDefault(tt.typ, raw, tt.extra)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("columnDefault(%v, %q) = %#v, want %#v", tt.typ, raw.String, got, tt.want)
			}
		})
	}
}

func mysqlStrPtr(s string) *string { return &s }

func TestMySQLIndexMethod(t *testing.T) {
	tests := []struct{ engine, typ, want string }{
		{"InnoDB", "BTREE", ""},
		{"InnoDB", "HASH", ""},
		{"InnoDB", "FULLTEXT", "fulltext"},
		{"InnoDB", "SPATIAL", "spatial"},
		{"Aria", "RTREE", "spatial"},
		{"MEMORY", "HASH", ""},
		{"MEMORY", "BTREE", "btree"},
		{"MyISAM", "BTREE", ""},
	}
	for _, tt := range tests {
		if got := mysqlIndexMethod(tt.engine, tt.typ); got != tt.want {
			t.Errorf("mysqlIndexMethod(%s, %s) = %q, want %q", tt.engine, tt.typ, got, tt.want)
		}
	}
}

// TestMySQLFilter checks that globs become bound LIKE patterns whose
// number depends on the globs, not on the tables.
func TestMySQLFilter(t *testing.T) {
	st := &mysqlState{schemas: []string{"app", "audit"}, include: likePatterns([]string{"user*", "a_b"}), exclude: likePatterns([]string{"*_tmp"})}
	where, args := st.filter("TABLE_SCHEMA", "TABLE_NAME")
	if n := strings.Count(where, "?"); n != len(args) || n != 5 {
		t.Fatalf("%d placeholders, %d args, want 5: %s", n, len(args), where)
	}
	want := []any{"app", "audit", "user%", `a\_b`, `%\_tmp`}
	if !reflect.DeepEqual(args, want) {
		t.Errorf("args = %q, want %q", args, want)
	}
	if !strings.Contains(where, " AND NOT (") {
		t.Errorf("exclude is not negated: %s", where)
	}
}

func TestMySQLCleanExpr(t *testing.T) {
	mysql := &mysqlState{}
	if got, want := mysql.cleanExpr("(`c` <> _utf8mb4'a' and `d` = _latin1'b')"), "(`c` <> 'a' and `d` = 'b')"; got != want {
		t.Errorf("cleanExpr = %q, want %q", got, want)
	}
	maria := &mysqlState{mariadb: true}
	if got, want := maria.cleanExpr("`c` <> 'x'"), "`c` <> 'x'"; got != want {
		t.Errorf("cleanExpr = %q, want %q", got, want)
	}
}

func TestMySQLJSONCheck(t *testing.T) {
	tb := &model.Table{Name: "t", Columns: []*model.Column{
		{Name: "doc", Type: model.Raw("longtext"), Collation: "utf8mb4_bin"},
		{Name: "txt", Type: model.Raw("longtext")},
	}}
	if !mysqlJSONCheck(dialect.MariaDB(), tb, "doc", "json_valid(`doc`)") {
		t.Fatal("json_valid check not recognised")
	}
	if c := tb.Column("doc"); !c.Type.Equal(model.JSON) || c.Collation != "" {
		t.Errorf("doc = %+v, want JSON without collation", c)
	}
	if mysqlJSONCheck(dialect.MariaDB(), tb, "other", "json_valid(`txt`)") || mysqlJSONCheck(dialect.MariaDB(), tb, "txt", "`txt` <> ''") {
		t.Error("a check other than the column's own json_valid was taken for JSON")
	}
}

// TestMySQLNormalizeAgrees checks that dialect.Normalize puts declared
// models in the form the inspector reports: unique indexes as unique
// constraints, InnoDB's foreign key indexes left out, defaults typed.
func TestMySQLNormalizeAgrees(t *testing.T) {
	d := dialect.MariaDB()
	declared := &model.MetaData{Tables: []*model.Table{{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			{Name: "p", Type: model.Integer, Nullable: true, Default: model.DefaultLiteral(nil)},
			{Name: "price", Type: model.Numeric(10, 2), Default: model.DefaultLiteral(int64(0))},
			{Name: "ok", Type: model.Boolean, Default: model.DefaultLiteral(int64(1))},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk_t_p", Columns: []string{"p"}, RefTable: "t", RefColumns: []string{"id"}}},
		Checks:      []*model.Check{{Name: "ck", Expr: `p <> 'it\'s'`}},
		Indexes: []*model.Index{
			{Name: "ux", Unique: true, Parts: model.Cols("price", "ok")},
			{Name: "ux_desc", Unique: true, Parts: []model.IndexPart{{Column: "price", Desc: true}}},
			{Name: "fk_t_p", Parts: model.Cols("p")},
		},
	}}}
	inspected := &model.MetaData{Tables: []*model.Table{{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			{Name: "p", Type: model.Integer, Nullable: true},
			{Name: "price", Type: model.Numeric(10, 2), Default: model.DefaultLiteral(0.0)},
			{Name: "ok", Type: model.Boolean, Default: model.DefaultLiteral(true)},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk_t_p", Columns: []string{"p"}, RefTable: "t", RefColumns: []string{"id"}, OnDelete: model.Restrict, OnUpdate: model.Restrict}},
		Uniques:     []*model.Unique{{Name: "ux", Columns: []string{"price", "ok"}}},
		Checks:      []*model.Check{{Name: "ck", Expr: "`p` <> 'it''s'"}},
		Indexes:     []*model.Index{{Name: "ux_desc", Unique: true, Parts: []model.IndexPart{{Column: "price", Desc: true}}}},
	}}}
	a, b := dialect.Normalize(d, declared), dialect.Normalize(d, inspected)
	if !reflect.DeepEqual(a, b) {
		ta, tb := a.Tables[0], b.Tables[0]
		t.Errorf("normalized models differ:\ndeclared  %+v %+v %+v\ninspected %+v %+v %+v", ta.Uniques, ta.Indexes, ta.Checks, tb.Uniques, tb.Indexes, tb.Checks)
	}
}
