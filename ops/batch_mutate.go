package ops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// tableMutator is implemented by operations that apply themselves to a
// table definition, so that a BatchAlterTable can make them part of one
// rebuild. An operation that rebuilds through rebuildTable (as every
// column and constraint operation does where ALTER cannot make the
// change) needs no method: its mutation is captured (see mutation). A
// mutateTable must keep the column objects it changes (assign *col = …,
// not t.Columns[i] = …), because a rebuild follows a renamed column by its
// object to copy its values.
type tableMutator interface {
	mutateTable(t *model.Table) error
}

var (
	_ tableMutator = AlterColumn{}
	_ tableMutator = CreateIndex{}
	_ tableMutator = DropIndex{}
)

// mutation returns how op changes a table definition: its mutateTable,
// or else the mutation it hands rebuildTable when compiled for a dialect
// whose ALTER refuses everything (mutationDialect).
func mutation(ctx context.Context, c *Context, op Operation) (func(t *model.Table) error, error) {
	if m, ok := op.(tableMutator); ok {
		return m.mutateTable, nil
	}
	var got func(t *model.Table) error
	cc := &Context{Dialect: mutationDialect{c.Dialect}, LiveTable: c.LiveTable, InTransaction: c.InTransaction}
	_, err := op.Statements(withBatch(ctx, batchScope{mode: RecreateAlways, capture: &got}), cc)
	if got != nil {
		return got, nil
	}
	if err != nil && !errors.Is(err, errCaptured) {
		return nil, fmt.Errorf("it cannot be part of a table rebuild: %w", err)
	}
	return nil, fmt.Errorf("it cannot be part of a table rebuild; run it before or after the batch")
}

// mutateTable changes the column in place, keeping its object so that a
// rebuild copies the old column's values into it, also under a new name.
// An unset New.Type keeps the type.
func (o AlterColumn) mutateTable(t *model.Table) error {
	if o.Column == "" || o.New == nil {
		return fmt.Errorf("the column name and the new definition are needed (set Column and New)")
	}
	col := findColumn(t, o.Column)
	if col == nil {
		return fmt.Errorf("table %q has no column %q", t.QualifiedName(), o.Column)
	}
	to := o.New.Clone()
	if to.Name == "" {
		to.Name = col.Name
	}
	if to.Type.Kind == model.KindInvalid {
		to.Type = col.Type
	}
	if other := findColumn(t, to.Name); other != nil && other != col {
		return fmt.Errorf("table %q already has a column %q", t.QualifiedName(), to.Name)
	}
	if o.Using != "" {
		return fmt.Errorf("column %q: a USING conversion cannot be part of a rebuild; convert the values with an UPDATE (ops.Execute) first", o.Column)
	}
	*col = *to
	return nil
}

// mutateTable adds the index to the table.
func (o CreateIndex) mutateTable(t *model.Table) error {
	if o.Index == nil || o.Index.Name == "" {
		return fmt.Errorf("the index definition with its name is needed (set Index)")
	}
	if findIndex(t, o.Index.Name) >= 0 {
		if o.IfNotExists {
			return nil
		}
		return fmt.Errorf("table %q already has an index %q", t.QualifiedName(), o.Index.Name)
	}
	ix := *o.Index
	ix.Parts = slices.Clone(o.Index.Parts)
	ix.Include = slices.Clone(o.Index.Include)
	t.Indexes = append(t.Indexes, &ix)
	return nil
}

// mutateTable removes the index from the table.
func (o DropIndex) mutateTable(t *model.Table) error {
	name := o.Index
	if name == "" && o.Existing != nil {
		name = o.Existing.Name
	}
	if name == "" {
		return fmt.Errorf("the index name is needed (set Index)")
	}
	i := findIndex(t, name)
	if i < 0 {
		if o.IfExists {
			return nil
		}
		return fmt.Errorf("table %q has no index %q", t.QualifiedName(), name)
	}
	t.Indexes = slices.Delete(t.Indexes, i, i+1)
	return nil
}

// findIndex returns the position of the named index in t, or -1; index
// names compare without regard to case, as SQLite's do.
func findIndex(t *model.Table, name string) int {
	return slices.IndexFunc(t.Indexes, func(ix *model.Index) bool { return strings.EqualFold(ix.Name, name) })
}

// mutationDialect is a dialect whose ALTER refuses every change, so that
// an operation compiled for it hands its mutation to rebuildTable.
type mutationDialect struct{ dialect.Dialect }

var _ dialect.Alterer = mutationDialect{}

// Capabilities reports no ALTER support.
func (m mutationDialect) Capabilities() dialect.Capabilities {
	c := m.Dialect.Capabilities()
	c.AlterColumnType, c.AlterNullable, c.AlterDefault = false, false, false
	c.RenameColumn, c.DropColumn, c.AddConstraint, c.DropConstraint = false, false, false, false
	return c
}

func (m mutationDialect) refuse() ([]string, error) {
	return nil, dialect.Unsupported(m.Name(), "a batch", "ALTER TABLE", "the table is rebuilt")
}

// The Alterer methods, and the foreign-key DDL, all refuse.

func (m mutationDialect) RenameTable(*model.Table, string) ([]string, error) { return m.refuse() }
func (m mutationDialect) SetTableComment(*model.Table, string) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) AddColumn(*model.Table, *model.Column) ([]string, error)  { return m.refuse() }
func (m mutationDialect) DropColumn(*model.Table, *model.Column) ([]string, error) { return m.refuse() }
func (m mutationDialect) RenameColumn(*model.Table, string, string) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) AlterColumn(*model.Table, dialect.ColumnChange) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) AddPrimaryKey(*model.Table, *model.PrimaryKey) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) DropPrimaryKey(*model.Table, *model.PrimaryKey) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) AddUnique(*model.Table, *model.Unique) ([]string, error)  { return m.refuse() }
func (m mutationDialect) DropUnique(*model.Table, *model.Unique) ([]string, error) { return m.refuse() }
func (m mutationDialect) AddCheck(*model.Table, *model.Check) ([]string, error)    { return m.refuse() }
func (m mutationDialect) DropCheck(*model.Table, *model.Check) ([]string, error)   { return m.refuse() }
func (m mutationDialect) AddEnumValue(*model.EnumType, string, string, string) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) RenameEnumValue(*model.EnumType, string, string) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) AlterSequence(*model.Sequence, *model.Sequence) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) AddForeignKey(*model.Table, *model.ForeignKey) ([]string, error) {
	return m.refuse()
}
func (m mutationDialect) DropForeignKey(*model.Table, *model.ForeignKey) ([]string, error) {
	return m.refuse()
}
