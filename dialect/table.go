package dialect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// tableStyle is what differs between databases in CREATE TABLE; the frame,
// the constraint clauses and the capability checks are shared.
type tableStyle struct {
	// column appends everything after the quoted column name: type,
	// collation, generation, nullability, default, identity, comment.
	column func(b *builder, t *model.Table, c *model.Column)
	// inlinePK reports that the column carries the primary key itself
	// (SQLite INTEGER PRIMARY KEY AUTOINCREMENT), so no table-level
	// PRIMARY KEY clause is written.
	inlinePK func(t *model.Table) bool
	// namedPK: the database keeps a primary key's constraint name
	// (MySQL always calls it PRIMARY).
	namedPK bool
	// suffix appends table options after the closing parenthesis.
	suffix func(b *builder, t *model.Table)
	// skipFK leaves a foreign key out of CREATE TABLE (added later by
	// ALTER TABLE, e.g. NOT VALID on PostgreSQL).
	skipFK func(fk *model.ForeignKey) bool
	// key writes an index inside CREATE TABLE (after the unique
	// constraints), for the indexes the dialect's inlineIndexes returns.
	key func(b *builder, t *model.Table, ix *model.Index)
}

// createTableStmt renders CREATE TABLE in a dialect's style.
func createTableStmt(d Dialect, t *model.Table, st tableStyle) (string, error) {
	if err := checkTable(d, t); err != nil {
		return "", err
	}
	b := newBuilder(d)
	b.raw("CREATE TABLE ").qualified(t.Schema, t.Name).raw(" (")
	sep := "\n\t"
	for _, c := range t.Columns {
		b.raw(sep).ident(c.Name).spaced(func(b *builder) { st.column(b, t, c) })
		sep = ",\n\t"
	}
	if pk := t.PrimaryKey; pk != nil && (st.inlinePK == nil || !st.inlinePK(t)) {
		b.raw(sep)
		if st.namedPK {
			constraintName(b, pk.Name)
		}
		b.raw("PRIMARY KEY ").identList(pk.Columns)
	}
	for _, u := range t.Uniques {
		b.raw(sep)
		constraintName(b, u.Name)
		b.raw("UNIQUE ").identList(u.Columns)
	}
	if il, ok := d.(inlineIndexer); ok && st.key != nil {
		for _, ix := range il.inlineIndexes(t) {
			b.raw(sep)
			st.key(b, t, ix)
		}
	}
	for _, c := range t.Checks {
		b.raw(sep)
		constraintName(b, c.Name)
		b.raw("CHECK (", c.Expr, ")")
	}
	for _, fk := range t.ForeignKeys {
		if st.skipFK != nil && st.skipFK(fk) {
			continue
		}
		b.raw(sep)
		constraintName(b, fk.Name)
		fkClause(b, t, fk)
	}
	b.raw("\n)")
	if st.suffix != nil {
		st.suffix(b, t)
	}
	return b.stmt()
}

// constraintName appends "CONSTRAINT name " when the constraint is named.
func constraintName(b *builder, name string) {
	if name != "" {
		b.raw("CONSTRAINT ").ident(name).raw(" ")
	}
}

// fkClause appends FOREIGN KEY (…) REFERENCES t (…) with actions and
// deferrability. An empty RefSchema means the referencing table's schema.
func fkClause(b *builder, t *model.Table, fk *model.ForeignKey) {
	schema := fk.RefSchema
	if schema == "" {
		schema = t.Schema
	}
	b.raw("FOREIGN KEY ").identList(fk.Columns).raw(" REFERENCES ").qualified(schema, fk.RefTable).raw(" ").identList(fk.RefColumns)
	if fk.OnDelete != "" {
		b.raw(" ON DELETE ", string(fk.OnDelete))
	}
	if fk.OnUpdate != "" {
		b.raw(" ON UPDATE ", string(fk.OnUpdate))
	}
	if fk.Deferrable {
		b.raw(" DEFERRABLE")
		if fk.InitiallyDeferred {
			b.raw(" INITIALLY DEFERRED")
		}
	}
}

// addForeignKeyStmt renders ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY;
// notValid appends NOT VALID (PostgreSQL).
func addForeignKeyStmt(d Dialect, t *model.Table, fk *model.ForeignKey, notValid bool) (string, error) {
	if err := checkForeignKey(d, t, fk); err != nil {
		return "", err
	}
	b := newBuilder(d)
	b.raw("ALTER TABLE ").qualified(t.Schema, t.Name).raw(" ADD ")
	constraintName(b, fk.Name)
	fkClause(b, t, fk)
	if notValid {
		b.raw(" NOT VALID")
	}
	return b.stmt()
}

// describe names an object of a table for messages.
func describe(t *model.Table, kind, name string) string {
	if name == "" {
		return fmt.Sprintf("unnamed %s on table %q", kind, t.QualifiedName())
	}
	return fmt.Sprintf("%s %q on table %q", kind, name, t.QualifiedName())
}

// checkTable refuses, with an *UnsupportedError, the table features the
// dialect's capabilities rule out. Checking by capability keeps the
// messages uniform and free of switches on the database's name.
func checkTable(d Dialect, t *model.Table) error {
	if err := t.Validate(); err != nil {
		return err
	}
	c := d.Capabilities()
	un := func(object, feature, hint string) error { return Unsupported(d.Name(), object, feature, hint) }
	tbl := fmt.Sprintf("table %q", t.QualifiedName())
	if t.Schema != "" && !c.Schemas {
		return un(tbl, "a schema qualifier", "leave Schema empty")
	}
	if t.WithoutRowID && !c.WithoutRowID {
		return un(tbl, "WITHOUT ROWID", "it is a SQLite-only option")
	}
	if t.Comment != "" && !c.Comments {
		return un(tbl, "a table comment", "")
	}
	for _, col := range t.Columns {
		obj := fmt.Sprintf("column %q of table %q", col.Name, t.QualifiedName())
		switch {
		case col.Comment != "" && !c.Comments:
			return un(obj, "a column comment", "")
		case col.Collation != "" && !c.Collations:
			return un(obj, "a collation", "")
		case col.Generated != nil && col.Generated.Stored && !c.GeneratedStored:
			return un(obj, "a STORED generated column", "use a VIRTUAL one")
		case col.Generated != nil && !col.Generated.Stored && !c.GeneratedVirtual:
			return un(obj, "a VIRTUAL generated column", "set Stored: true")
		case col.Type.Kind == model.KindEnum && !c.NamedEnumTypes && !c.InlineEnums && !c.CheckConstraints:
			return un(obj, "an enum type", "")
		}
	}
	if len(t.Checks) > 0 && !c.CheckConstraints {
		return un(tbl, "a check constraint", "")
	}
	for _, fk := range t.ForeignKeys {
		if err := checkForeignKey(d, t, fk); err != nil {
			return err
		}
	}
	return nil
}

func checkForeignKey(d Dialect, t *model.Table, fk *model.ForeignKey) error {
	c := d.Capabilities()
	obj := describe(t, "foreign key", fk.Name)
	if fk.Deferrable && !c.DeferrableForeignKeys {
		return Unsupported(d.Name(), obj, "DEFERRABLE", "drop Deferrable; the database checks foreign keys immediately")
	}
	if fk.NotValid && !c.NotValidForeignKeys {
		return Unsupported(d.Name(), obj, "NOT VALID", "drop NotValid; the database validates existing rows when the key is added")
	}
	return nil
}

// checkIndex refuses the index features the dialect cannot build.
func checkIndex(d Dialect, t *model.Table, ix *model.Index, opt IndexOptions) error {
	c := d.Capabilities()
	obj := describe(t, "index", ix.Name)
	un := func(feature, hint string) error { return Unsupported(d.Name(), obj, feature, hint) }
	if ix.Name == "" {
		return fmt.Errorf("%s: %s needs a name (apply the naming convention first)", d.Name(), obj)
	}
	if ix.Where != "" && !c.PartialIndexes {
		return un("a partial index (WHERE)", "index the whole table, or use a generated column")
	}
	if ix.HasExpr() && !c.ExpressionIndexes {
		return un("an expression index", "index a generated column holding the expression instead")
	}
	if len(ix.Include) > 0 && !c.IndexInclude {
		return un("INCLUDE columns", "add them as trailing key columns instead")
	}
	if ix.Method != "" && !slices.Contains(c.IndexMethods, strings.ToLower(ix.Method)) {
		hint := "leave Method empty: the database has one kind of index"
		if len(c.IndexMethods) > 0 {
			hint = "supported methods: " + strings.Join(c.IndexMethods, ", ")
		}
		return un(fmt.Sprintf("index method %q", ix.Method), hint)
	}
	if opt.Concurrently && !c.ConcurrentIndexes {
		return un("CONCURRENTLY", "")
	}
	for _, p := range ix.Parts {
		if p.Desc && !c.DescIndexes {
			return un("a descending key", "")
		}
		if p.Length > 0 && !c.IndexPrefixLengths {
			return un("a prefix length", "index the whole column")
		}
	}
	return nil
}

// indexKeys appends "(key, key DESC, (expr))"; prefix lengths are written
// when the dialect supports them (checked before).
func indexKeys(b *builder, ix *model.Index, exprWrap func(string) string) {
	b.raw("(")
	for i, p := range ix.Parts {
		if i > 0 {
			b.raw(", ")
		}
		if p.Expr != "" {
			b.raw(exprWrap(p.Expr))
		} else {
			b.ident(p.Column)
			if p.Length > 0 {
				b.raw(fmt.Sprintf("(%d)", p.Length))
			}
		}
		if p.Desc {
			b.raw(" DESC")
		}
	}
	b.raw(")")
}

// one wraps a single statement result as a list.
func one(s string, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}
