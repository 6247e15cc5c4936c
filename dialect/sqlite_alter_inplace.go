package dialect

import (
	"fmt"
	"slices"

	"github.com/migratego/migrate/model"
)

// AlterInPlace tells which changes SQLite's ALTER TABLE makes: renaming
// the table, adding a column SQLite's ADD COLUMN accepts, dropping a column
// nothing depends on (3.35+), renaming a column (3.25+), and an AlterColumn
// that changes nothing but the name. Every constraint change, and any other
// column change, needs a rebuild. Comments are no change at all: SQLite
// has none, and SetTableComment refuses them whether or not the table is
// rebuilt.
func (d *sqliteDialect) AlterInPlace(ch TableChange) error {
	t := ch.Table
	if t == nil {
		return fmt.Errorf("sqlite: a table change without its table")
	}
	switch ch.Kind {
	case ChangeRenameTable, ChangeTableComment:
		return nil
	case ChangeAddColumn:
		return d.addColumnInPlace(t, ch.Column)
	case ChangeDropColumn:
		if ch.Column == nil {
			return fmt.Errorf("sqlite: table %q: drop column: a column name is needed", t.QualifiedName())
		}
		return d.dropColumnInPlace(t, ch.Column.Name)
	case ChangeAlterColumn:
		return d.alterColumnInPlace(t, ch.Alter)
	case ChangeAddPrimaryKey:
		return d.constraintRefused(t, "primary key", ch.Constraint, "adding")
	case ChangeDropPrimaryKey:
		return d.constraintRefused(t, "primary key", ch.Constraint, "dropping")
	case ChangeAddUnique:
		return d.constraintRefused(t, "unique constraint", ch.Constraint, "adding")
	case ChangeDropUnique:
		return d.constraintRefused(t, "unique constraint", ch.Constraint, "dropping")
	case ChangeAddForeignKey:
		return d.constraintRefused(t, "foreign key", ch.Constraint, "adding")
	case ChangeDropForeignKey:
		return d.constraintRefused(t, "foreign key", ch.Constraint, "dropping")
	case ChangeAddCheck:
		return d.constraintRefused(t, "check constraint", ch.Constraint, "adding")
	case ChangeDropCheck:
		return d.constraintRefused(t, "check constraint", ch.Constraint, "dropping")
	}
	return fmt.Errorf("sqlite: table %q: unknown kind of change %d", t.QualifiedName(), int(ch.Kind))
}

// addColumnInPlace returns an *UnsupportedError for a column SQLite's ADD
// COLUMN refuses: a column of the primary key or with AUTOINCREMENT, a NOT
// NULL column without a non-null default, a default that is an expression
// rather than a constant, and a STORED generated column. When t carries its
// primary key, a column named in it is refused too.
func (d *sqliteDialect) addColumnInPlace(t *model.Table, c *model.Column) error {
	if c == nil || c.Name == "" {
		return fmt.Errorf("%s: table %q: a column definition with a name is needed", d.Name(), t.QualifiedName())
	}
	obj := columnObject(t, c.Name)
	un := func(feature string) error { return Unsupported(d.Name(), obj, feature, rebuildHint) }
	switch {
	case c.AutoIncrement || c.Identity != nil:
		return un("adding an AUTOINCREMENT column to an existing table")
	case t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c.Name):
		return un("adding a primary key column to an existing table")
	case c.Generated != nil && c.Generated.Stored:
		return un("adding a STORED generated column to an existing table")
	case c.Default != nil && c.Default.Expr != "" && !sqliteConstantDefault.MatchString(c.Default.Expr):
		return un(fmt.Sprintf("adding a column whose default is an expression (%s)", c.Default.Expr))
	case !c.Nullable && c.Generated == nil && sqliteNullDefault(c.Default):
		return un("adding a NOT NULL column without a non-null default")
	}
	return nil
}

// dropColumnInPlace returns an *UnsupportedError when SQLite's DROP COLUMN
// would refuse the column: before 3.35, or for what t shows depends on it
// (see dropColumnBlocker).
func (d *sqliteDialect) dropColumnInPlace(t *model.Table, name string) error {
	obj := columnObject(t, name)
	if d.version < sqliteDropColumn {
		return Unsupported(d.Name(), obj, "ALTER TABLE … DROP COLUMN before SQLite 3.35", rebuildHint)
	}
	if why := d.dropColumnBlocker(t, name); why != "" {
		return Unsupported(d.Name(), obj, "dropping a column "+why, rebuildHint)
	}
	return nil
}

// renameColumnInPlace refuses RENAME COLUMN before SQLite 3.25.
func (d *sqliteDialect) renameColumnInPlace(t *model.Table, from string) error {
	if d.version < sqliteRenameColumn {
		return Unsupported(d.Name(), columnObject(t, from), "ALTER TABLE … RENAME COLUMN before SQLite 3.25", rebuildHint)
	}
	return nil
}

// alterColumnInPlace accepts a change of nothing but the column's name
// (RENAME COLUMN), and refuses the rest: SQLite's ALTER TABLE cannot change
// a column's type, nullability, default, collation or generation. A comment
// is no reason to rebuild: SQLite has none (AlterColumn refuses it).
func (d *sqliteDialect) alterColumnInPlace(t *model.Table, ch ColumnChange) error {
	from, to := ch.From, ch.To
	if from == nil || to == nil || from.Name == "" {
		return fmt.Errorf("sqlite: table %q: alter column: the existing and the new definition are needed", t.QualifiedName())
	}
	obj := columnObject(t, from.Name)
	if ch.Using != "" {
		return Unsupported(d.Name(), obj, "a USING conversion",
			"SQLite converts values through the new column's affinity during the rebuild; convert them with an UPDATE first if that is not enough")
	}
	same := *to
	same.Name, same.Comment = from.Name, from.Comment // SQLite has no comments: no rebuild adds one
	if auto := sqliteAutoPK(t); auto != nil && auto.Name == from.Name && from.Type.IsInteger() && to.Type.IsInteger() &&
		(to.AutoIncrement || to.Identity != nil) {
		// The autoincrement key is INTEGER PRIMARY KEY whatever integer
		// type the model names (a BigInt key renamed is no type change).
		same.Type = from.Type
	}
	if !sameColumnDef(d, from, &same) {
		return Unsupported(d.Name(), obj, "changing a column's "+columnChanges(d, from, &same), rebuildHint)
	}
	if to.Name != "" && to.Name != from.Name {
		return d.renameColumnInPlace(t, from.Name)
	}
	return nil
}
