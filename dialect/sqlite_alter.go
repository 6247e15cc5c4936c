package dialect

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

var (
	_ Alterer          = (*sqliteDialect)(nil)
	_ Rebuilder        = (*sqliteDialect)(nil)
	_ ExprRewriter     = (*sqliteDialect)(nil)
	_ ForeignKeySwitch = (*sqliteDialect)(nil)
)

// rebuildHint is the advice for the column and constraint changes SQLite's
// ALTER TABLE cannot make.
const rebuildHint = "SQLite's ALTER TABLE cannot make this change; it needs a batch rebuild " +
	"(move and copy: ops.BatchAlterTable, or the operation's own fallback)"

// sqliteAlter starts ALTER TABLE "schema"."table".
func (d *sqliteDialect) sqliteAlter(t *model.Table) *builder {
	b := newBuilder(d)
	b.raw("ALTER TABLE ").qualified(t.Schema, t.Name)
	return b
}

// RenameTable returns ALTER TABLE … RENAME TO. The new name is never
// qualified: SQLite renames a table within its database. Since SQLite
// 3.26 (legacy_alter_table off) the references of foreign keys, triggers
// and views follow the rename.
func (d *sqliteDialect) RenameTable(t *model.Table, newName string) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if err := sqliteObjectName(newName); err != nil {
		return nil, err
	}
	b := d.sqliteAlter(t)
	b.raw(" RENAME TO ").ident(newName)
	return one(b.stmt())
}

// SetTableComment is refused: SQLite has no comments.
func (d *sqliteDialect) SetTableComment(t *model.Table, _ string) ([]string, error) {
	return nil, Unsupported(d.Name(), fmt.Sprintf("table %q", t.QualifiedName()), "a table comment",
		"SQLite has no comments; keep them in the model only")
}

// sqliteConstantDefault matches the parenthesised defaults ALTER TABLE …
// ADD COLUMN accepts: a single literal (number, string, blob, NULL, TRUE,
// FALSE), optionally signed. Anything else, CURRENT_TIMESTAMP included, is
// "a non-constant default" to SQLite.
var sqliteConstantDefault = regexp.MustCompile(`(?i)^\s*(?:[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|'(?:[^']|'')*'|x'[0-9a-f]*'|null|true|false)\s*$`)

// AddColumn returns ALTER TABLE … ADD COLUMN with the column's definition.
// SQLite's ADD COLUMN refuses, and this method returns an
// *UnsupportedError for (so that operations rebuild the table instead): a
// column of the primary key or with AUTOINCREMENT, a NOT NULL column without
// a non-null default, a default that is an expression rather than a
// constant, and a STORED generated column. When t carries its primary key,
// a column named in it is refused too.
func (d *sqliteDialect) AddColumn(t *model.Table, c *model.Column) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if err := checkColumn(d, t, c); err != nil {
		return nil, err
	}
	if err := d.addColumnInPlace(t, c); err != nil {
		return nil, err
	}
	// The column alone: a table without primary key, so that columnDef
	// writes neither PRIMARY KEY nor AUTOINCREMENT.
	alone := &model.Table{Schema: t.Schema, Name: t.Name, Strict: t.Strict, Columns: []*model.Column{c}}
	b := d.sqliteAlter(t)
	b.raw(" ADD COLUMN ").ident(c.Name).spaced(func(b *builder) { d.columnDef(b, alone, c) })
	return one(b.stmt())
}

// sqliteNullDefault reports whether a default is absent or NULL.
func sqliteNullDefault(def *model.Default) bool {
	if def == nil {
		return true
	}
	if def.Expr != "" {
		return strings.EqualFold(strings.TrimSpace(def.Expr), "NULL")
	}
	return def.Literal == nil
}

// DropColumn returns ALTER TABLE … DROP COLUMN (SQLite 3.35+). SQLite
// refuses to drop a column of the primary key, with a UNIQUE constraint,
// indexed, in a foreign key, or named by a CHECK constraint or a generated
// column; so does this method, with an *UnsupportedError, for everything t
// shows (pass the whole table to have the refusal before the database
// sees the statement, and a rebuild instead).
func (d *sqliteDialect) DropColumn(t *model.Table, c *model.Column) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if c == nil || c.Name == "" {
		return nil, fmt.Errorf("sqlite: table %q: drop column: a column name is needed", t.QualifiedName())
	}
	if err := d.dropColumnInPlace(t, c.Name); err != nil {
		return nil, err
	}
	b := d.sqliteAlter(t)
	b.raw(" DROP COLUMN ").ident(c.Name)
	return one(b.stmt())
}

// dropColumnBlocker says why SQLite's DROP COLUMN would refuse the column,
// judging by what t carries, or returns "".
func (d *sqliteDialect) dropColumnBlocker(t *model.Table, name string) string {
	has := func(cols []string) bool {
		return slices.ContainsFunc(cols, func(c string) bool { return strings.EqualFold(c, name) })
	}
	if t.PrimaryKey != nil && has(t.PrimaryKey.Columns) {
		return "of the primary key"
	}
	for _, u := range t.Uniques {
		if has(u.Columns) {
			return "with a UNIQUE constraint"
		}
	}
	for _, ix := range t.Indexes {
		if has(ix.Columns()) || d.ExprMentionsColumn(ix.Where, name) ||
			slices.ContainsFunc(ix.Parts, func(p model.IndexPart) bool { return d.ExprMentionsColumn(p.Expr, name) }) {
			return "that is indexed"
		}
	}
	for _, fk := range t.ForeignKeys {
		if has(fk.Columns) {
			return "of a foreign key"
		}
	}
	for _, ck := range t.Checks {
		if d.ExprMentionsColumn(ck.Expr, name) {
			return "named by a CHECK constraint"
		}
	}
	for _, c := range t.Columns {
		if c.Generated != nil && d.ExprMentionsColumn(c.Generated.Expr, name) {
			return "used by the generated column " + fmt.Sprintf("%q", c.Name)
		}
	}
	return ""
}

// RenameColumn returns ALTER TABLE … RENAME COLUMN … TO … (SQLite 3.25+),
// which also renames the column in indexes, constraints, triggers and
// views.
func (d *sqliteDialect) RenameColumn(t *model.Table, from, to string) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	if from == "" || to == "" {
		return nil, fmt.Errorf("sqlite: table %q: rename column: both names are needed", t.QualifiedName())
	}
	if err := d.renameColumnInPlace(t, from); err != nil {
		return nil, err
	}
	b := d.sqliteAlter(t)
	b.raw(" RENAME COLUMN ").ident(from).raw(" TO ").ident(to)
	return one(b.stmt())
}

// AlterColumn returns no statements when the definitions do not differ,
// RENAME COLUMN when only the name does, and otherwise an *UnsupportedError:
// SQLite's ALTER TABLE cannot change a column's type, nullability, default,
// collation or generation, which needs a batch rebuild, and SQLite has no
// comments to change.
func (d *sqliteDialect) AlterColumn(t *model.Table, ch ColumnChange) ([]string, error) {
	if err := checkTableName(d, t); err != nil {
		return nil, err
	}
	from, to := ch.From, ch.To
	if from == nil || to == nil || from.Name == "" {
		return nil, fmt.Errorf("sqlite: table %q: alter column: the existing and the new definition are needed", t.QualifiedName())
	}
	if err := d.alterColumnInPlace(t, ch); err != nil {
		return nil, err
	}
	if from.Comment != to.Comment {
		return nil, Unsupported(d.Name(), columnObject(t, from.Name), "a column comment", "SQLite has no comments; keep them in the model only")
	}
	newName := to.Name
	if newName == "" || newName == from.Name {
		return nil, nil
	}
	return d.RenameColumn(t, from.Name, newName)
}

// columnChanges names what differs between two definitions of a column.
func columnChanges(d Dialect, a, b *model.Column) string {
	var what []string
	if !sameType(d, a.Type, b.Type) {
		what = append(what, "type")
	}
	if a.Nullable != b.Nullable {
		what = append(what, "nullability")
	}
	if !sameDefault(a.Default, b.Default) {
		what = append(what, "default")
	}
	if a.Collation != b.Collation {
		what = append(what, "collation")
	}
	if !sameGenerated(a.Generated, b.Generated) {
		what = append(what, "generation")
	}
	if len(what) == 0 {
		return "definition"
	}
	return strings.Join(what, ", ")
}

// constraintRefused is the refusal of every constraint change.
func (d *sqliteDialect) constraintRefused(t *model.Table, kind, name, verb string) error {
	return Unsupported(d.Name(), describe(t, kind, name), verb+" a "+kind+" on an existing table", rebuildHint)
}

// AddPrimaryKey is refused: SQLite's ALTER TABLE cannot add constraints.
func (d *sqliteDialect) AddPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error) {
	return nil, d.constraintRefused(t, "primary key", pk.Name, "adding")
}

// DropPrimaryKey is refused: SQLite's ALTER TABLE cannot drop constraints.
func (d *sqliteDialect) DropPrimaryKey(t *model.Table, pk *model.PrimaryKey) ([]string, error) {
	return nil, d.constraintRefused(t, "primary key", pk.Name, "dropping")
}

// AddUnique is refused: SQLite's ALTER TABLE cannot add constraints (a
// unique index, CreateIndex with Unique, needs no rebuild).
func (d *sqliteDialect) AddUnique(t *model.Table, u *model.Unique) ([]string, error) {
	return nil, d.constraintRefused(t, "unique constraint", u.Name, "adding")
}

// DropUnique is refused: SQLite's ALTER TABLE cannot drop constraints.
func (d *sqliteDialect) DropUnique(t *model.Table, u *model.Unique) ([]string, error) {
	return nil, d.constraintRefused(t, "unique constraint", u.Name, "dropping")
}

// AddCheck is refused: SQLite's ALTER TABLE cannot add constraints.
func (d *sqliteDialect) AddCheck(t *model.Table, c *model.Check) ([]string, error) {
	return nil, d.constraintRefused(t, "check constraint", c.Name, "adding")
}

// DropCheck is refused: SQLite's ALTER TABLE cannot drop constraints.
func (d *sqliteDialect) DropCheck(t *model.Table, c *model.Check) ([]string, error) {
	return nil, d.constraintRefused(t, "check constraint", c.Name, "dropping")
}

// sqliteEnumHint explains where SQLite keeps an enum's values.
const sqliteEnumHint = "SQLite has no enum types: an enum column is a VARCHAR with CHECK (col IN (…)); " +
	"change the values through the columns' types (AlterColumn, rebuilt by move and copy)"

// AddEnumValue is refused: the values live in the CHECK constraint of each
// enum column, which only a rebuild of those tables changes. Returning no
// statements would leave the columns refusing the new value.
func (d *sqliteDialect) AddEnumValue(e *model.EnumType, value, _, _ string) ([]string, error) {
	return nil, Unsupported(d.Name(), fmt.Sprintf("enum type %q", e.Name), fmt.Sprintf("adding the value %q to an enum type", value), sqliteEnumHint)
}

// RenameEnumValue is refused, like AddEnumValue.
func (d *sqliteDialect) RenameEnumValue(e *model.EnumType, from, _ string) ([]string, error) {
	return nil, Unsupported(d.Name(), fmt.Sprintf("enum type %q", e.Name), fmt.Sprintf("renaming the enum value %q", from), sqliteEnumHint)
}

// AlterSequence is refused: SQLite has no sequences.
func (d *sqliteDialect) AlterSequence(from, _ *model.Sequence) ([]string, error) {
	return nil, d.noSequences(from)
}
