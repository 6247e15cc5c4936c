package ops

import (
	"fmt"
	"slices"
	"strings"

	"github.com/migratego/migrate/model"
)

// SchemaChanger is implemented by operations that know what they do to a
// schema: Apply makes the operation's change to m, the model of the
// database before it, as the database would make it. Every schema
// operation of this package implements it; tools find it by type
// assertion.
//
// One ability serves several tools: a BatchAlterTable works out a SQLite
// rebuild from the table before and after its operations; the inverse of
// a batch with CopyFrom gets the table as the batch leaves it; lint and
// `migrate test` follow the schema each revision sees without a database.
// A custom operation that implements Apply takes part in all of them.
//
// Apply changes m in place and returns an error naming the object when
// the one the operation needs is missing, or the one it creates exists
// already (m is then left partly changed: apply to a copy, see
// model.MetaData.Clone, to keep the original). Apply needs no dialect: it
// changes the model the way every supported database does. Where
// databases differ, it follows PostgreSQL, and says so.
//
// An operation that changes no schema object (BulkInsert) implements Apply
// as a check that the objects it uses exist. Execute does not implement
// it: raw SQL may change anything, and Apply returns an *UnknownChangeError
// for it.
type SchemaChanger interface {
	Apply(m *model.MetaData) error
}

// The operations of this package that apply themselves to a model; the
// table alterations (see tableAlteration) are checked where they are
// declared.
var (
	_ SchemaChanger = CreateTable{}
	_ SchemaChanger = DropTable{}
	_ SchemaChanger = CreateIndex{}
	_ SchemaChanger = DropIndex{}
	_ SchemaChanger = CreateEnum{}
	_ SchemaChanger = DropEnum{}
	_ SchemaChanger = AddEnumValue{}
	_ SchemaChanger = RenameEnumValue{}
	_ SchemaChanger = AlterEnum{}
	_ SchemaChanger = CreateSequence{}
	_ SchemaChanger = DropSequence{}
	_ SchemaChanger = AlterSequence{}
	_ SchemaChanger = CreateView{}
	_ SchemaChanger = DropView{}
	_ SchemaChanger = ReplaceView{}
	_ SchemaChanger = CreateSchema{}
	_ SchemaChanger = DropSchema{}
	_ SchemaChanger = AlterSchema{}
	_ SchemaChanger = CreateExtension{}
	_ SchemaChanger = DropExtension{}
	_ SchemaChanger = AlterExtension{}
	_ SchemaChanger = CreateDomain{}
	_ SchemaChanger = DropDomain{}
	_ SchemaChanger = AlterDomain{}
	_ SchemaChanger = CreateDefinition{}
	_ SchemaChanger = DropDefinition{}
	_ SchemaChanger = ReplaceDefinition{}
	_ SchemaChanger = BatchAlterTable{}
	_ SchemaChanger = BulkInsert{}
)

// UnknownChangeError reports an operation that cannot apply itself to a
// model (it does not implement SchemaChanger): what it does to the schema
// is known only to the database.
type UnknownChangeError struct {
	Op string
}

// Error implements the error interface.
func (e *UnknownChangeError) Error() string {
	return fmt.Sprintf("ops: %s: its change to the schema is unknown (it has no Apply method; see ops.SchemaChanger)", e.Op)
}

// Apply applies operations to m in order, as running them would change the
// database; see SchemaChanger. It stops at the first error, which names
// the operation; an operation that is not a SchemaChanger gives an
// *UnknownChangeError.
func Apply(m *model.MetaData, operations ...Operation) error {
	for _, op := range operations {
		if err := applyOne(m, op); err != nil {
			return err
		}
	}
	return nil
}

// applyOne applies one operation, naming it in the error.
func applyOne(m *model.MetaData, op Operation) error {
	if op == nil {
		return fmt.Errorf("ops: apply a nil operation")
	}
	sc, ok := op.(SchemaChanger)
	if !ok {
		return &UnknownChangeError{Op: op.Name()}
	}
	if err := sc.Apply(m); err != nil {
		return fmt.Errorf("ops: %s: %w", op.Name(), err)
	}
	return nil
}

// findNamed returns the position of the element of list called want:
// compared exactly, or else without regard to case when one element
// matches so; -1 when none does.
func findNamed[T any](list []T, name func(T) string, want string) int {
	if i := slices.IndexFunc(list, func(x T) bool { return name(x) == want }); i >= 0 {
		return i
	}
	// SQLite and MySQL compare names without regard to case: accept a
	// single match in another case.
	found := -1
	for i, x := range list {
		if strings.EqualFold(name(x), want) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// namedExactly reports whether an element of list is called want,
// compared exactly. An operation that creates or renames an object
// refuses only such a name: PostgreSQL keeps "Foo" and foo apart (a table
// of each in one schema is legal: PostgREST's fixtures have both), and a
// database that folds case refuses the statement itself.
func namedExactly[T any](list []T, name func(T) string, want string) bool {
	return slices.ContainsFunc(list, func(x T) bool { return name(x) == want })
}

// tableIndex returns the position of table (schema, name) in m, or -1.
func tableIndex(m *model.MetaData, schema, name string) int {
	return findNamed(m.Tables, tableName, qualified(schema, name))
}

// tableName is the qualified name of a table, for findNamed.
func tableName(t *model.Table) string { return qualified(t.Schema, t.Name) }

// modelTable returns table (schema, name) of m, or an error naming it.
func modelTable(m *model.MetaData, schema, name string) (*model.Table, error) {
	if err := needTable(name); err != nil {
		return nil, err
	}
	i := tableIndex(m, schema, name)
	if i < 0 {
		return nil, fmt.Errorf("table %q does not exist", qualified(schema, name))
	}
	return m.Tables[i], nil
}

// modelColumn returns the column of t, or an error naming it.
func modelColumn(t *model.Table, name string) (*model.Column, error) {
	i := findNamed(t.Columns, func(c *model.Column) string { return c.Name }, name)
	if i < 0 {
		return nil, fmt.Errorf("table %q has no column %q", t.QualifiedName(), name)
	}
	return t.Columns[i], nil
}

// modelTableColumn returns the table and its column named by an operation,
// or an error naming what is missing.
func modelTableColumn(m *model.MetaData, schema, table, column string) (*model.Table, *model.Column, error) {
	t, err := modelTable(m, schema, table)
	if err != nil {
		return nil, nil, err
	}
	if column == "" {
		return nil, nil, missing("column name", "Column")
	}
	col, err := modelColumn(t, column)
	if err != nil {
		return nil, nil, err
	}
	return t, col, nil
}

// hasColumns checks that t has every column named.
func hasColumns(t *model.Table, names []string) error {
	for _, n := range names {
		if _, err := modelColumn(t, n); err != nil {
			return err
		}
	}
	return nil
}

// removeNamed deletes the element called name from *list, or returns an
// error saying that table t has no such kind.
func removeNamed[T any](t *model.Table, list *[]T, name func(T) string, kind, want string) error {
	i := findNamed(*list, name, want)
	if i < 0 {
		return fmt.Errorf("table %q has no %s %q", t.QualifiedName(), kind, want)
	}
	*list = slices.Delete(*list, i, i+1)
	return nil
}

// addNamed appends x to *list, refusing a name already used there; kind
// names what x is with its article ("an index").
func addNamed[T any](t *model.Table, list *[]T, name func(T) string, kind string, x T) error {
	if n := name(x); n != "" && namedExactly(*list, name, n) {
		return fmt.Errorf("table %q already has %s %q", t.QualifiedName(), kind, n)
	}
	*list = append(*list, x)
	return nil
}

// referencing calls f for every foreign key of m that references table t.
func referencing(m *model.MetaData, t *model.Table, f func(fk *model.ForeignKey)) {
	for _, other := range m.Tables {
		for _, fk := range other.ForeignKeys {
			schema := fk.RefSchema
			if schema == "" {
				schema = other.Schema
			}
			if strings.EqualFold(fk.RefTable, t.Name) && strings.EqualFold(schema, t.Schema) {
				f(fk)
			}
		}
	}
}
