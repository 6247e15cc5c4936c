package inspect_test

import (
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/model"
)

// TestPostgresNormalizeInspected checks the PostgreSQL normalisation rules
// the inspector relies on: declared spellings of defaults and the forms the
// inspector reads back compare equal, and a unique constraint repeating
// the primary key (which CREATE TABLE drops) is left out.
func TestPostgresNormalizeInspected(t *testing.T) {
	d := dialect.Postgres()
	lit, expr := model.DefaultLiteral, model.DefaultExpr
	col := func(name string, typ model.Type, def *model.Default) *model.Column {
		return &model.Column{Name: name, Type: typ, Nullable: true, Default: def}
	}
	declared := &model.MetaData{Tables: []*model.Table{{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			col("s", model.Text, lit("it's")),
			col("s2", model.Varchar(10), expr("'x'::character varying")),
			col("f", model.Double, lit(2.0)),
			col("n", model.Numeric(10, 2), lit(-1.5)),
			col("i", model.Integer, lit("5")),
			col("b", model.Boolean, lit(true)),
			col("z", model.Text, lit(nil)),
			col("z2", model.Text, expr("NULL::text")),
			col("ts", model.TimestampTZ, expr("now()")),
			col("e", model.Enum("mood", "a", "b"), lit("a")),
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Columns: []string{"id"}}, {Name: "uq", Columns: []string{"s2"}}, {Name: "uq2", Columns: []string{"s2"}}},
	}}}
	inspected := &model.MetaData{Tables: []*model.Table{{
		Name: "t",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			col("s", model.Text, lit("it's")),
			col("s2", model.Varchar(10), lit("x")),
			col("f", model.Double, lit(int64(2))),
			col("n", model.Numeric(10, 2), expr("'-1.5'::numeric")),
			col("i", model.Integer, lit(int64(5))),
			col("b", model.Boolean, expr("true")),
			col("z", model.Text, nil),
			col("z2", model.Text, nil),
			col("ts", model.TimestampTZ, expr("CURRENT_TIMESTAMP")),
			col("e", model.Enum("mood", "a", "b"), expr("'a'::mood")),
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_t", Columns: []string{"id"}},
		Uniques:    []*model.Unique{{Name: "uq", Columns: []string{"s2"}}},
	}}}
	if diff := modeltest.Diff(dialect.Normalize(d, declared), dialect.Normalize(d, inspected)); diff != "" {
		t.Error(diff)
	}
	// Different values stay different.
	inspected.Tables[0].Columns[1].Default = lit("its")
	if modeltest.Diff(dialect.Normalize(d, declared), dialect.Normalize(d, inspected)) == "" {
		t.Error("defaults 'it''s' and 'its' compare equal")
	}
}
