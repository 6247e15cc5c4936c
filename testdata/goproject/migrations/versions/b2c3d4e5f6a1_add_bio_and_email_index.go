package versions

import (
	"context"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
)

func init() {
	runner.Register(&runner.Revision{
		ID:         "b2c3d4e5f6a1",
		Revises:    []string{"a1b2c3d4e5f6"},
		Message:    "add bio and email index",
		CreateDate: "2025-01-11 09:00:00",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx,
				ops.AddColumn{Table: "users", Column: &model.Column{Name: "bio", Type: model.Text, Nullable: true}},
				ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_email", Unique: true, Parts: model.Cols("email")}},
			)
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx,
				ops.DropIndex{Table: "users", Index: "ix_users_email"},
				ops.DropColumn{Table: "users", Column: "bio"},
			)
		},
	})
}
