package migratetest_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/migratetest"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
)

// goRevisions registers two compiled revisions: users, then a column
// whose downgrade is right (dropColumn) or forgotten.
func goRevisions(dropColumn bool) *runner.Registry {
	reg := runner.NewRegistry()
	users := &model.Table{Name: "users", Columns: []*model.Column{
		{Name: "id", Type: model.Type{Kind: model.KindInteger}},
		{Name: "email", Type: model.Type{Kind: model.KindVarchar, Length: 200}},
	}, PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	reg.Register(&runner.Revision{
		ID: "g1", Message: "users",
		Upgrade:   func(ctx context.Context, op *ops.Op) error { return op.Run(ctx, ops.CreateTable{Table: users}) },
		Downgrade: func(ctx context.Context, op *ops.Op) error { return op.Run(ctx, ops.DropTable{Table: "users"}) },
	})
	name := &model.Column{Name: "name", Type: model.Type{Kind: model.KindText}, Nullable: true}
	reg.Register(&runner.Revision{
		ID: "g2", Revises: []string{"g1"}, Message: "users.name",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx, ops.AddColumn{Table: "users", Column: name})
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			if !dropColumn {
				return nil
			}
			return op.Run(ctx, ops.DropColumn{Table: "users", Column: "name", Existing: name})
		},
	})
	return reg
}

// fakeT records Fatalf.
type fakeT struct {
	ctx    context.Context
	failed string
}

func (f *fakeT) Helper()                   {}
func (f *fakeT) Context() context.Context  { return f.ctx }
func (f *fakeT) Fatalf(s string, a ...any) { f.failed = fmt.Sprintf(s, a...) }

// TestStairwayCompiledRevisions: compiled Go revisions, through the
// go test helper, on an in-memory SQLite database; a Go downgrade that
// forgets its column fails the test with the revision and the diff.
func TestStairwayCompiledRevisions(t *testing.T) {
	for _, good := range []bool{true, false} {
		t.Run(fmt.Sprintf("good=%v", good), func(t *testing.T) {
			db, err := sql.Open("sqlite", ":memory:")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.SetMaxOpenConns(1)
			ft := &fakeT{ctx: context.Background()}
			res := migratetest.Stairway(ft, db, migrate.Source{Registry: goRevisions(good)})
			if good {
				if ft.failed != "" || res == nil || len(res.Revisions) != 2 {
					t.Fatalf("good revisions failed: %s", ft.failed)
				}
				return
			}
			for _, want := range []string{"revision g2", "does not restore", "+\t\"name\" TEXT"} {
				if !strings.Contains(ft.failed, want) {
					t.Errorf("failure does not contain %q:\n%s", want, ft.failed)
				}
			}
		})
	}
}

// TestRunModelCheck: the schema at head is handed to the compare func
// with the model; a difference it reports fails the run (PhaseModel).
func TestRunModelCheck(t *testing.T) {
	target := &model.MetaData{}
	for _, diff := range []string{"", "-CREATE TABLE users"} {
		db, _ := testdb.Open(t, "sqlite")
		var head *model.MetaData
		compare := func(_ context.Context, h, m *model.MetaData) (string, error) {
			if m != target {
				t.Errorf("compare got another model")
			}
			head = h
			return diff, nil
		}
		res, err := run(t, db, project("good"), migratetest.WithModel(target, compare))
		if head == nil || head.Table("", "tags") == nil {
			t.Fatalf("compare did not get the schema at head: %+v", head)
		}
		var f *migratetest.Failure
		switch {
		case diff == "" && (err != nil || !res.ModelChecked):
			t.Errorf("equal model: %v, ModelChecked=%v", err, res.ModelChecked)
		case diff != "" && (!errors.As(err, &f) || f.Phase != migratetest.PhaseModel || !strings.Contains(err.Error(), diff)):
			t.Errorf("different model: %v, want a PhaseModel failure showing the diff", err)
		}
	}
}
