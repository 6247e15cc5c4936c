package dialect

import "github.com/migratego/migrate/model"

// Alterer compiles changes to existing objects. Every dialect implements
// it; a change the database's ALTER cannot make returns an
// *UnsupportedError (on SQLite, ops turns most of those into a batch
// rebuild of the table).
//
// Tables are passed as *model.Table; only Schema and Name are required
// unless a method says otherwise. Columns are whole definitions, so that a
// database that restates a column to change it (MySQL MODIFY COLUMN) has
// everything it needs.
type Alterer interface {
	RenameTable(t *model.Table, newName string) ([]string, error)
	SetTableComment(t *model.Table, comment string) ([]string, error)

	AddColumn(t *model.Table, c *model.Column) ([]string, error)
	DropColumn(t *model.Table, c *model.Column) ([]string, error)
	RenameColumn(t *model.Table, from, to string) ([]string, error)
	// AlterColumn changes a column from its existing definition to a new
	// one with the same name: type (with an optional USING expression on
	// PostgreSQL, see ColumnChange), nullability, default, comment,
	// identity/autoincrement, collation. Only what differs is changed where
	// the database allows.
	AlterColumn(t *model.Table, change ColumnChange) ([]string, error)

	AddPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error)
	DropPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error)
	AddUnique(t *model.Table, u *model.Unique) ([]string, error)
	DropUnique(t *model.Table, u *model.Unique) ([]string, error)
	AddCheck(t *model.Table, c *model.Check) ([]string, error)
	DropCheck(t *model.Table, c *model.Check) ([]string, error)

	// AddEnumValue adds a value to a named enum type, before or after an
	// existing value when one is given (PostgreSQL).
	AddEnumValue(e *model.EnumType, value, before, after string) ([]string, error)
	// RenameEnumValue renames a value of a named enum type (PostgreSQL 10+).
	RenameEnumValue(e *model.EnumType, from, to string) ([]string, error)
	// AlterSequence changes a sequence from one definition to another.
	AlterSequence(from, to *model.Sequence) ([]string, error)
}

// ColumnChange is an ALTER of one column.
type ColumnChange struct {
	// From is the existing definition; To the wanted one. To.Name may
	// differ from From.Name for a rename combined with other changes.
	From, To *model.Column
	// Using is a PostgreSQL USING expression for a type change
	// (e.g. "status::mood"); other databases refuse it.
	Using string
}
