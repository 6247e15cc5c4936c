package versions

import (
	"context"

	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/runner"
)

// A data migration: any Go code may run on the migration's connection.
func init() {
	runner.Register(&runner.Revision{
		ID:         "c3d4e5f6a1b2",
		Revises:    []string{"b2c3d4e5f6a1"},
		Message:    "seed admin user",
		CreateDate: "2025-01-12 09:00:00",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Execute(ctx, "INSERT INTO users (id, email, bio) VALUES (1, 'admin@example.com', 'the first user')")
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			return op.Execute(ctx, "DELETE FROM users WHERE id = 1")
		},
	})
}
