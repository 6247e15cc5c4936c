package versions

import (
	"context"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
)

func init() {
	runner.Register(&runner.Revision{
		ID:         "a1b2c3d4e5f6",
		Message:    "create users",
		CreateDate: "2025-01-10 09:00:00",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx, ops.CreateTable{Table: &model.Table{
				Name: "users",
				Columns: []*model.Column{
					{Name: "id", Type: model.BigInt},
					{Name: "email", Type: model.Varchar(255)},
				},
				PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
			}})
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx, ops.DropTable{Table: "users"})
		},
	})
}
