package inspect_test

import (
	"context"
	"slices"
	"testing"

	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
)

// TestMySQLInspectScope checks the scope of an inspection: include and
// exclude globs (case-sensitive, with % and _ literal), other schemas
// carrying their name, and foreign keys across schemas.
func TestMySQLInspectScope(t *testing.T) {
	ctx := context.Background()
	db, tg := testdb.Open(t, "mysql")
	other := testdb.New(t, "mysql").Scope
	execAll(ctx, t, db, []string{
		"CREATE TABLE users (id int PRIMARY KEY)",
		"CREATE TABLE user_roles (id int PRIMARY KEY, user_id int, FOREIGN KEY (user_id) REFERENCES users (id))",
		"CREATE TABLE userXroles (id int PRIMARY KEY)",
		"CREATE TABLE Users_tmp (id int PRIMARY KEY)",
		"CREATE TABLE audit_tmp (id int PRIMARY KEY)",
		"CREATE VIEW user_view AS SELECT id FROM users",
		"CREATE SEQUENCE user_seq",
		"CREATE TABLE `" + other + "`.events (id int PRIMARY KEY, user_id int, " +
			"CONSTRAINT fk_events_user FOREIGN KEY (user_id) REFERENCES `" + tg.Scope + "`.users (id))",
	}...)
	names := func(md *model.MetaData) []string {
		var out []string
		for _, t := range md.Tables {
			out = append(out, t.QualifiedName())
		}
		for _, v := range md.Views {
			out = append(out, "view "+v.Name)
		}
		for _, s := range md.Sequences {
			out = append(out, "sequence "+s.Name)
		}
		return out
	}
	tests := []struct {
		name string
		opts inspect.Options
		want []string
	}{
		{"all", inspect.Options{}, []string{"Users_tmp", "audit_tmp", "userXroles", "user_roles", "users", "view user_view", "sequence user_seq"}},
		{"include", inspect.Options{Include: []string{"user*"}}, []string{"userXroles", "user_roles", "users", "view user_view", "sequence user_seq"}},
		{"literal underscore", inspect.Options{Include: []string{"user_*"}}, []string{"user_roles", "view user_view", "sequence user_seq"}},
		{"exclude", inspect.Options{Exclude: []string{"*_tmp", "user?roles"}}, []string{"users", "view user_view", "sequence user_seq"}},
		{"other schema", inspect.Options{Schemas: []string{other}}, []string{other + ".events"}},
		{"both schemas", inspect.Options{Schemas: []string{tg.Scope, other}, Include: []string{"events", "users"}}, []string{"users", other + ".events"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := inspect.Database(ctx, db, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(md); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	md, err := inspect.Database(ctx, db, inspect.Options{Schemas: []string{other}})
	if err != nil {
		t.Fatal(err)
	}
	fk := md.Tables[0].ForeignKeys
	if len(fk) != 1 || fk[0].RefSchema != tg.Scope || fk[0].RefTable != "users" {
		t.Errorf("cross-schema foreign key = %+v, want one to %s.users", fk, tg.Scope)
	}
	if n := len(md.Tables[0].Indexes); n != 0 {
		t.Errorf("the foreign key's automatic index was reported: %+v", md.Tables[0].Indexes)
	}
}
