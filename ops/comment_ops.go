package ops

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// SetTableComment sets, replaces or (with an empty Comment) removes a
// table's comment (create_table_comment / drop_table_comment). Existing is
// the comment before, which Reverse restores; empty means none.
type SetTableComment struct {
	Schema   string
	Table    string
	Comment  string
	Existing string
}

// Name returns "set_table_comment".
func (o SetTableComment) Name() string { return "set_table_comment" }

// Statements returns the dialect's comment statement.
func (o SetTableComment) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, true, func(a dialect.Alterer) ([]string, error) {
		return a.SetTableComment(alterTarget(ctx, c, o.Schema, o.Table), o.Comment)
	}, nil)
}

// Reverse sets the Existing comment back.
func (o SetTableComment) Reverse() (Operation, error) {
	return SetTableComment{Schema: o.Schema, Table: o.Table, Comment: o.Existing, Existing: o.Comment}, nil
}

// GoSource renders ops.SetTableComment{…}.
func (o SetTableComment) GoSource() (string, error) {
	return newGoLit("SetTableComment").str("Schema", o.Schema).str("Table", o.Table).
		str("Comment", o.Comment).str("Existing", o.Existing).String(), nil
}

// SetColumnComment sets, replaces or (with an empty Comment) removes a
// column's comment (alter_column comment=…). Existing is the comment
// before, which Reverse restores; empty means none.
//
// MySQL restates the whole column to change its comment (MODIFY COLUMN),
// so there Definition must hold the column's definition, or the runner
// reads it from the live database; PostgreSQL needs only the name.
type SetColumnComment struct {
	Schema     string
	Table      string
	Column     string
	Comment    string
	Existing   string
	Definition *model.Column
}

// Name returns "set_column_comment".
func (o SetColumnComment) Name() string { return "set_column_comment" }

// Statements returns the dialect's ALTER of the column's comment.
func (o SetColumnComment) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.Column == "" {
		return nil, missing("column name", "Column")
	}
	base := o.Definition
	if base == nil {
		live, err := liveColumn(ctx, c, o.Schema, o.Table, o.Column)
		if err != nil {
			return nil, err
		}
		base = live
	}
	if base == nil {
		base = &model.Column{}
	}
	from, to := base.Clone(), base.Clone()
	from.Name, to.Name = o.Column, o.Column
	from.Comment, to.Comment = o.Existing, o.Comment
	sqls, err := alterOrRebuild(ctx, c, o.Schema, o.Table, true, func(a dialect.Alterer) ([]string, error) {
		return a.AlterColumn(alterTarget(ctx, c, o.Schema, o.Table), dialect.ColumnChange{From: from, To: to})
	}, nil)
	if err != nil {
		return nil, fmt.Errorf("comment on column %q: %w", o.Column, err)
	}
	return sqls, nil
}

// Reverse sets the Existing comment back.
func (o SetColumnComment) Reverse() (Operation, error) {
	return SetColumnComment{Schema: o.Schema, Table: o.Table, Column: o.Column, Comment: o.Existing, Existing: o.Comment,
		Definition: o.Definition}, nil
}

// GoSource renders ops.SetColumnComment{…}.
func (o SetColumnComment) GoSource() (string, error) {
	return newGoLit("SetColumnComment").str("Schema", o.Schema).str("Table", o.Table).str("Column", o.Column).
		str("Comment", o.Comment).str("Existing", o.Existing).expr("Definition", o.Definition.GoSource()).String(), nil
}
