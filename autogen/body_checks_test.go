package autogen

import (
	"reflect"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// TestSkipBodyChecks: only a PostgreSQL list that creates or replaces a
// function or procedure starts with SET LOCAL check_function_bodies.
func TestSkipBodyChecks(t *testing.T) {
	fn := &model.Definition{Kind: model.DefFunction, Name: "f", Signature: "", SQL: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT g() $$"}
	proc := &model.Definition{Kind: model.DefProcedure, Name: "p", SQL: "CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$"}
	trg := &model.Definition{Kind: model.DefTrigger, Name: "t", Table: "x", SQL: "CREATE TRIGGER t …"}
	table := ops.CreateTable{Table: &model.Table{Name: "x", Columns: []*model.Column{{Name: "id", Type: model.Integer}}}}
	off := ops.Execute{SQL: "SET LOCAL check_function_bodies = false"}
	cases := []struct {
		name    string
		d       dialect.Dialect
		list    []ops.Operation
		prepend bool
	}{
		{"postgres function", dialect.Postgres(), []ops.Operation{table, ops.CreateDefinition{Definition: fn}}, true},
		{"postgres replaced procedure", dialect.Postgres(), []ops.Operation{ops.ReplaceDefinition{From: proc, To: proc}}, true},
		{"postgres dropped function", dialect.Postgres(), []ops.Operation{ops.DropDefinition{Definition: fn}}, false},
		{"postgres trigger", dialect.Postgres(), []ops.Operation{ops.CreateDefinition{Definition: trg}}, false},
		{"postgres tables only", dialect.Postgres(), []ops.Operation{table}, false},
		{"empty", dialect.Postgres(), nil, false},
		{"mysql function", dialect.MySQL(), []ops.Operation{ops.CreateDefinition{Definition: fn}}, false},
		{"sqlite", dialect.SQLite(), []ops.Operation{table}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := SkipBodyChecks(c.d, c.list)
			want := c.list
			if c.prepend {
				want = append([]ops.Operation{off}, c.list...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SkipBodyChecks = %#v, want %#v", got, want)
			}
		})
	}
}
