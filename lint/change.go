package lint

import (
	"strings"

	"github.com/migratego/migrate/model"
)

// Kind is what a change does.
type Kind int

// Kinds of change.
const (
	// KindUnclassified is a statement or operation lint cannot read.
	KindUnclassified Kind = iota
	// KindOther is a change that no rule concerns (a view, a comment, an
	// enum type, a dropped constraint, a SET of another setting, …).
	KindOther
	KindCreateTable
	KindDropTable
	KindRenameTable
	KindAddColumn
	KindDropColumn
	KindRenameColumn
	KindAlterType
	KindSetNotNull
	KindCreateIndex
	KindDropIndex
	KindAddUnique
	KindAddForeignKey
	KindAddCheck
	KindAddPrimaryKey
	KindValidate
	// KindTableCopy is a MySQL ALTER that copies the table for another
	// reason than a type change (Reason says which).
	KindTableCopy
	// KindRebuild is a SQLite move-and-copy rebuild of Table.
	KindRebuild
	KindSetLockTimeout
	// KindData changes rows (INSERT, UPDATE, DELETE, bulk insert, …).
	KindData
	// KindRead only reads (SELECT).
	KindRead
)

// Change is one change a revision makes, read from a statement (a clause
// of an ALTER TABLE is a change of its own) or from an operation.
type Change struct {
	Kind Kind
	// Line is the change's line in its revision file.
	Line int
	// What names the statement or operation, for messages.
	What string
	// Schema and Table are the table changed (for KindRenameTable the
	// old name; NewName the new one).
	Schema, Table string
	// Column is the column changed (for KindRenameColumn the old name).
	Column  string
	NewName string
	// Constraint names the constraint of KindAdd…/KindValidate.
	Constraint string

	// NotNull, HasDefault, DefaultExpr, Serial describe an added column.
	NotNull     bool
	HasDefault  bool
	DefaultExpr string
	Serial      bool
	// Type is a column's new type (KindAddColumn, KindAlterType); From
	// its type before, when known.
	Type, From *model.Type
	// Unique marks a unique index; Concurrently an index built or
	// dropped without blocking writes; NotValid a constraint added
	// without checking existing rows; CheckNotNull the column a check
	// constraint "col IS NOT NULL" covers.
	Unique       bool
	Concurrently bool
	NotValid     bool
	CheckNotNull string
	// References marks an added column with an inline foreign key.
	References bool
	// UsingIndex marks a constraint built from an existing index.
	UsingIndex bool
	// Algorithm is MySQL's ALGORITHM= of the statement, lower case.
	Algorithm string
	// Reason says why a change is KindTableCopy or KindUnclassified.
	Reason string
	// DDL marks a schema change, as opposed to data and settings.
	DDL bool

	// ignores are the statement's own suppressions.
	ignores []suppression
}

// key is the map key of a table: schema and name, without regard to
// case.
func tableKey(schema, table string) string {
	return strings.ToLower(schema) + "." + strings.ToLower(table)
}

// qualifiedName returns schema.table or table.
func qualifiedName(schema, table string) string {
	if schema == "" {
		return table
	}
	return schema + "." + table
}
