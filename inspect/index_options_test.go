package inspect_test

import (
	"context"
	"errors"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestIndexOptions creates, on each database, the index and constraint
// options beyond the keys that it has (NULLS NOT DISTINCT, invisible
// indexes, comments on indexes and constraints) and
// checks that the inspector reads each one back, and that a database
// without one refuses it with an *dialect.UnsupportedError.
func TestIndexOptions(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *model.Table)
		// has tells whether the database supports the option; read
		// reports whether the inspected table carries it.
		has  func(c dialect.Capabilities) bool
		read func(t *model.Table) bool
	}{
		{"unique constraint nulls not distinct",
			func(t *model.Table) { t.Uniques[0].NullsNotDistinct = true },
			func(c dialect.Capabilities) bool { return c.NullsNotDistinct },
			func(t *model.Table) bool { return len(t.Uniques) == 1 && t.Uniques[0].NullsNotDistinct }},
		{"unique index nulls not distinct",
			func(t *model.Table) { t.Indexes[0].Unique, t.Indexes[0].NullsNotDistinct = true, true },
			func(c dialect.Capabilities) bool { return c.NullsNotDistinct },
			func(t *model.Table) bool { return len(t.Indexes) == 1 && t.Indexes[0].NullsNotDistinct }},
		{"invisible index",
			func(t *model.Table) { t.Indexes[0].Invisible = true },
			func(c dialect.Capabilities) bool { return c.InvisibleIndexes },
			func(t *model.Table) bool { return len(t.Indexes) == 1 && t.Indexes[0].Invisible }},
		{"index comment",
			func(t *model.Table) { t.Indexes[0].Comment = "it's for lookups" },
			func(c dialect.Capabilities) bool { return c.Comments },
			func(t *model.Table) bool { return len(t.Indexes) == 1 && t.Indexes[0].Comment == "it's for lookups" }},
		{"deferrable unique constraint",
			func(t *model.Table) { t.Uniques[0].Deferrable, t.Uniques[0].InitiallyDeferred = true, true },
			func(c dialect.Capabilities) bool { return c.DeferrableUniques },
			func(t *model.Table) bool {
				return len(t.Uniques) == 1 && t.Uniques[0].Deferrable && t.Uniques[0].InitiallyDeferred
			}},
		{"unique constraint comment",
			func(t *model.Table) { t.Uniques[0].Comment = "codes are unique" },
			func(c dialect.Capabilities) bool { return c.ConstraintComments },
			func(t *model.Table) bool { return len(t.Uniques) == 1 && t.Uniques[0].Comment == "codes are unique" }},
		{"primary key comment",
			func(t *model.Table) { t.PrimaryKey.Name, t.PrimaryKey.Comment = "pk_commented", "surrogate key" },
			func(c dialect.Capabilities) bool { return c.ConstraintComments },
			func(t *model.Table) bool { return t.PrimaryKey != nil && t.PrimaryKey.Comment == "surrogate key" }},
	}
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.Open(t, name)
			d := db.Dialect
			for i, tt := range tests {
				table := &model.Table{
					Name: "opts_" + string(rune('a'+i)),
					Columns: []*model.Column{
						{Name: "id", Type: model.Type{Kind: model.KindInteger}},
						{Name: "code", Type: model.Type{Kind: model.KindVarchar, Length: 20}, Nullable: true},
						{Name: "other", Type: model.Type{Kind: model.KindInteger}, Nullable: true},
					},
					PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
					Uniques:    []*model.Unique{{Name: "uq_" + string(rune('a'+i)), Columns: []string{"code"}}},
					Indexes:    []*model.Index{{Name: "ix_" + string(rune('a'+i)), Parts: model.Cols("other")}},
				}
				tt.change(table)
				md := (&model.MetaData{}).AddTable(table)
				stmts, err := dialect.CreateAll(d, md)
				if !tt.has(d.Capabilities()) {
					var un *dialect.UnsupportedError
					if !errors.As(err, &un) {
						t.Errorf("%s: CreateAll error = %v, want an *UnsupportedError", tt.name, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: CreateAll: %v", tt.name, err)
				}
				for _, s := range stmts {
					if _, err := db.ExecContext(ctx, s); err != nil {
						t.Fatalf("%s: %v\n%s", tt.name, err, s)
					}
				}
				got, err := inspect.Database(ctx, db, inspect.Options{Include: []string{table.Name}})
				if err != nil {
					t.Fatalf("%s: inspect: %v", tt.name, err)
				}
				if len(got.Tables) != 1 || !tt.read(got.Tables[0]) {
					t.Errorf("%s: not read back; inspected:\n%s", tt.name, got.Tables[0].GoSource())
				}
			}
		})
	}
}
