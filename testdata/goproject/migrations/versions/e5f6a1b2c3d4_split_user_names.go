package versions

import (
	"context"

	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
	"github.com/migratego/migrate/runner"
)

// A data migration with a backfill: split name into first_name and
// last_name (at the first space), then drop name. The downgrade joins
// them back. The backfill walks users by primary key in batches; with
// --sql it prints one UPDATE with the same expressions.
func init() {
	users := query.T("users")
	name := users.C("name")
	space := query.Position(" ", name)
	runner.Register(&runner.Revision{
		ID:         "e5f6a1b2c3d4",
		Revises:    []string{"d4e5f6a1b2c3"},
		Message:    "split user names",
		CreateDate: "2025-01-14 09:00:00",
		Upgrade: func(ctx context.Context, op *ops.Op) error {
			err := op.Run(ctx,
				ops.AddColumn{Table: "users", Column: &model.Column{Name: "first_name", Type: model.Varchar(100), Nullable: true}},
				ops.AddColumn{Table: "users", Column: &model.Column{Name: "last_name", Type: model.Varchar(100), Nullable: true}},
			)
			if err != nil {
				return err
			}
			_, err = op.Backfill(ctx, ops.Backfill{
				Table: "users", Key: "id", BatchSize: 500,
				Where: query.IsNotNull(name),
				Set: []query.Assignment{
					query.Set("first_name", query.Case().When(query.Gt(space, 0), query.Substr(name, 1, query.Sub(space, 1))).Else(name)),
					query.Set("last_name", query.Case().When(query.Gt(space, 0), query.Substr(name, query.Add(space, 1))).Else(query.Null)),
				},
			})
			if err != nil {
				return err
			}
			return op.Run(ctx, ops.DropColumn{Table: "users", Column: "name"})
		},
		Downgrade: func(ctx context.Context, op *ops.Op) error {
			if err := op.Run(ctx, ops.AddColumn{Table: "users", Column: &model.Column{Name: "name", Type: model.Varchar(200), Nullable: true}}); err != nil {
				return err
			}
			first, last := users.C("first_name"), users.C("last_name")
			_, err := op.Backfill(ctx, ops.Backfill{
				Table: "users", Key: "id", BatchSize: 500,
				Where: query.IsNotNull(first),
				Set: []query.Assignment{
					query.Set("name", query.Case().When(query.IsNull(last), first).Else(query.Concat(first, " ", last))),
				},
			})
			if err != nil {
				return err
			}
			return op.Run(ctx,
				ops.DropColumn{Table: "users", Column: "last_name"},
				ops.DropColumn{Table: "users", Column: "first_name"},
			)
		},
	})
}
