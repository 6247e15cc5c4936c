package ops

import (
	"context"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// probeDialect is the dialect a BatchAlterTable in RecreateAuto mode
// compiles its operations with while it finds out whether the database's
// ALTER can make them all. It hands the dialect's Alterer the table's
// whole definition (CopyFrom, or the live table) where an operation passes
// only its name, so that the dialect refuses what the database would
// refuse at run time (SQLite's DROP COLUMN of an indexed column) and the
// batch rebuilds instead. The definition is the one before the batch,
// which errs on the side of rebuilding.
type probeDialect struct {
	dialect.Dialect
	alt  dialect.Alterer
	full *model.Table
}

var _ dialect.Alterer = probeDialect{}

// newProbeDialect wraps c.Dialect when it rebuilds tables (the databases
// with a limited ALTER), has an Alterer, and a definition of the table is
// at hand; otherwise it returns c.Dialect.
func newProbeDialect(ctx context.Context, c *Context, copyFrom *model.Table, schema, name string) dialect.Dialect {
	alt, ok := c.Dialect.(dialect.Alterer)
	_, rebuilds := c.Dialect.(dialect.Rebuilder)
	if !ok || !rebuilds || (copyFrom == nil && c.LiveTable == nil) {
		return c.Dialect
	}
	full, err := rebuildSource(ctx, c, copyFrom, schema, name)
	if err != nil {
		// The operations report what is wrong with the table themselves.
		return c.Dialect
	}
	return probeDialect{Dialect: c.Dialect, alt: alt, full: full}
}

// table returns the whole definition for a bare reference to the table.
func (p probeDialect) table(t *model.Table) *model.Table {
	if t != nil && len(t.Columns) == 0 && sameTableName(t, p.full.Schema, p.full.Name) {
		return p.full
	}
	return t
}

// RenameTable forwards to the dialect.
func (p probeDialect) RenameTable(t *model.Table, newName string) ([]string, error) {
	return p.alt.RenameTable(p.table(t), newName)
}

// SetTableComment forwards to the dialect.
func (p probeDialect) SetTableComment(t *model.Table, comment string) ([]string, error) {
	return p.alt.SetTableComment(p.table(t), comment)
}

// AddColumn forwards to the dialect.
func (p probeDialect) AddColumn(t *model.Table, c *model.Column) ([]string, error) {
	return p.alt.AddColumn(p.table(t), c)
}

// DropColumn forwards to the dialect.
func (p probeDialect) DropColumn(t *model.Table, c *model.Column) ([]string, error) {
	return p.alt.DropColumn(p.table(t), c)
}

// RenameColumn forwards to the dialect.
func (p probeDialect) RenameColumn(t *model.Table, from, to string) ([]string, error) {
	return p.alt.RenameColumn(p.table(t), from, to)
}

// AlterColumn forwards to the dialect.
func (p probeDialect) AlterColumn(t *model.Table, ch dialect.ColumnChange) ([]string, error) {
	return p.alt.AlterColumn(p.table(t), ch)
}

// AddPrimaryKey forwards to the dialect.
func (p probeDialect) AddPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error) {
	return p.alt.AddPrimaryKey(p.table(t), pk)
}

// DropPrimaryKey forwards to the dialect.
func (p probeDialect) DropPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error) {
	return p.alt.DropPrimaryKey(p.table(t), pk)
}

// AddUnique forwards to the dialect.
func (p probeDialect) AddUnique(t *model.Table, u *model.Unique) ([]string, error) {
	return p.alt.AddUnique(p.table(t), u)
}

// DropUnique forwards to the dialect.
func (p probeDialect) DropUnique(t *model.Table, u *model.Unique) ([]string, error) {
	return p.alt.DropUnique(p.table(t), u)
}

// AddCheck forwards to the dialect.
func (p probeDialect) AddCheck(t *model.Table, ck *model.Check) ([]string, error) {
	return p.alt.AddCheck(p.table(t), ck)
}

// DropCheck forwards to the dialect.
func (p probeDialect) DropCheck(t *model.Table, ck *model.Check) ([]string, error) {
	return p.alt.DropCheck(p.table(t), ck)
}

// AddEnumValue forwards to the dialect.
func (p probeDialect) AddEnumValue(e *model.EnumType, value, before, after string) ([]string, error) {
	return p.alt.AddEnumValue(e, value, before, after)
}

// RenameEnumValue forwards to the dialect.
func (p probeDialect) RenameEnumValue(e *model.EnumType, from, to string) ([]string, error) {
	return p.alt.RenameEnumValue(e, from, to)
}

// AlterSequence forwards to the dialect.
func (p probeDialect) AlterSequence(from, to *model.Sequence) ([]string, error) {
	return p.alt.AlterSequence(from, to)
}
