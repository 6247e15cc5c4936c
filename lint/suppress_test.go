package lint

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/scriptdir"
	"github.com/migratego/migrate/versions"
)

// TestGoSuppressions reads the suppressions of a Go revision file: in the
// header for the whole revision, at the end of an operation's line, or
// alone on the line above it; the operations of one Run call each get
// their own line.
func TestGoSuppressions(t *testing.T) {
	path := filepath.Join("..", "testdata", "lint", "go", "f6a1b2c3d4e5_lint_checks.go")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := func(line int) []ops.Caller {
		return []ops.Caller{{File: "/elsewhere/helper.go", Line: 3}, {File: "/build/" + filepath.Base(path), Line: line}}
	}
	rev := &Revision{Script: &scriptdir.Script{Revision: &versions.Revision{ID: "f6a1b2c3d4e5", Path: path}, Kind: scriptdir.KindGo}, InRange: true, Source: src,
		Recorded: []ops.Recorded{
			{Operation: ops.DropColumn{Table: "users", Column: "bio"}, Index: 0, Callers: at(22)},
			{Operation: ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix", Unique: true, Parts: model.Cols("first_name")}}, Index: 1, Callers: at(22)},
			{Operation: ops.AddColumn{Table: "users", Column: &model.Column{Name: "rank", Type: model.Integer}}, Index: 2, Callers: at(22)},
			{Operation: ops.RenameTable{Table: "users", NewName: "members"}, Callers: at(31)},
		}}
	d, _ := dialect.ForName("mysql")
	users := usersTable()
	users.Columns = append(users.Columns, &model.Column{Name: "bio", Type: model.Text, Nullable: true}, &model.Column{Name: "first_name", Type: model.Text, Nullable: true})
	rep, err := Check(context.Background(), Options{Dialect: d}, []*Revision{goRevision("base", false, ops.CreateTable{Table: users}), rev})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		s := f.Rule
		if f.Suppressed != "" {
			s += "(accepted)"
		}
		got = append(got, strconv.Itoa(f.Line)+" "+s)
	}
	want := []string{"24 drop-column(accepted)", "25 bad-lint-ignore", "25 unique-on-existing-table", "26 not-null-without-default", "31 rename-table(accepted)"}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
}
