package autogenerate

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// TestCheckUnsupportedModel: a model the database cannot make (an
// expression index on MySQL) is the user's input to change: an
// *InputError (exit status 2) that names the database, the object and
// what to do, without the packages it went through.
func TestCheckUnsupportedModel(t *testing.T) {
	users := &model.Table{Name: "users", Columns: []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "email", Type: model.Text}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	exprIndex := ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_lower_email", Parts: []model.IndexPart{{Expr: "lower(email)"}}}}
	cases := []struct {
		db    string
		input bool   // an *InputError
		want  string // in the message; empty: no error
	}{
		{"mariadb", true, `the model cannot be made on mysql: index "ix_users_lower_email" on table "users": an expression index is not supported; index a generated column`},
		{"mysql", false, ""}, // MySQL 8 has functional key parts
		{"postgres", false, ""},
		{"sqlite", false, ""},
	}
	for _, c := range cases {
		t.Run(c.db, func(t *testing.T) {
			d, err := dialect.ForName(c.db)
			if err != nil {
				t.Fatal(err)
			}
			diff := &Diff{Options: autogen.Options{Dialect: d}, Current: (&model.MetaData{}).AddTable(users.Clone()),
				Target: &model.MetaData{}, Up: []ops.Operation{exprIndex}}
			rep, err := diff.Check(context.Background())
			if c.want == "" {
				if err != nil || len(rep.Operations) != 1 {
					t.Fatalf("check: %v, %+v", err, rep)
				}
				return
			}
			var ie *InputError
			if err == nil || errors.As(err, &ie) != c.input || !strings.Contains(err.Error(), c.want) || ie.ExitCode() != 2 {
				t.Fatalf("check: %v; want an InputError containing %q", err, c.want)
			}
			if strings.Contains(err.Error(), "autogen:") || strings.Contains(err.Error(), "create_index:") {
				t.Errorf("internal prefixes in %q", err)
			}
		})
	}
}
