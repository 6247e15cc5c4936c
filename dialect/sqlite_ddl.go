package dialect

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/migratego/migrate/model"
)

// batchHint is the advice for changes SQLite's ALTER TABLE cannot make.
const batchHint = "SQLite's ALTER TABLE cannot add or drop constraints; " +
	"rebuild the table with a batch (move and copy) operation"

// CreateTable returns CREATE TABLE. A single-column integer primary key
// with AutoIncrement or Identity becomes "INTEGER PRIMARY KEY AUTOINCREMENT"
// on the column; enum columns get a CHECK (see EnumCheck); WithoutRowID
// and Strict append WITHOUT ROWID and STRICT. SQLite has no comments and
// no table options, and its foreign keys cannot reference another attached
// database: those are refused.
func (d *sqliteDialect) CreateTable(t *model.Table) ([]string, error) {
	if err := checkTable(d, t); err != nil {
		return nil, err
	}
	if err := d.checkSQLiteTable(t); err != nil {
		return nil, err
	}
	st := tableStyle{
		column:   d.columnDef,
		inlinePK: func(t *model.Table) bool { return sqliteAutoPK(t) != nil },
		namedPK:  true,
		suffix: func(b *builder, t *model.Table) {
			switch {
			case t.WithoutRowID && t.Strict:
				b.raw(" WITHOUT ROWID, STRICT")
			case t.WithoutRowID:
				b.raw(" WITHOUT ROWID")
			case t.Strict:
				b.raw(" STRICT")
			}
		},
	}
	if t.Schema == "" {
		return one(createTableStmt(d, t, st))
	}
	// REFERENCES takes no schema on SQLite (the parent is always in the
	// child's database), but the shared frame qualifies it like the table.
	// Render the table unqualified, then qualify its own name.
	local := *t
	local.Schema = ""
	s, err := createTableStmt(d, &local, st)
	if err != nil {
		return nil, err
	}
	bare, err := d.QuoteIdent(t.Name)
	if err != nil {
		return nil, err
	}
	full, err := d.QuoteQualified(t.Schema, t.Name)
	if err != nil {
		return nil, err
	}
	prefix := "CREATE TABLE " + bare
	if !strings.HasPrefix(s, prefix) {
		return nil, fmt.Errorf("sqlite: create table %q: unexpected statement shape", t.QualifiedName())
	}
	return []string{"CREATE TABLE " + full + s[len(prefix):]}, nil
}

// checkSQLiteTable refuses what the shared checks let through but SQLite
// cannot build.
func (d *sqliteDialect) checkSQLiteTable(t *model.Table) error {
	if err := sqliteObjectName(t.Name); err != nil {
		return err
	}
	tbl := fmt.Sprintf("table %q", t.QualifiedName())
	un := func(object, feature, hint string) error { return Unsupported(d.Name(), object, feature, hint) }
	if len(t.Options) > 0 {
		keys := slices.Sorted(maps.Keys(t.Options))
		return un(tbl, "table options ("+strings.Join(keys, ", ")+")",
			"SQLite has no table options; remove them (WithoutRowID is a field of its own)")
	}
	if t.WithoutRowID && t.PrimaryKey == nil {
		return un(tbl, "a WITHOUT ROWID table without a primary key", "declare a primary key")
	}
	auto := sqliteAutoPK(t)
	for _, c := range t.Columns {
		if !c.AutoIncrement && c.Identity == nil {
			continue
		}
		obj := fmt.Sprintf("column %q of table %q", c.Name, t.QualifiedName())
		if c != auto {
			return un(obj, "AUTOINCREMENT on a column that is not the single-column integer primary key",
				"SQLite numbers rows only through an INTEGER PRIMARY KEY; make the column the table's only primary key column, or drop AutoIncrement/Identity")
		}
		if t.WithoutRowID {
			return un(obj, "AUTOINCREMENT in a WITHOUT ROWID table", "drop WithoutRowID or AutoIncrement/Identity")
		}
		if id := c.Identity; id != nil {
			switch {
			case id.Always:
				return un(obj, "GENERATED ALWAYS identity",
					"SQLite accepts explicit values in an AUTOINCREMENT column; use a BY DEFAULT identity (Always: false)")
			case id.Start > 1:
				return un(obj, fmt.Sprintf("identity START WITH %d", id.Start),
					"SQLite's AUTOINCREMENT starts at 1; to start higher, insert a row into sqlite_sequence in a data migration")
			case id.Start < 0:
				return un(obj, fmt.Sprintf("identity START WITH %d", id.Start), "SQLite's AUTOINCREMENT starts at 1")
			case id.Increment != 0 && id.Increment != 1:
				return un(obj, fmt.Sprintf("identity INCREMENT BY %d", id.Increment), "SQLite's AUTOINCREMENT counts up by 1")
			}
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.RefSchema != "" && fk.RefSchema != t.Schema {
			return un(describe(t, "foreign key", fk.Name), fmt.Sprintf("a reference to another database (%q)", fk.RefSchema),
				"SQLite's foreign keys reference tables of the same database only")
		}
	}
	return nil
}

// sqliteObjectName refuses names of tables, indexes and views that SQLite
// reserves for its own objects (sqlite_schema, sqlite_sequence, …).
func sqliteObjectName(name string) error {
	const prefix = "sqlite_"
	if len(name) >= len(prefix) && strings.EqualFold(name[:len(prefix)], prefix) {
		return &IdentifierError{Name: name, Reason: `sqlite: names beginning with "sqlite_" are reserved for SQLite's internal objects`}
	}
	return nil
}

// sqliteAutoPK returns the column that becomes INTEGER PRIMARY KEY
// AUTOINCREMENT: the only primary key column, of an integer kind, with
// AutoIncrement or Identity. SQLite's INTEGER is 64-bit, so SMALLINT and
// BIGINT columns render as INTEGER too (only the exact type name INTEGER
// makes the column an alias of the rowid).
func sqliteAutoPK(t *model.Table) *model.Column {
	if t.PrimaryKey == nil || len(t.PrimaryKey.Columns) != 1 {
		return nil
	}
	c := t.Column(t.PrimaryKey.Columns[0])
	if c == nil || !c.Type.IsInteger() || (!c.AutoIncrement && c.Identity == nil) {
		return nil
	}
	return c
}

// columnDef writes a column's definition after its name: type (none for
// an untyped column), collation, inline primary key, NOT NULL, DEFAULT,
// generation and the enum check.
func (d *sqliteDialect) columnDef(b *builder, t *model.Table, c *model.Column) {
	auto := sqliteAutoPK(t) == c
	switch {
	case auto:
		b.raw("INTEGER")
	case c.Type.Kind == model.KindNone:
		// A column without a type: its constraints follow its name.
		rest := newBuilder(d)
		d.columnConstraints(rest, t, c, false)
		s, err := rest.stmt()
		b.fail(err)
		b.raw(strings.TrimPrefix(s, " "))
		return
	case t.Strict:
		b.typ(strictType(c.Type))
	default:
		b.typ(c.Type)
	}
	d.columnConstraints(b, t, c, auto)
}

// columnConstraints writes what follows a column's type: collation, inline
// primary key, NOT NULL, DEFAULT, generation and the enum check, each
// after a space.
func (d *sqliteDialect) columnConstraints(b *builder, t *model.Table, c *model.Column, auto bool) {
	if c.Collation != "" {
		b.raw(" COLLATE ").ident(c.Collation)
	}
	if auto {
		b.raw(" ")
		constraintName(b, t.PrimaryKey.Name)
		b.raw("PRIMARY KEY AUTOINCREMENT")
	}
	// Nullability is as declared, primary key columns included: SQLite
	// accepts NULL in a primary key column declared without NOT NULL
	// (outside INTEGER PRIMARY KEY and WITHOUT ROWID tables), a quirk it
	// keeps for compatibility, and an inspected legacy table must come
	// back as it was. A model that wants NOT NULL says Nullable: false,
	// the zero value.
	if !c.Nullable {
		b.raw(" NOT NULL")
	}
	if def := c.Default; def != nil {
		// An expression is always parenthesised, as SQLite requires for
		// anything but a literal; pragma_table_info reports it back
		// without those parentheses, that is exactly as the model has it.
		// A boolean is spelled TRUE or FALSE (SQLite 3.23+), as the
		// inspector reads it back; Literal would store 1 or 0, which read
		// back as numbers.
		b.raw(" DEFAULT ")
		if def.Expr != "" {
			b.raw("(", def.Expr, ")")
		} else if v, ok := def.Literal.(bool); ok {
			b.raw(strings.ToUpper(strconv.FormatBool(v)))
		} else {
			b.literal(def.Literal)
		}
	}
	if g := c.Generated; g != nil {
		b.raw(" GENERATED ALWAYS AS (", g.Expr, ")")
		if g.Stored {
			b.raw(" STORED")
		} else {
			b.raw(" VIRTUAL")
		}
	}
	if c.Type.Kind == model.KindEnum {
		ck, err := d.EnumCheck(c.Name, c.Type.Values)
		if err != nil {
			b.fail(err)
			return
		}
		b.raw(" ", ck)
	}
}

// DropTable returns DROP TABLE.
func (d *sqliteDialect) DropTable(t *model.Table) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP TABLE ").qualified(t.Schema, t.Name)
	return one(b.stmt())
}

// CreateIndex returns CREATE [UNIQUE] INDEX [IF NOT EXISTS] "schema"."name"
// ON "table" (keys) [WHERE predicate]. SQLite puts the schema on the index
// name; the table is always in the same database and stays unqualified.
func (d *sqliteDialect) CreateIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error) {
	if err := checkIndex(d, t, ix, opt); err != nil {
		return nil, err
	}
	if err := sqliteObjectName(ix.Name); err != nil {
		return nil, err
	}
	b := newBuilder(d)
	b.raw("CREATE ")
	if ix.Unique {
		b.raw("UNIQUE ")
	}
	b.raw("INDEX ")
	if opt.IfNotExists {
		b.raw("IF NOT EXISTS ")
	}
	b.qualified(t.Schema, ix.Name).raw(" ON ").ident(t.Name).raw(" ")
	indexKeys(b, ix, func(expr string) string { return "(" + expr + ")" })
	if ix.Where != "" {
		b.raw(" WHERE ", ix.Where)
	}
	return one(b.stmt())
}

// DropIndex returns DROP INDEX [IF EXISTS] "schema"."name".
func (d *sqliteDialect) DropIndex(t *model.Table, ix *model.Index, opt IndexOptions) ([]string, error) {
	if ix.Name == "" {
		return nil, fmt.Errorf("sqlite: %s needs a name to be dropped", describe(t, "index", ix.Name))
	}
	if opt.Concurrently {
		return nil, Unsupported(d.Name(), describe(t, "index", ix.Name), "CONCURRENTLY", "")
	}
	b := newBuilder(d)
	b.raw("DROP INDEX ")
	if opt.IfExists {
		b.raw("IF EXISTS ")
	}
	b.qualified(t.Schema, ix.Name)
	return one(b.stmt())
}

// AddForeignKey is refused: SQLite's ALTER TABLE cannot add a constraint.
// Foreign keys belong in CREATE TABLE, or are added by a batch rebuild.
func (d *sqliteDialect) AddForeignKey(t *model.Table, fk *model.ForeignKey) ([]string, error) {
	if err := checkForeignKey(d, t, fk); err != nil {
		return nil, err
	}
	return nil, Unsupported(d.Name(), describe(t, "foreign key", fk.Name), "adding a foreign key to an existing table", batchHint)
}

// DropForeignKey is refused: SQLite's ALTER TABLE cannot drop a constraint.
func (d *sqliteDialect) DropForeignKey(t *model.Table, fk *model.ForeignKey) ([]string, error) {
	return nil, Unsupported(d.Name(), describe(t, "foreign key", fk.Name), "dropping a foreign key", batchHint)
}

// CreateEnum returns no statements: SQLite enums are VARCHAR columns with a
// CHECK constraint, written by CreateTable.
func (d *sqliteDialect) CreateEnum(*model.EnumType) ([]string, error) { return nil, nil }

// DropEnum returns no statements; see CreateEnum.
func (d *sqliteDialect) DropEnum(*model.EnumType) ([]string, error) { return nil, nil }

// CreateSequence is refused: SQLite has no sequences.
func (d *sqliteDialect) CreateSequence(s *model.Sequence) ([]string, error) {
	return nil, d.noSequences(s)
}

// DropSequence is refused: SQLite has no sequences.
func (d *sqliteDialect) DropSequence(s *model.Sequence) ([]string, error) {
	return nil, d.noSequences(s)
}

func (d *sqliteDialect) noSequences(s *model.Sequence) error {
	name := s.Name
	if s.Schema != "" {
		name = s.Schema + "." + s.Name
	}
	return Unsupported(d.Name(), fmt.Sprintf("sequence %q", name), "a sequence",
		"SQLite has no sequences; use an INTEGER PRIMARY KEY AUTOINCREMENT column (AutoIncrement)")
}

// CreateView returns CREATE VIEW "schema"."name" AS definition.
func (d *sqliteDialect) CreateView(v *model.View) ([]string, error) {
	if strings.TrimSpace(v.Definition) == "" {
		return nil, fmt.Errorf("sqlite: view %q has no definition", v.Name)
	}
	if err := sqliteObjectName(v.Name); err != nil {
		return nil, err
	}
	if err := checkViewOptions(d, v, viewSupport{}); err != nil {
		return nil, err
	}
	b := newBuilder(d)
	b.createView(v, v.Definition, "", "")
	return one(b.stmt())
}

// DropView returns DROP VIEW "schema"."name".
func (d *sqliteDialect) DropView(v *model.View) ([]string, error) {
	b := newBuilder(d)
	b.raw("DROP VIEW ").qualified(v.Schema, v.Name)
	return one(b.stmt())
}
