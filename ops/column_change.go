package ops

import (
	"context"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// columnChanger is an operation that alters one column in place:
// AlterColumn and SetColumnComment.
type columnChanger interface {
	columnChange(ctx context.Context, c *Context) (dialect.ColumnChange, error)
}

// alterColumnChange is the table change of a column operation, for the
// dialect's choice between ALTER and a rebuild.
func alterColumnChange(ctx context.Context, c *Context, t *model.Table, o columnChanger) (dialect.TableChange, error) {
	ch, err := o.columnChange(ctx, c)
	if err != nil {
		return dialect.TableChange{}, err
	}
	return dialect.TableChange{Kind: dialect.ChangeAlterColumn, Table: t, Alter: ch}, nil
}

// alterColumnStatements compiles a column operation as the dialect's
// ALTER of the column.
func alterColumnStatements(ctx context.Context, c *Context, t *model.Table, o columnChanger) ([]Statement, error) {
	ch, err := o.columnChange(ctx, c)
	if err != nil {
		return nil, err
	}
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.AlterColumn(t, ch))
}
