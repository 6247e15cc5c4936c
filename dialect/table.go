package dialect

import (
	"fmt"
	"regexp"
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
	b.raw("CREATE TABLE ").qualified(t.Schema, t.Name)
	if po := t.PartitionOf; po != nil {
		schema := po.Schema
		if schema == "" {
			schema = t.Schema
		}
		b.raw(" PARTITION OF ").qualified(schema, po.Table)
	}
	// A partition without constraints of its own has no element list.
	body := newBuilder(d)
	sep := "\n\t"
	for _, c := range t.Columns {
		body.raw(sep).ident(c.Name).spaced(func(b *builder) { st.column(b, t, c) })
		sep = ",\n\t"
	}
	sep = tableConstraints(body, d, t, st, sep)
	if s, err := body.stmt(); err != nil {
		b.fail(err)
	} else if s != "" || t.PartitionOf == nil {
		b.raw(" (", s, "\n)")
	}
	if po := t.PartitionOf; po != nil {
		b.raw(" ", po.Bound)
	}
	if st.suffix != nil {
		st.suffix(b, t)
	}
	return b.stmt()
}

// tableConstraints appends the constraint clauses of CREATE TABLE, each
// after sep, and returns the separator for what follows.
func tableConstraints(b *builder, d Dialect, t *model.Table, st tableStyle, sep string) string {
	if pk := t.PrimaryKey; pk != nil && (st.inlinePK == nil || !st.inlinePK(t)) {
		b.raw(sep)
		sep = ",\n\t"
		if st.namedPK {
			constraintName(b, pk.Name)
		}
		b.raw("PRIMARY KEY ").identList(pk.Columns)
	}
	for _, u := range t.Uniques {
		b.raw(sep)
		sep = ",\n\t"
		constraintName(b, u.Name)
		uniqueClause(b, u)
	}
	if il, ok := d.(inlineIndexer); ok && st.key != nil {
		for _, ix := range il.inlineIndexes(t) {
			b.raw(sep)
			sep = ",\n\t"
			st.key(b, t, ix)
		}
	}
	for _, c := range t.Checks {
		b.raw(sep)
		sep = ",\n\t"
		constraintName(b, c.Name)
		b.raw("CHECK (", c.Expr, ")")
	}
	for _, fk := range t.ForeignKeys {
		if st.skipFK != nil && st.skipFK(fk) {
			continue
		}
		b.raw(sep)
		sep = ",\n\t"
		constraintName(b, fk.Name)
		fkClause(b, t, fk)
	}
	for _, ex := range t.Exclusions {
		b.raw(sep)
		sep = ",\n\t"
		constraintName(b, ex.Name)
		exclusionClause(b, ex)
	}
	return sep
}

// exclusionClause appends EXCLUDE [USING method] (key WITH op, …)
// [INCLUDE (…)] [WHERE (…)] [DEFERRABLE [INITIALLY DEFERRED]].
func exclusionClause(b *builder, ex *model.Exclusion) {
	b.raw("EXCLUDE")
	if ex.Method != "" {
		b.raw(" USING ", strings.ToLower(ex.Method))
	}
	b.raw(" (")
	for i, el := range ex.Elements {
		if i > 0 {
			b.raw(", ")
		}
		indexKey(b, el.IndexPart, func(expr string) string { return "(" + expr + ")" })
		b.raw(" WITH ", el.Operator)
	}
	b.raw(")")
	if len(ex.Include) > 0 {
		b.raw(" INCLUDE ").identList(ex.Include)
	}
	if ex.Where != "" {
		b.raw(" WHERE (", ex.Where, ")")
	}
	if ex.Deferrable {
		b.raw(" DEFERRABLE")
		if ex.InitiallyDeferred {
			b.raw(" INITIALLY DEFERRED")
		}
	}
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
	if len(t.Columns) == 0 && t.PartitionOf == nil && !c.EmptyTables {
		return un(tbl, "a table without columns", "give it a column")
	}
	if t.WithoutRowID && !c.WithoutRowID {
		return un(tbl, "WITHOUT ROWID", "it is a SQLite-only option")
	}
	if t.Comment != "" && !c.Comments {
		return un(tbl, "a table comment", "")
	}
	if (t.RowSecurity || t.ForceRowSecurity) && !c.RowSecurity {
		return un(tbl, "row-level security", "filter rows in the application or in views")
	}
	switch p := t.PartitionBy; {
	case t.PartitionOf != nil && !c.Partitioning, p != nil && !c.Partitioning && !c.InlinePartitions:
		return un(tbl, "declarative partitioning", "")
	case p != nil && c.Partitioning && (p.Partitions != "" || !slices.Contains([]string{"range", "list", "hash"}, strings.ToLower(p.Strategy))):
		return un(tbl, fmt.Sprintf("partitioning %q with the partitions listed in the table", p.Strategy),
			"use range, list or hash, and create each partition as a table with PartitionOf")
	}
	if t.PartitionOf != nil && len(t.Columns) > 0 {
		return fmt.Errorf("%s: partition %s takes its columns from its parent: leave its Columns empty", d.Name(), tbl)
	}
	for _, ex := range t.Exclusions {
		if err := checkExclusion(d, t, ex); err != nil {
			return err
		}
	}
	for _, u := range t.Uniques {
		if err := checkUnique(d, t, u); err != nil {
			return err
		}
	}
	for _, cc := range t.ConstraintComments() {
		if err := checkConstraintComment(d, t, cc.Kind, cc.Name, cc.Comment); err != nil {
			return err
		}
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
		case col.Invisible && d.Name() != "mysql":
			return un(obj, "an INVISIBLE column", "MySQL and MariaDB have them; drop Invisible")
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
	switch {
	case ix.NullsNotDistinct && !ix.Unique:
		return fmt.Errorf("%s: %s: NULLS NOT DISTINCT applies to unique indexes only; set Unique or drop NullsNotDistinct", d.Name(), obj)
	case ix.NullsNotDistinct && !c.NullsNotDistinct:
		return un("NULLS NOT DISTINCT", "PostgreSQL 15 or later has it; elsewhere use a unique index on COALESCE of the keys")
	case ix.Invisible && !c.InvisibleIndexes:
		return un("an invisible (ignored) index", "drop Invisible, or drop the index")
	case ix.Comment != "" && !c.Comments:
		return un("an index comment", "drop Comment: the database stores no comments")
	}
	for _, p := range ix.Parts {
		if err := checkIndexKey(d, obj, p); err != nil {
			return err
		}
	}
	return nil
}

// checkIndexKey refuses the key features of an index or exclusion
// constraint the dialect cannot build, and operator class parameters
// that could be more than parameters.
func checkIndexKey(d Dialect, obj string, p model.IndexPart) error {
	c := d.Capabilities()
	un := func(feature, hint string) error { return Unsupported(d.Name(), obj, feature, hint) }
	switch {
	case p.Desc && !c.DescIndexes:
		return un("a descending key", "")
	case p.Length > 0 && !c.IndexPrefixLengths:
		return un("a prefix length", "index the whole column")
	case p.Collation != "" && !c.IndexCollations:
		return un("a collation on an index key", "")
	case p.Opclass != "" && !c.IndexOpclasses:
		return un("an operator class", "")
	case p.Nulls != "" && !c.IndexNullsOrder:
		return un("NULLS FIRST/LAST", "")
	case p.OpclassParams != "" && !opclassParams.MatchString(p.OpclassParams):
		return fmt.Errorf("%s: %s: operator class parameters %q must be name=value pairs separated by commas", d.Name(), obj, p.OpclassParams)
	}
	return nil
}

// opclassParams matches operator class parameters: name=value pairs,
// values plain words, numbers or quoted strings.
var opclassParams = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*(?:'(?:[^']|'')*'|[A-Za-z0-9_.+-]+)\s*(?:,\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*(?:'(?:[^']|'')*'|[A-Za-z0-9_.+-]+)\s*)*$`)

// exclusionOperator matches an operator of an exclusion constraint: the
// operator's symbol, or OPERATOR(schema.symbol).
var exclusionOperator = regexp.MustCompile(`^(?:[-+*/<>=~!@#%^&|` + "`" + `?]+|OPERATOR\((?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")\.[-+*/<>=~!@#%^&|` + "`" + `?]+\))$`)

// checkExclusion refuses an exclusion constraint the dialect cannot build.
func checkExclusion(d Dialect, t *model.Table, ex *model.Exclusion) error {
	c := d.Capabilities()
	obj := describe(t, "exclusion constraint", ex.Name)
	if !c.ExclusionConstraints {
		return Unsupported(d.Name(), obj, "an exclusion constraint", "use a unique index or a trigger")
	}
	if ex.Method != "" && !slices.Contains(c.IndexMethods, strings.ToLower(ex.Method)) {
		return Unsupported(d.Name(), obj, fmt.Sprintf("index method %q", ex.Method), "supported methods: "+strings.Join(c.IndexMethods, ", "))
	}
	for _, el := range ex.Elements {
		if err := checkIndexKey(d, obj, el.IndexPart); err != nil {
			return err
		}
		if !exclusionOperator.MatchString(el.Operator) {
			return fmt.Errorf("%s: %s: operator %q is neither an operator symbol nor OPERATOR(schema.symbol)", d.Name(), obj, el.Operator)
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
		indexKey(b, p, exprWrap)
	}
	b.raw(")")
}

// indexKey appends one key of an index or exclusion constraint:
// column or expression, prefix length, COLLATE, operator class with its
// parameters, DESC and NULLS FIRST/LAST (checkIndexKey has refused what
// the dialect lacks). An operator class may be schema-qualified
// ("schema.name").
func indexKey(b *builder, p model.IndexPart, exprWrap func(string) string) {
	if p.Expr != "" {
		b.raw(exprWrap(p.Expr))
	} else {
		b.ident(p.Column)
		if p.Length > 0 {
			b.raw(fmt.Sprintf("(%d)", p.Length))
		}
	}
	if p.Collation != "" {
		// Not split at dots: libc collations are called "en_US.utf8";
		// the schema of a PostgreSQL collation is CollationSchema.
		b.raw(" COLLATE ").qualified(p.CollationSchema, p.Collation)
	}
	if p.Opclass != "" {
		schema, name, ok := strings.Cut(p.Opclass, ".")
		if !ok {
			schema, name = "", p.Opclass
		}
		b.raw(" ").qualified(schema, name)
		if p.OpclassParams != "" {
			b.raw(" (", p.OpclassParams, ")")
		}
	}
	if p.Desc {
		b.raw(" DESC")
	}
	switch p.Nulls {
	case model.NullsFirst:
		b.raw(" NULLS FIRST")
	case model.NullsLast:
		b.raw(" NULLS LAST")
	}
}

// one wraps a single statement result as a list.
func one(s string, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	return []string{s}, nil
}

// uniqueClause appends UNIQUE [NULLS NOT DISTINCT] (columns) [DEFERRABLE
// [INITIALLY DEFERRED]]; the dialect has refused what it lacks before
// (checkUnique).
func uniqueClause(b *builder, u *model.Unique) {
	b.raw("UNIQUE ")
	if u.NullsNotDistinct {
		b.raw("NULLS NOT DISTINCT ")
	}
	b.identList(u.Columns)
	if u.Deferrable {
		b.raw(" DEFERRABLE")
		if u.InitiallyDeferred {
			b.raw(" INITIALLY DEFERRED")
		}
	}
	if u.OnConflict != "" {
		b.raw(" ON CONFLICT ", strings.ToUpper(u.OnConflict))
	}
}

// conflictActions are the conflict resolutions of SQLite's ON CONFLICT
// clause.
var conflictActions = []string{"ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"}

// checkUnique refuses a unique constraint the dialect cannot build.
func checkUnique(d Dialect, t *model.Table, u *model.Unique) error {
	c := d.Capabilities()
	switch {
	case u.NullsNotDistinct && !c.NullsNotDistinct:
		return Unsupported(d.Name(), describe(t, "unique constraint", u.Name), "NULLS NOT DISTINCT",
			"PostgreSQL 15 or later has it; elsewhere use a unique index on COALESCE of the keys")
	case (u.Deferrable || u.InitiallyDeferred) && !c.DeferrableUniques:
		return Unsupported(d.Name(), describe(t, "unique constraint", u.Name), "DEFERRABLE",
			"drop Deferrable; the database checks unique constraints at once")
	case u.InitiallyDeferred && !u.Deferrable:
		return fmt.Errorf("%s: %s: InitiallyDeferred needs Deferrable", d.Name(), describe(t, "unique constraint", u.Name))
	case u.OnConflict != "" && d.Name() != "sqlite":
		return Unsupported(d.Name(), describe(t, "unique constraint", u.Name), "ON CONFLICT "+u.OnConflict,
			"SQLite only; drop OnConflict, or use INSERT … ON CONFLICT (upsert) in the statements")
	case u.OnConflict != "" && !slices.Contains(conflictActions, strings.ToUpper(u.OnConflict)):
		return fmt.Errorf("%s: %s: OnConflict %q is none of %s", d.Name(), describe(t, "unique constraint", u.Name),
			u.OnConflict, strings.Join(conflictActions, ", "))
	}
	return nil
}

// checkConstraintComment refuses a comment on a constraint where the
// database cannot store one, or where the constraint has no name to
// attach it to.
func checkConstraintComment(d Dialect, t *model.Table, kind, name, comment string) error {
	switch {
	case comment == "":
		return nil
	case !d.Capabilities().ConstraintComments:
		return Unsupported(d.Name(), describe(t, kind, name), "a comment on a constraint", "drop Comment, or put it on the table")
	case name == "":
		return fmt.Errorf("%s: %s: a commented constraint needs a name (set Name or a naming convention)", d.Name(), describe(t, kind, ""))
	}
	return nil
}
