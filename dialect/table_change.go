package dialect

import "github.com/migratego/migrate/model"

// ChangeKind names a kind of change to an existing table.
type ChangeKind int

// The kinds of table change a Rebuilder is asked about.
const (
	ChangeRenameTable ChangeKind = iota + 1
	ChangeTableComment
	ChangeAddColumn
	ChangeDropColumn
	ChangeAlterColumn
	ChangeAddPrimaryKey
	ChangeDropPrimaryKey
	ChangeAddUnique
	ChangeDropUnique
	ChangeAddForeignKey
	ChangeDropForeignKey
	ChangeAddCheck
	ChangeDropCheck
)

// TableChange is one change to an existing table, described as data, so
// that a dialect can tell whether its ALTER TABLE makes it in place.
type TableChange struct {
	Kind ChangeKind
	// Table is the table before the change: its whole definition when the
	// caller has it (the live table, a batch's CopyFrom, or the batch's
	// table as its earlier operations left it), else only Schema and Name.
	Table *model.Table
	// Column is the column added (ChangeAddColumn) or dropped
	// (ChangeDropColumn).
	Column *model.Column
	// Alter is the column change of ChangeAlterColumn.
	Alter ColumnChange
	// Constraint names the constraint added or dropped, for messages.
	Constraint string
}

// Rebuilder is implemented by dialects whose ALTER TABLE cannot make every
// change, and that replace the table by "move and copy" instead (SQLite):
// create the new definition under a temporary name, copy the rows, drop the
// old table, rename the new one, recreate the indexes.
//
// AlterInPlace is the choice: the ops package asks it for every change to
// an existing table, and rebuilds the table when it answers with an
// *UnsupportedError (saying why ALTER cannot make the change), unless
// rebuilding is forbidden (ops.RecreateNever), in which case that error is
// the refusal. The ops package works out the rebuild from the table before
// and after the changes (TableRebuild); RebuildTable writes its SQL.
//
// A dialect that is not a Rebuilder makes every change with its Alterer,
// and refuses what it cannot make.
type Rebuilder interface {
	// AlterInPlace returns nil when ALTER TABLE makes ch in place, or an
	// *UnsupportedError saying why it cannot.
	AlterInPlace(ch TableChange) error
	// RebuildTable returns the statements of a move-and-copy rebuild.
	RebuildTable(r TableRebuild) ([]string, error)
}
