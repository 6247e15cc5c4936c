package versions

import (
	"context"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
)

// A revision that `migrate lint` reports on, added to the sample Go
// project by the lint tests.
//
// migrate:lint-ignore rename-table the running code reads members since release 3
func init() {
	runner.Register(&runner.Revision{
		ID:         "f6a1b2c3d4e5",
		Revises:    []string{"e5f6a1b2c3d4"},
		Message:    "lint checks",
		CreateDate: "2025-01-15 09:00:00",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			err := op.Run(ctx,
				// migrate:lint-ignore drop-column bio moved to profiles in release 2
				ops.DropColumn{Table: "users", Column: "bio"},
				ops.CreateIndex{Table: "users", Index: &model.Index{Name: "ix_users_first", Unique: true, Parts: model.Cols("first_name")}}, // migrate:lint-ignore unique-on-existing-table
				ops.AddColumn{Table: "users", Column: &model.Column{Name: "rank", Type: model.Integer}},
			)
			if err != nil {
				return err
			}
			return op.Run(ctx, ops.RenameTable{Table: "users", NewName: "members"})
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Run(ctx,
				ops.RenameTable{Table: "members", NewName: "users"},
				ops.DropColumn{Table: "users", Column: "rank"},
				ops.DropIndex{Table: "users", Index: "ix_users_first"},
				ops.AddColumn{Table: "users", Column: &model.Column{Name: "bio", Type: model.Text, Nullable: true}},
			)
		},
	})
}
