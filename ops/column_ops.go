package ops

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// AddColumn adds a column to a table (add_column).
type AddColumn struct {
	Schema string
	Table  string
	Column *model.Column
}

// Name returns "add_column".
func (o AddColumn) Name() string { return "add_column" }

// Statements returns ALTER TABLE … ADD COLUMN, or a rebuild of the table
// where the database cannot add such a column.
func (o AddColumn) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o AddColumn) validate(*Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.Column == nil || o.Column.Name == "" {
		return missing("column definition with its name", "Column")
	}
	if o.Column.Type.Kind == model.KindInvalid {
		return fmt.Errorf("column %q has no type", o.Column.Name)
	}
	return nil
}

func (o AddColumn) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeAddColumn, Table: t, Column: o.Column}, nil
}

func (o AddColumn) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.AddColumn(t, o.Column))
}

// Reverse returns a DropColumn carrying the column.
func (o AddColumn) Reverse() (Operation, error) {
	if o.Column == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no column"}
	}
	return DropColumn{Schema: o.Schema, Table: o.Table, Column: o.Column.Name, Existing: o.Column.Clone()}, nil
}

// GoSource renders ops.AddColumn{…}.
func (o AddColumn) GoSource() (string, error) {
	return newGoLit("AddColumn").str("Schema", o.Schema).str("Table", o.Table).
		expr("Column", o.Column.GoSource()).String(), nil
}

// DropColumn drops a column (drop_column). Existing is the column's
// definition as it was, which Reverse needs to add it again (its data is
// gone either way).
type DropColumn struct {
	Schema   string
	Table    string
	Column   string
	Existing *model.Column
}

// Name returns "drop_column".
func (o DropColumn) Name() string { return "drop_column" }

// Statements returns ALTER TABLE … DROP COLUMN, or a rebuild of the table
// without the column where the database cannot drop it.
func (o DropColumn) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o DropColumn) validate(*Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.Column == "" {
		return missing("column name", "Column")
	}
	return nil
}

// column returns the dropped column: Existing under the name Column, or
// just its name.
func (o DropColumn) column() *model.Column {
	if o.Existing == nil {
		return &model.Column{Name: o.Column}
	}
	col := o.Existing.Clone()
	col.Name = o.Column
	return col
}

func (o DropColumn) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeDropColumn, Table: t, Column: o.column()}, nil
}

func (o DropColumn) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.DropColumn(t, o.column()))
}

// dropColumnRefs removes from t the constraints and indexes that use
// column, as databases do when the column is dropped: by their columns,
// and by their expressions (check constraints, index keys and predicates;
// see exprMentions).
func dropColumnRefs(t *model.Table, column string) {
	if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, column) {
		t.PrimaryKey = nil
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(u *model.Unique) bool { return slices.Contains(u.Columns, column) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *model.ForeignKey) bool { return slices.Contains(fk.Columns, column) })
	t.Checks = slices.DeleteFunc(t.Checks, func(ck *model.Check) bool { return exprMentions(ck.Expr, column) })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *model.Index) bool {
		return slices.Contains(ix.Columns(), column) || slices.Contains(ix.Include, column) || exprMentions(ix.Where, column) ||
			slices.ContainsFunc(ix.Parts, func(p model.IndexPart) bool { return exprMentions(p.Expr, column) })
	})
}

// Reverse returns an AddColumn of the Existing definition.
func (o DropColumn) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("column %q of table %q carries no definition (set Existing)", o.Column, qualified(o.Schema, o.Table))}
	}
	col := o.Existing.Clone()
	col.Name = o.Column
	return AddColumn{Schema: o.Schema, Table: o.Table, Column: col}, nil
}

// GoSource renders ops.DropColumn{…}.
func (o DropColumn) GoSource() (string, error) {
	return newGoLit("DropColumn").str("Schema", o.Schema).str("Table", o.Table).str("Column", o.Column).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// AlterColumn changes a column from its Existing definition to New
// (alter_column): type, nullability, server default, name, comment,
// identity/autoincrement, collation. Only what differs changes. Both
// definitions are whole columns: MySQL restates the column to change it,
// and Reverse swaps them. New.Name differing from Column renames the
// column (its data stays).
//
// Using is a PostgreSQL USING expression converting the values for a type
// change (e.g. `status::mood`); ReverseUsing is the one Reverse uses.
//
// When Existing is nil, Statements reads the column from the live
// database (online only); Reverse then cannot be built.
type AlterColumn struct {
	Schema       string
	Table        string
	Column       string
	Existing     *model.Column
	New          *model.Column
	Using        string
	ReverseUsing string
}

// Name returns "alter_column".
func (o AlterColumn) Name() string { return "alter_column" }

// columnChange returns the column change with names filled in, reading the
// existing definition from the live database when it is not given.
func (o AlterColumn) columnChange(ctx context.Context, c *Context) (dialect.ColumnChange, error) {
	if err := needTable(o.Table); err != nil {
		return dialect.ColumnChange{}, err
	}
	if o.Column == "" {
		return dialect.ColumnChange{}, missing("column name", "Column")
	}
	if o.New == nil {
		return dialect.ColumnChange{}, missing("new column definition", "New")
	}
	from := o.Existing
	if from == nil {
		live, err := liveColumn(ctx, c, o.Schema, o.Table, o.Column)
		if err != nil {
			return dialect.ColumnChange{}, err
		}
		if live == nil {
			return dialect.ColumnChange{}, fmt.Errorf("column %q of table %q: the existing definition is missing (set Existing: the column as it is now)",
				o.Column, qualified(o.Schema, o.Table))
		}
		from = live
	}
	from = from.Clone()
	from.Name = o.Column
	to := o.New.Clone()
	if to.Name == "" {
		to.Name = o.Column
	}
	return dialect.ColumnChange{From: from, To: to, Using: o.Using}, nil
}

// Statements returns the dialect's ALTER statements, or a rebuild of the
// table with the new column where the database cannot alter it.
func (o AlterColumn) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o AlterColumn) validate(*Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.Column == "" {
		return missing("column name", "Column")
	}
	if o.New == nil {
		return missing("new column definition", "New")
	}
	return nil
}

func (o AlterColumn) change(ctx context.Context, c *Context, t *model.Table) (dialect.TableChange, error) {
	return alterColumnChange(ctx, c, t, o)
}

func (o AlterColumn) alter(ctx context.Context, c *Context, t *model.Table) ([]Statement, error) {
	return alterColumnStatements(ctx, c, t, o)
}

// refuseRebuild refuses a USING conversion, which a rebuild cannot make.
func (o AlterColumn) refuseRebuild() error {
	if o.Using != "" {
		return fmt.Errorf("column %q: a USING conversion cannot be part of a rebuild; convert the values with an UPDATE (ops.Execute) first", o.Column)
	}
	return nil
}

// renameColumnRefs renames a column in t's constraints and indexes, and
// in the expressions of its checks, index keys and predicates and
// generated columns (see renameInExpr).
func renameColumnRefs(t *model.Table, from, to string) {
	rename := func(names []string) {
		for i, n := range names {
			if n == from {
				names[i] = to
			}
		}
	}
	if t.PrimaryKey != nil {
		rename(t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		rename(u.Columns)
	}
	for _, fk := range t.ForeignKeys {
		rename(fk.Columns)
	}
	for _, ix := range t.Indexes {
		for i := range ix.Parts {
			if ix.Parts[i].Column == from {
				ix.Parts[i].Column = to
			}
		}
		rename(ix.Include)
	}
	tableExprs(t, func(expr string) string { return renameInExpr(expr, from, to) })
}

// tableExprs replaces each expression of t (checks, index keys and
// predicates, generated columns) by f of it.
func tableExprs(t *model.Table, f func(string) string) {
	for _, ck := range t.Checks {
		ck.Expr = f(ck.Expr)
	}
	for _, ix := range t.Indexes {
		for i := range ix.Parts {
			if ix.Parts[i].Expr != "" {
				ix.Parts[i].Expr = f(ix.Parts[i].Expr)
			}
		}
		if ix.Where != "" {
			ix.Where = f(ix.Where)
		}
	}
	for _, c := range t.Columns {
		if c.Generated != nil {
			g := *c.Generated
			g.Expr = f(g.Expr)
			c.Generated = &g
		}
	}
}

// QuoteColumnRefs writes the bare references to column in the
// expressions of t with quote, the dialect's quoting. Apply has no
// dialect: renaming a column, it keeps the quotes each reference is
// written in, but must choose one for a bare reference when the new name
// needs quotes (the SQL standard's, which MySQL reads as a string). A
// caller that knows the dialect quotes the references first.
func QuoteColumnRefs(t *model.Table, column string, quote func(name string) string) {
	tableExprs(t, func(expr string) string {
		refs, ok := exprColumnRefs(expr)
		if !ok {
			return expr
		}
		var b strings.Builder
		last := 0
		for _, r := range refs {
			if r.quote != 0 || !strings.EqualFold(r.name, column) {
				continue
			}
			b.WriteString(expr[last:r.start])
			b.WriteString(quote(r.name))
			last = r.end
		}
		if last == 0 {
			return expr
		}
		b.WriteString(expr[last:])
		return b.String()
	})
}

// Reverse swaps Existing and New (and Using and ReverseUsing).
func (o AlterColumn) Reverse() (Operation, error) {
	if o.Existing == nil || o.New == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: fmt.Sprintf("column %q of table %q needs both Existing and New definitions", o.Column, qualified(o.Schema, o.Table))}
	}
	name := o.New.Name
	if name == "" {
		name = o.Column
	}
	existing := o.New.Clone()
	existing.Name = name
	next := o.Existing.Clone()
	next.Name = o.Column
	return AlterColumn{Schema: o.Schema, Table: o.Table, Column: name, Existing: existing, New: next,
		Using: o.ReverseUsing, ReverseUsing: o.Using}, nil
}

// GoSource renders ops.AlterColumn{…}.
func (o AlterColumn) GoSource() (string, error) {
	return newGoLit("AlterColumn").str("Schema", o.Schema).str("Table", o.Table).str("Column", o.Column).
		expr("Existing", o.Existing.GoSource()).expr("New", o.New.GoSource()).
		str("Using", o.Using).str("ReverseUsing", o.ReverseUsing).String(), nil
}

// Apply adds the column at the end of the table.
func (o AddColumn) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.Column == nil || o.Column.Name == "" {
		return missing("column definition with its name", "Column")
	}
	return addNamed(t, &t.Columns, columnName, "a column", o.Column.Clone())
}

// columnName is the name of a column, for findNamed.
func columnName(c *model.Column) string { return c.Name }

// Apply removes the column, with the primary key, unique constraints,
// foreign keys, check constraints and indexes that use it (by name or in
// their expressions), as PostgreSQL does (MySQL instead removes the column
// from a multi-column index or unique key, and refuses to drop a column a
// check names).
func (o DropColumn) Apply(m *model.MetaData) error {
	t, col, err := modelTableColumn(m, o.Schema, o.Table, o.Column)
	if err != nil {
		return err
	}
	t.Columns = slices.DeleteFunc(t.Columns, func(c *model.Column) bool { return c == col })
	dropColumnRefs(t, col.Name)
	return nil
}

// Apply changes the column to New, where it stands: an unset New.Type
// keeps the type, and a New.Name renames the column in the table's
// constraints and indexes, in the expressions of its checks, indexes and
// generated columns, and in the foreign keys referencing it. The column
// object stays the same, so that a table rebuild copies its values, also
// under its new name. Existing is not consulted:
// the column is the model's.
func (o AlterColumn) Apply(m *model.MetaData) error {
	if o.New == nil {
		return missing("new column definition", "New")
	}
	t, col, err := modelTableColumn(m, o.Schema, o.Table, o.Column)
	if err != nil {
		return err
	}
	to := o.New.Clone()
	if to.Name == "" {
		to.Name = col.Name
	}
	if to.Type.Kind == model.KindInvalid {
		to.Type = col.Type
	}
	if to.Name != col.Name && namedExactly(t.Columns, columnName, to.Name) {
		return fmt.Errorf("table %q already has a column %q", t.QualifiedName(), to.Name)
	}
	from := col.Name
	*col = *to
	if from != to.Name {
		renameColumnRefs(t, from, to.Name)
		referencing(m, t, func(fk *model.ForeignKey) {
			for i, c := range fk.RefColumns {
				if c == from {
					fk.RefColumns[i] = to.Name
				}
			}
		})
	}
	return nil
}
