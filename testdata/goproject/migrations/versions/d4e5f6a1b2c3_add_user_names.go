package versions

import (
	"context"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
	"github.com/migratego/migrate/runner"
)

// Data written with the expression core: the same code on every database,
// values bound online and written as escaped literals with --sql.
func init() {
	users := query.T("users")
	runner.Register(&runner.Revision{
		ID:         "d4e5f6a1b2c3",
		Revises:    []string{"c3d4e5f6a1b2"},
		Message:    "add user names",
		CreateDate: "2025-01-13 09:00:00",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			if err := op.Run(ctx, ops.AddColumn{Table: "users", Column: &model.Column{Name: "name", Type: model.Varchar(200), Nullable: true}}); err != nil {
				return err
			}
			if _, err := op.Exec(ctx, query.Update(users).Set(query.Set("name", "Ada Lovelace")).Where(query.Eq(users.C("id"), 1))); err != nil {
				return err
			}
			_, err := op.Exec(ctx, query.Insert(users).Columns("id", "email", "name").
				Values(2, "grace@example.com", "Grace Brewster Hopper").
				Values(3, "plato@example.com", "Plato"))
			return err
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			if _, err := op.Exec(ctx, query.Delete(users).Where(query.In(users.C("id"), 2, 3))); err != nil {
				return err
			}
			return op.Run(ctx, ops.DropColumn{Table: "users", Column: "name"})
		},
	})
}
