package migratetest_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate"
	"github.com/migratego/migrate/autogen"
	"github.com/migratego/migrate/inspect"
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

// TestRunModelCheck: at head, the schema is compared with the model as
// `migrate check` compares them. The schema the good project reaches,
// read from another database, passes; the same model with a column more
// fails with the operation autogenerate would write and the diff.
func TestRunModelCheck(t *testing.T) {
	ref, _ := testdb.Open(t, "sqlite")
	if _, err := run(t, ref, project("good")); err != nil {
		t.Fatal(err)
	}
	target, err := inspect.Database(context.Background(), ref, inspect.Options{Exclude: []string{"migrate_version", "migrate_history"}})
	if err != nil {
		t.Fatal(err)
	}
	db, _ := testdb.Open(t, "sqlite")
	res, err := run(t, db, project("good"), migratetest.WithModel(target, autogen.Options{}))
	if err != nil || !res.ModelChecked {
		t.Fatalf("the model of the head schema: %v, ModelChecked=%v", err, res.ModelChecked)
	}

	target.Table("", "tags").Columns = append(target.Table("", "tags").Columns, &model.Column{Name: "color", Type: model.Type{Kind: model.KindText}, Nullable: true})
	db, _ = testdb.Open(t, "sqlite")
	_, err = run(t, db, project("good"), migratetest.WithModel(target, autogen.Options{}))
	var f *migratetest.Failure
	if !errors.As(err, &f) || f.Phase != migratetest.PhaseModel || f.Revision != nil {
		t.Fatalf("a model with a column more: %v, want a PhaseModel failure", err)
	}
	for _, want := range []string{"the schema at head differs from the target model", "autogenerate would write 1 operation(s)", "add_column", "+++ model", "+\t\"color\" TEXT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("failure lacks %q:\n%v", want, err)
		}
	}
}

// TestStairwayDowngradeLeavesRows: a data revision whose downgrade
// forgets its rows fails on upgrading again; the go test failure says
// "stairway" once and points at the downgrade.
func TestStairwayDowngradeLeavesRows(t *testing.T) {
	reg := runner.NewRegistry()
	users := &model.Table{Name: "users", Columns: []*model.Column{{Name: "id", Type: model.Type{Kind: model.KindInteger}}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}}}
	reg.Register(&runner.Revision{
		ID: "d1", Message: "users",
		Upgrade:   func(ctx context.Context, op *ops.Op) error { return op.Run(ctx, ops.CreateTable{Table: users}) },
		Downgrade: func(ctx context.Context, op *ops.Op) error { return op.Run(ctx, ops.DropTable{Table: "users"}) },
	})
	reg.Register(&runner.Revision{
		ID: "d2", Revises: []string{"d1"}, Message: "seed",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Execute(ctx, "INSERT INTO users (id) VALUES (1)")
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error { return nil }, // forgets the row
	})
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ft := &fakeT{ctx: context.Background()}
	migratetest.Stairway(ft, db, migrate.Source{Registry: reg})
	if !strings.HasPrefix(ft.failed, "stairway upgrade again: upgrade d1 -> d2 (compiled, no file) failed") || strings.Contains(ft.failed, "stairway: stairway") ||
		!strings.Contains(ft.failed, "its downgrade likely leaves behind what the upgrade makes") {
		t.Errorf("failure:\n%s", ft.failed)
	}
}
