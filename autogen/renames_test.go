package autogen

import (
	"strings"
	"testing"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

func TestCompareDeclaredRenames(t *testing.T) {
	cur := schema(tbl("users"), tbl("posts", "users"))
	cur.Tables[0].Columns = append(cur.Tables[0].Columns, &model.Column{Name: "mail", Type: model.Text})
	tgt := schema(tbl("people"), tbl("posts"))
	tgt.Tables[0].RenamedFrom = "users"
	tgt.Tables[0].Columns = append(tgt.Tables[0].Columns, &model.Column{Name: "email", Type: model.Text, RenamedFrom: "mail"})
	// The key follows the renamed table: same columns, same name.
	posts := tgt.Tables[1]
	posts.Columns = append(posts.Columns, &model.Column{Name: "users_id", Type: model.BigInt, Nullable: true})
	posts.ForeignKeys = []*model.ForeignKey{{Name: "fk_posts_users", Columns: []string{"users_id"}, RefTable: "people", RefColumns: []string{"id"}}}

	res, err := Compare(cur, tgt, Options{Dialect: mustDialect(t, "postgres")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := opNames(res.Ops), "rename_table users->people; alter_column people.mail"; got != want {
		t.Fatalf("ops:\n got %s\nwant %s", got, want)
	}
	ac := res.Ops[1].(ops.AlterColumn)
	if ac.New.Name != "email" || ac.Existing.Name != "mail" || ac.New.RenamedFrom != "" {
		t.Errorf("column rename: %+v → %+v", ac.Existing, ac.New)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	down, err := Downgrade(cur, res.Ops)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := opNames(down), "alter_column people.email; rename_table people->users"; got != want {
		t.Errorf("downgrade:\n got %s\nwant %s", got, want)
	}
}

func TestCompareInteractiveRenames(t *testing.T) {
	cur := schema(tbl("users"), tbl("old_log"))
	cur.Tables[0].Columns = append(cur.Tables[0].Columns,
		&model.Column{Name: "mail", Type: model.Varchar(100)},
		&model.Column{Name: "born", Type: model.Date, Nullable: true})
	tgt := schema(tbl("users"), tbl("audit_log"))
	tgt.Tables[0].Columns = append(tgt.Tables[0].Columns,
		&model.Column{Name: "email", Type: model.Text},
		&model.Column{Name: "flag", Type: model.Boolean, Nullable: true})

	tests := []struct {
		name   string
		answer bool
		want   string
		warn   []string
	}{
		{"yes", true, "rename_table old_log->audit_log; alter_column users.mail; drop_column users.born; add_column users.flag; alter_column users.email",
			[]string{"users.born: dropped"}},
		{"no", false, "drop_column users.mail; drop_column users.born; add_column users.email; add_column users.flag; create_table audit_log; drop_table old_log",
			[]string{"users.mail: dropped; its data will be lost", "users.born: dropped", "old_log: dropped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked []RenameCandidate
			res, err := Compare(cur, tgt, Options{Dialect: mustDialect(t, "postgres"), Rename: func(c RenameCandidate) bool {
				asked = append(asked, c)
				return tt.answer
			}})
			if err != nil {
				t.Fatal(err)
			}
			if got := opNames(res.Ops); got != tt.want {
				t.Errorf("ops:\n got %s\nwant %s", got, tt.want)
			}
			// Asked: the table, and mail→email (compatible text types);
			// never born (a date) → flag (a boolean).
			wantAsked := []RenameCandidate{
				{Kind: "table", From: "old_log", To: "audit_log"},
				{Kind: "column", Table: "users", From: "mail", To: "email"},
			}
			if len(asked) != len(wantAsked) {
				t.Fatalf("asked %+v, want %+v", asked, wantAsked)
			}
			for i := range asked {
				if asked[i] != wantAsked[i] {
					t.Errorf("asked %+v, want %+v", asked[i], wantAsked[i])
				}
			}
			var msgs []string
			for _, w := range res.Warnings {
				msgs = append(msgs, w.Message)
			}
			for _, w := range tt.warn {
				if !strings.Contains(strings.Join(msgs, "\n"), w) {
					t.Errorf("warnings %q lack %q", msgs, w)
				}
			}
			if len(msgs) != len(tt.warn) {
				t.Errorf("warnings %q, want %d", msgs, len(tt.warn))
			}
		})
	}
}
