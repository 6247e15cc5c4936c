package dialect_test

import (
	"context"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/modeltest"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestSQLiteStrictTypes: a STRICT table accepts only INT, INTEGER, REAL,
// TEXT, BLOB and ANY, so the portable kinds with one of those storage
// classes are created as it (a DOUBLE or VARCHAR(20) column was refused:
// "unknown datatype"), and compare equal to it in normal form: a model
// that widens REAL to DOUBLE on a STRICT table asks for no change. Found
// by autogen's TestProperty (sqlite, a mutation of a STRICT table).
func TestSQLiteStrictTypes(t *testing.T) {
	ctx := context.Background()
	db, _ := testdb.Open(t, "sqlite")
	tb := &model.Table{Name: "s", Strict: true, Columns: []*model.Column{
		{Name: "id", Type: model.BigInt},
		{Name: "d", Type: model.Double, Nullable: true},
		{Name: "v", Type: model.Varchar(20), Nullable: true},
		{Name: "c", Type: model.Char(3), Nullable: true},
		{Name: "b", Type: model.Binary(16), Nullable: true},
		{Name: "a", Type: model.Raw("ANY"), Nullable: true},
	}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	md := (&model.MetaData{}).AddTable(tb)
	md.ApplyNaming()
	stmts, err := dialect.CreateAll(db.Dialect, md)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%v\nstatement: %s", err, s)
		}
	}
	got, err := inspect.Database(ctx, db, inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := modeltest.Diff(dialect.Normalize(db.Dialect, md), dialect.Normalize(db.Dialect, got)); diff != "" {
		t.Fatalf("inspected STRICT table differs from the model:\n%s", diff)
	}
	// Not STRICT: DOUBLE stays another type than REAL.
	plain := (&model.MetaData{}).AddTable(&model.Table{Name: "p", Columns: []*model.Column{{Name: "d", Type: model.Double}}})
	if typ := dialect.Normalize(db.Dialect, plain).Tables[0].Columns[0].Type; typ.Kind != model.KindDouble {
		t.Errorf("a DOUBLE column of a table that is not STRICT normalises to %s", typ)
	}
}
