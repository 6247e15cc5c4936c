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
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o SetTableComment) validate(*Context) error { return needTable(o.Table) }

func (o SetTableComment) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeTableComment, Table: t}, nil
}

func (o SetTableComment) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.SetTableComment(t, o.Comment))
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
	stmts, err := alterTable(ctx, c, o.Schema, o.Table, o)
	if err != nil {
		return nil, fmt.Errorf("comment on column %q: %w", o.Column, err)
	}
	return stmts, nil
}

func (o SetColumnComment) validate(*Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.Column == "" {
		return missing("column name", "Column")
	}
	return nil
}

// columnChange returns the column change setting the comment: Definition,
// or else the live column, with the old and the new comment.
func (o SetColumnComment) columnChange(ctx context.Context, c *Context) (dialect.ColumnChange, error) {
	base := o.Definition
	if base == nil {
		live, err := liveColumn(ctx, c, o.Schema, o.Table, o.Column)
		if err != nil {
			return dialect.ColumnChange{}, err
		}
		base = live
	}
	if base == nil {
		base = &model.Column{}
	}
	from, to := base.Clone(), base.Clone()
	from.Name, to.Name = o.Column, o.Column
	from.Comment, to.Comment = o.Existing, o.Comment
	return dialect.ColumnChange{From: from, To: to}, nil
}

func (o SetColumnComment) change(ctx context.Context, c *Context, t *model.Table) (dialect.TableChange, error) {
	return alterColumnChange(ctx, c, t, o)
}

func (o SetColumnComment) alter(ctx context.Context, c *Context, t *model.Table) ([]Statement, error) {
	return alterColumnStatements(ctx, c, t, o)
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

// Apply sets the table's comment.
func (o SetTableComment) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	t.Comment = o.Comment
	return nil
}

// Apply sets the column's comment.
func (o SetColumnComment) Apply(m *model.MetaData) error {
	_, col, err := modelTableColumn(m, o.Schema, o.Table, o.Column)
	if err != nil {
		return err
	}
	col.Comment = o.Comment
	return nil
}
