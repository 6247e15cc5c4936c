package ops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
)

func TestRegistry(t *testing.T) {
	r := ops.NewRegistry()
	for _, bad := range []string{"", "CamelCase", "with space", "1st", "create_table", "bulk_insert"} {
		if err := r.Register(ops.Registration{Name: bad}); err == nil {
			t.Errorf("Register(%q) accepted", bad)
		}
	}
	hook := func(op ops.Operation) (string, error) {
		o, ok := op.(CreateTouchTrigger)
		if !ok {
			return "", fmt.Errorf("not a touch trigger: %T", op)
		}
		return "myops.Touch(" + fmt.Sprintf("%q", o.Table) + ")", nil
	}
	if err := r.Register(ops.Registration{Name: "create_touch_trigger", Render: hook, Imports: []string{"x/myops"}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Register(ops.Registration{Name: "create_touch_trigger"}); err == nil {
		t.Error("duplicate registration accepted")
	}
	if err := r.Register(ops.Registration{Name: "drop_touch_trigger"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Names(), ","); got != "create_touch_trigger,drop_touch_trigger" {
		t.Errorf("Names = %s", got)
	}
	src, imps, err := r.GoSource(CreateTouchTrigger{Table: "posts", Column: "at"})
	if err != nil || src != `myops.Touch("posts")` || len(imps) != 1 {
		t.Errorf("GoSource with hook = %q %v %v", src, imps, err)
	}
	src, imps, err = r.GoSource(DropTouchTrigger{Table: "posts", Column: "at"})
	if err != nil || !strings.HasPrefix(src, "myops.DropTouchTrigger{") || imps != nil {
		t.Errorf("GoSource without hook = %q %v %v", src, imps, err)
	}
	src, _, err = r.GoSource(ops.RenameTable{Table: "a", NewName: "b"})
	if err != nil || src != `ops.RenameTable{Table: "a", NewName: "b"}` {
		t.Errorf("GoSource of a built-in = %q %v", src, err)
	}
	if _, _, err := r.GoSource(nil); err == nil {
		t.Error("GoSource(nil) accepted")
	}
	if ops.DefaultRegistry() == nil {
		t.Error("no default registry")
	}
}

func TestPerDialectMissing(t *testing.T) {
	p := ops.PerDialect{"postgres": ops.SQL("SELECT 1")}
	_, err := p.Statements(context.Background(), &ops.Context{Dialect: dialect.SQLite()})
	var ue *dialect.UnsupportedError
	if !errors.As(err, &ue) || !strings.Contains(ue.Hint, `"sqlite"`) {
		t.Fatalf("want an *UnsupportedError naming sqlite, got %v", err)
	}
	p[ops.DefaultDialect] = ops.NoSQL
	if stmts, err := p.Statements(context.Background(), &ops.Context{Dialect: dialect.SQLite()}); err != nil || len(stmts) != 0 {
		t.Fatalf("default entry: %v %v", stmts, err)
	}
}

// TestCustomOperationInRunner runs a Go revision using the custom
// CreateTouchTrigger (and a bulk insert) through runner.NewRunner, then
// downgrades it with the operation's inverse.
func TestCustomOperationInRunner(t *testing.T) {
	posts := &model.Table{
		Name: "posts",
		Columns: []*model.Column{
			{Name: "id", Type: model.Integer},
			{Name: "title", Type: model.Varchar(50)},
			{Name: "updated_at", Type: model.Timestamp},
		},
		PrimaryKey: &model.PrimaryKey{Name: "pk_posts", Columns: []string{"id"}},
	}
	trigger := CreateTouchTrigger{Table: "posts", Column: "updated_at"}
	old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	r1 := &runner.Revision{ID: "c1", Message: "posts",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			if err := op.Run(ctx, ops.CreateTable{Table: posts}); err != nil {
				return err
			}
			return op.BulkInsert(ctx, ops.BulkInsert{Table: "posts", RowMaps: []map[string]any{
				{"id": 1, "title": "one", "updated_at": old},
				{"id": 2, "title": "two", "updated_at": old},
			}})
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx, ops.DropTable{Table: "posts", Existing: posts})
		},
	}
	r2 := &runner.Revision{ID: "c2", Revises: []string{"c1"}, Message: "touch trigger",
		Upgrade: func(ctx context.Context, op *ops.Op) error { return op.Run(ctx, trigger) },
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			inv, err := trigger.Reverse()
			if err != nil {
				return err
			}
			return op.Run(ctx, inv)
		},
	}
	for _, name := range []string{"sqlite", "postgres", "mysql"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.Open(t, name)
			ctx := context.Background()
			reg := runner.NewRegistry()
			reg.Register(r1)
			reg.Register(r2)
			g, err := runner.NewCompiledSet(nil, reg)
			if err != nil {
				t.Fatal(err)
			}
			run, err := runner.NewRunner(db, g, runner.WithLockTimeout(10*time.Second))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := run.Upgrade(ctx, "head"); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			touched := func(stage string) int {
				t.Helper()
				if _, err := db.ExecContext(ctx, "UPDATE posts SET title = '"+stage+"' WHERE id = 1"); err != nil {
					t.Fatal(err)
				}
				var n int
				if err := db.QueryRowContext(ctx, "SELECT count(*) FROM posts WHERE updated_at > '2001-01-01'").Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			if n := touched("up"); n != 1 {
				t.Fatalf("after upgrade, %d rows touched by the trigger, want 1", n)
			}
			if _, err := run.Downgrade(ctx, "c1"); err != nil {
				t.Fatalf("downgrade: %v", err)
			}
			if _, err := db.ExecContext(ctx, "UPDATE posts SET updated_at = '2000-01-01 00:00:00'"); err != nil {
				t.Fatal(err)
			}
			if n := touched("down"); n != 0 {
				t.Fatalf("after downgrade, %d rows touched: the trigger is still there", n)
			}
			if _, err := run.Downgrade(ctx, "base"); err != nil {
				t.Fatalf("downgrade to base: %v", err)
			}
		})
	}
}
