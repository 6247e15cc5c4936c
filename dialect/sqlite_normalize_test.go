package dialect

import (
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestSQLiteNormalize checks that declared spellings SQLite stores
// identically normalise to the same model.
func TestSQLiteNormalize(t *testing.T) {
	d := SQLite()
	declared := &model.MetaData{Tables: []*model.Table{{
		Schema: "main",
		Name:   "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, Identity: &model.Identity{Start: 1}, Nullable: true},
			{Name: "mood", Type: model.Enum("mood", "a", "b"), Default: model.DefaultLiteral("a")},
			{Name: "name", Type: model.Varchar(20), Collation: "nocase"},
			{Name: "code", Type: model.Raw("nvarchar(5)"), Collation: "binary"},
			{Name: "on", Type: model.Boolean, Default: model.DefaultLiteral(true)},
			{Name: "off", Type: model.Boolean, Default: model.DefaultLiteral(false)},
			{Name: "note", Type: model.Text, Nullable: true, Default: model.DefaultLiteral(nil)},
			{Name: "at", Type: model.Raw("datetime"), Nullable: true, Default: model.DefaultExpr("(CURRENT_TIMESTAMP)")},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"id"}, RefSchema: "main", RefTable: "t", RefColumns: []string{"id"}, OnDelete: model.NoAction}},
		Indexes:     []*model.Index{{Name: "ix_c", Parts: []model.IndexPart{{Column: "code", Collation: "nocase"}, {Column: "name", Collation: "binary"}}}},
	}}}
	inspected := &model.MetaData{Tables: []*model.Table{{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer, AutoIncrement: true},
			{Name: "mood", Type: model.Type{Kind: model.KindEnum, Values: []string{"a", "b"}}, Default: model.DefaultLiteral("a")},
			{Name: "name", Type: model.Varchar(20), Collation: "NOCASE"},
			{Name: "code", Type: model.Varchar(5)},
			{Name: "on", Type: model.Boolean, Default: model.DefaultLiteral(int64(1))},
			{Name: "off", Type: model.Boolean, Default: model.DefaultLiteral(int64(0))},
			{Name: "note", Type: model.Text, Nullable: true, Default: model.DefaultExpr("NULL")},
			{Name: "at", Type: model.Timestamp, Nullable: true, Default: model.DefaultExpr("CURRENT_TIMESTAMP")},
		},
		PrimaryKey:  &model.PrimaryKey{Name: "pk_t", Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Name: "fk_t_id_t", Columns: []string{"id"}, RefTable: "t", RefColumns: []string{"id"}}},
		Indexes:     []*model.Index{{Name: "ix_c", Parts: []model.IndexPart{{Column: "code", Collation: "NOCASE"}, {Column: "name", Collation: "BINARY"}}}},
	}}}
	a, b := Normalize(d, declared).Tables[0], Normalize(d, inspected).Tables[0]
	if a.Schema != b.Schema || a.Name != b.Name {
		t.Errorf("table %q.%q vs %q.%q", a.Schema, a.Name, b.Schema, b.Name)
	}
	for i := range a.Columns {
		if ca, cb := a.Columns[i], b.Columns[i]; !reflect.DeepEqual(ca, cb) {
			t.Errorf("column %s:\ndeclared  %+v (default %+v)\ninspected %+v (default %+v)", ca.Name, ca, ca.Default, cb, cb.Default)
		}
	}
	if !reflect.DeepEqual(a.Indexes, b.Indexes) {
		t.Errorf("index keys differ: %+v vs %+v", a.Indexes[0].Parts, b.Indexes[0].Parts)
	}
	if !reflect.DeepEqual(a.ForeignKeys, b.ForeignKeys) || !reflect.DeepEqual(a.PrimaryKey, b.PrimaryKey) {
		t.Errorf("keys differ: %+v %+v vs %+v %+v", a.PrimaryKey, a.ForeignKeys[0], b.PrimaryKey, b.ForeignKeys[0])
	}
}

// TestSQLitePrimaryKeyNullability: a primary key column is NOT NULL when
// the model says so (Nullable false, the zero value), and stays nullable
// when the model says it is nullable, as SQLite allows (issue 12: an
// inspected legacy table reloads as it was; before, the DDL made it NOT
// NULL while the model said nullable).
func TestSQLitePrimaryKeyNullability(t *testing.T) {
	for _, nullable := range []bool{false, true} {
		tbl := sqliteTable()
		tbl.Columns[1].Nullable = nullable
		tbl.PrimaryKey.Columns = []string{"name"}
		got, err := SQLite().CreateTable(tbl)
		if err != nil {
			t.Fatal(err)
		}
		notNull := strings.Contains(got[0], `"name" VARCHAR(20) NOT NULL`)
		if notNull == nullable {
			t.Errorf("Nullable %v, but NOT NULL is %v:\n%s", nullable, notNull, got[0])
		}
	}
}

// TestNormalizeDropsCommentsWithoutComments: SQLite keeps no comments, so
// the comments of a model are not part of its normal form there (they
// would show as a change after every upgrade); PostgreSQL keeps them.
func TestNormalizeDropsCommentsWithoutComments(t *testing.T) {
	md := &model.MetaData{Tables: []*model.Table{{
		Name:        "t",
		Comment:     "table",
		Columns:     []*model.Column{{Name: "id", Type: model.Integer, Comment: "column"}, {Name: "n", Type: model.Integer}},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}, Comment: "key"},
		Uniques:     []*model.Unique{{Name: "u", Columns: []string{"n"}, Comment: "unique"}},
		Checks:      []*model.Check{{Name: "c", Expr: "id > 0", Comment: "check"}},
		ForeignKeys: []*model.ForeignKey{{Name: "f", Columns: []string{"id"}, RefTable: "t", RefColumns: []string{"id"}, Comment: "fk"}},
	}}}
	comments := func(tb *model.Table) string {
		return tb.Comment + tb.Columns[0].Comment + tb.PrimaryKey.Comment + tb.Uniques[0].Comment + tb.Checks[0].Comment + tb.ForeignKeys[0].Comment
	}
	if got := comments(Normalize(SQLite(), md).Tables[0]); got != "" {
		t.Errorf("SQLite normal form keeps comments %q", got)
	}
	if got := comments(Normalize(Postgres(), md).Tables[0]); got != "tablecolumnkeyuniquecheckfk" {
		t.Errorf("PostgreSQL normal form lost comments: %q", got)
	}
	if md.Tables[0].Comment != "table" {
		t.Error("Normalize changed its argument")
	}
}
