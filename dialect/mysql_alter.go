package dialect

import (
	"fmt"
	"reflect"

	"github.com/migratego/migrate/model"
)

var _ Alterer = (*mysqlDialect)(nil)

// alterTable starts ALTER TABLE schema.table.
func (d *mysqlDialect) alterTable(t *model.Table) *builder {
	b := newBuilder(d)
	b.raw("ALTER TABLE ").qualified(t.Schema, t.Name)
	return b
}

// RenameTable returns RENAME TABLE old TO new; the table stays in its
// database.
func (d *mysqlDialect) RenameTable(t *model.Table, newName string) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	b := newBuilder(d)
	b.raw("RENAME TABLE ").qualified(t.Schema, t.Name).raw(" TO ").qualified(t.Schema, newName)
	return one(b.stmt())
}

// SetTableComment returns ALTER TABLE … COMMENT = '…' (an empty comment
// removes it).
func (d *mysqlDialect) SetTableComment(t *model.Table, comment string) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	b := d.alterTable(t)
	b.raw(" COMMENT = ").literal(comment)
	return one(b.stmt())
}

// AddColumn returns ALTER TABLE … ADD COLUMN with the column's full
// definition (the one CREATE TABLE writes).
func (d *mysqlDialect) AddColumn(t *model.Table, c *model.Column) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if err := checkColumn(d, t, c); err != nil {
		return nil, err
	}
	b := d.alterTable(t)
	b.raw(" ADD COLUMN ").ident(c.Name).raw(" ")
	d.column(b, t, c)
	return one(b.stmt())
}

// DropColumn returns ALTER TABLE … DROP COLUMN.
func (d *mysqlDialect) DropColumn(t *model.Table, c *model.Column) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if c == nil || c.Name == "" {
		return nil, fmt.Errorf("mysql: table %q: drop column: a column name is needed", t.QualifiedName())
	}
	b := d.alterTable(t)
	b.raw(" DROP COLUMN ").ident(c.Name)
	return one(b.stmt())
}

// RenameColumn returns ALTER TABLE … RENAME COLUMN (MySQL 8.0, MariaDB
// 10.5.2). Older servers need CHANGE COLUMN, which restates the column:
// t must then carry the column's definition.
func (d *mysqlDialect) RenameColumn(t *model.Table, from, to string) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if !d.caps.RenameColumn {
		c := t.Column(from)
		if c == nil {
			return nil, Unsupported(d.Name(), columnObject(t, from), "RENAME COLUMN on "+d.String(),
				"this server renames with CHANGE COLUMN, which restates the column: give its full definition (alter the column with its existing and new definitions)")
		}
		renamed := *c
		renamed.Name = to
		return d.AlterColumn(t, ColumnChange{From: c, To: &renamed})
	}
	b := d.alterTable(t)
	b.raw(" RENAME COLUMN ").ident(from).raw(" TO ").ident(to)
	return one(b.stmt())
}

// AlterColumn returns ALTER TABLE … MODIFY COLUMN name <definition>, or
// CHANGE COLUMN old new <definition> for a rename: MySQL restates the
// whole column, so ch.To must be complete (type, nullability, default,
// comment, auto-increment). An enum's values change the same way, through
// the column's ENUM(…) type. USING is PostgreSQL-only and refused.
func (d *mysqlDialect) AlterColumn(t *model.Table, ch ColumnChange) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	from, to := ch.From, ch.To
	if from == nil || to == nil || from.Name == "" {
		return nil, fmt.Errorf("mysql: table %q: alter column: the existing and the new definition are needed", t.QualifiedName())
	}
	if to.Name == "" {
		cp := *to
		cp.Name = from.Name
		to = &cp
	}
	obj := columnObject(t, from.Name)
	if ch.Using != "" {
		return nil, Unsupported(d.Name(), obj, "a USING conversion",
			"MySQL converts the values itself when MODIFY COLUMN changes the type; leave Using empty, or convert with an UPDATE first")
	}
	if from.Name == to.Name && sameColumnDef(d, from, to) {
		return nil, nil
	}
	if to.Type.Kind == model.KindInvalid {
		return nil, fmt.Errorf("mysql: %s: MODIFY COLUMN restates the whole column, so the new definition needs its type (and nullability, default and comment)", obj)
	}
	if err := checkColumn(d, t, to); err != nil {
		return nil, err
	}
	b := d.alterTable(t)
	if to.Name != from.Name {
		b.raw(" CHANGE COLUMN ").ident(from.Name).raw(" ").ident(to.Name).raw(" ")
	} else {
		b.raw(" MODIFY COLUMN ").ident(to.Name).raw(" ")
	}
	d.column(b, t, to)
	return one(b.stmt())
}

// sameColumnDef reports whether two definitions render the same column.
func sameColumnDef(d Dialect, a, b *model.Column) bool {
	x, y := *a, *b
	if !sameType(d, x.Type, y.Type) || !sameDefault(x.Default, y.Default) {
		return false
	}
	x.Type, y.Type = model.Type{}, model.Type{}
	x.Default, y.Default = nil, nil
	x.RenamedFrom, y.RenamedFrom = "", ""
	return reflect.DeepEqual(x, y)
}

// AddPrimaryKey returns ALTER TABLE … ADD PRIMARY KEY (…); MySQL names
// every primary key PRIMARY, so the model's name is not used.
func (d *mysqlDialect) AddPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if pk == nil || len(pk.Columns) == 0 {
		return nil, fmt.Errorf("mysql: table %q: a primary key needs columns", t.QualifiedName())
	}
	if err := checkConstraintComment(d, t, "primary key", pk.Name, pk.Comment); err != nil {
		return nil, err
	}
	b := d.alterTable(t)
	b.raw(" ADD PRIMARY KEY ").identList(pk.Columns)
	return one(b.stmt())
}

// DropPrimaryKey returns ALTER TABLE … DROP PRIMARY KEY.
func (d *mysqlDialect) DropPrimaryKey(t *model.Table, _ *model.PrimaryKey) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	b := d.alterTable(t)
	b.raw(" DROP PRIMARY KEY")
	return one(b.stmt())
}

// AddUnique returns ALTER TABLE … ADD [CONSTRAINT name] UNIQUE (…); MySQL
// keeps a unique constraint as a unique index of the same name.
func (d *mysqlDialect) AddUnique(t *model.Table, u *model.Unique) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if u == nil || len(u.Columns) == 0 {
		return nil, fmt.Errorf("mysql: table %q: a unique constraint needs columns", t.QualifiedName())
	}
	if err := checkUnique(d, t, u); err != nil {
		return nil, err
	}
	if err := checkConstraintComment(d, t, "unique constraint", u.Name, u.Comment); err != nil {
		return nil, err
	}
	b := d.alterTable(t)
	b.raw(" ADD ")
	constraintName(b, u.Name)
	uniqueClause(b, u)
	return one(b.stmt())
}

// DropUnique returns ALTER TABLE … DROP INDEX name: a unique constraint is
// an index on MySQL.
func (d *mysqlDialect) DropUnique(t *model.Table, u *model.Unique) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if u == nil || u.Name == "" {
		return nil, fmt.Errorf("mysql: %s: dropping it needs its name", describe(t, "unique constraint", ""))
	}
	b := d.alterTable(t)
	b.raw(" DROP INDEX ").ident(u.Name)
	return one(b.stmt())
}

// AddCheck returns ALTER TABLE … ADD [CONSTRAINT name] CHECK (expr)
// (enforced from MySQL 8.0.16 and MariaDB 10.2.1).
func (d *mysqlDialect) AddCheck(t *model.Table, c *model.Check) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if c == nil || c.Expr == "" {
		return nil, fmt.Errorf("mysql: table %q: a check constraint needs an expression", t.QualifiedName())
	}
	if err := checkConstraintComment(d, t, "check constraint", c.Name, c.Comment); err != nil {
		return nil, err
	}
	if !d.caps.CheckConstraints {
		return nil, Unsupported(d.Name(), describe(t, "check constraint", c.Name), "a check constraint on "+d.String(),
			"MySQL enforces CHECK from 8.0.16")
	}
	b := d.alterTable(t)
	b.raw(" ADD ")
	constraintName(b, c.Name)
	b.raw("CHECK (", c.Expr, ")")
	return one(b.stmt())
}

// DropCheck returns ALTER TABLE … DROP CHECK name on MySQL, DROP
// CONSTRAINT name on MariaDB.
func (d *mysqlDialect) DropCheck(t *model.Table, c *model.Check) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if c == nil || c.Name == "" {
		return nil, fmt.Errorf("mysql: %s: dropping it needs its name", describe(t, "check constraint", ""))
	}
	b := d.alterTable(t)
	if d.mariadb {
		b.raw(" DROP CONSTRAINT ")
	} else {
		b.raw(" DROP CHECK ")
	}
	b.ident(c.Name)
	return one(b.stmt())
}

// AddEnumValue is refused: a MySQL enum lives in its column's type.
func (d *mysqlDialect) AddEnumValue(e *model.EnumType, value, _, _ string) ([]string, error) {
	return nil, Unsupported(d.Name(), enumObject(e), fmt.Sprintf("adding the value %q to a named enum type", value),
		"MySQL enums are column types: alter the column to the ENUM(…) type with the new value (MODIFY COLUMN)")
}

// RenameEnumValue is refused: a MySQL enum lives in its column's type.
func (d *mysqlDialect) RenameEnumValue(e *model.EnumType, from, to string) ([]string, error) {
	return nil, Unsupported(d.Name(), enumObject(e), fmt.Sprintf("renaming the enum value %q to %q", from, to),
		"MySQL enums are column types: alter the column to an ENUM(…) type with both values, UPDATE the rows, then alter it to the final values")
}

// enumObject names an enum type for messages.
func enumObject(e *model.EnumType) string {
	if e == nil {
		return "enum type"
	}
	return fmt.Sprintf("enum type %q", e.Name)
}

// mariadbSequenceCache is the cache MariaDB gives a sequence without one.
const mariadbSequenceCache = 1000

// AlterSequence returns ALTER SEQUENCE with the options that differ
// (MariaDB 10.3+), then RENAME TABLE when the name changes (MariaDB
// renames sequences like tables). OWNED BY is PostgreSQL-only.
func (d *mysqlDialect) AlterSequence(from, to *model.Sequence) ([]string, error) {
	if from == nil || to == nil || from.Name == "" {
		return nil, fmt.Errorf("mysql: alter sequence: the existing and the new definition are needed")
	}
	if err := d.checkSequences(from); err != nil {
		return nil, err
	}
	if to.OwnedBy != "" {
		return nil, Unsupported(d.Name(), sequenceObject(to), "OWNED BY",
			"it is PostgreSQL-only; leave OwnedBy empty and drop the sequence explicitly")
	}
	if to.Cache < 0 {
		return nil, fmt.Errorf("mysql: %s: cache %d is negative", sequenceObject(to), to.Cache)
	}
	var out []string
	b := newBuilder(d)
	b.raw("ALTER SEQUENCE ").qualified(from.Schema, from.Name)
	if sequenceOptions(b, from, to, mariadbSequenceCache, "NOCYCLE") {
		s, err := b.stmt()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	schema := to.Schema
	if schema == "" {
		schema = from.Schema
	}
	if (to.Name != "" && to.Name != from.Name) || schema != from.Schema {
		name := to.Name
		if name == "" {
			name = from.Name
		}
		b := newBuilder(d)
		b.raw("RENAME TABLE ").qualified(from.Schema, from.Name).raw(" TO ").qualified(schema, name)
		s, err := b.stmt()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
