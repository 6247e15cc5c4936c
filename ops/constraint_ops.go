package ops

import (
	"context"
	"fmt"
	"slices"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// This file holds the constraint operations: primary keys, unique
// constraints, foreign keys and check constraints. A drop names the
// constraint and may carry its definition (Existing) for Reverse.

// irreversibleDrop reports a drop without the definition to recreate.
func irreversibleDrop(op, kind, name, schema, table string) error {
	return &IrreversibleError{Op: op, Reason: fmt.Sprintf("%s %q on table %q carries no definition (set Existing)", kind, name, qualified(schema, table))}
}

// constraintName returns name, or the name of the carried definition.
func constraintName(name, existing string) string {
	if name != "" {
		return name
	}
	return existing
}

// CreatePrimaryKey adds a primary key to a table (create_primary_key).
type CreatePrimaryKey struct {
	Schema     string
	Table      string
	PrimaryKey *model.PrimaryKey
}

// Name returns "create_primary_key".
func (o CreatePrimaryKey) Name() string { return "create_primary_key" }

// Statements returns ALTER TABLE … ADD PRIMARY KEY, or a rebuild.
func (o CreatePrimaryKey) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o CreatePrimaryKey) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.PrimaryKey == nil || len(o.PrimaryKey.Columns) == 0 {
		return missing("primary key with its columns", "PrimaryKey")
	}
	return nil
}

func (o CreatePrimaryKey) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeAddPrimaryKey, Table: t, Constraint: o.PrimaryKey.Name}, nil
}

func (o CreatePrimaryKey) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.AddPrimaryKey(t, o.PrimaryKey))
}

// Reverse returns a DropPrimaryKey carrying the key.
func (o CreatePrimaryKey) Reverse() (Operation, error) {
	if o.PrimaryKey == nil {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "it has no primary key"}
	}
	pk := *o.PrimaryKey
	pk.Columns = slices.Clone(pk.Columns)
	return DropPrimaryKey{Schema: o.Schema, Table: o.Table, Constraint: pk.Name, Existing: &pk}, nil
}

// GoSource renders ops.CreatePrimaryKey{…}.
func (o CreatePrimaryKey) GoSource() (string, error) {
	return newGoLit("CreatePrimaryKey").str("Schema", o.Schema).str("Table", o.Table).
		expr("PrimaryKey", o.PrimaryKey.GoSource()).String(), nil
}

// DropPrimaryKey drops a table's primary key (drop_primary_key). Constraint is
// needed on PostgreSQL unless the key has the default name <table>_pkey;
// MySQL ignores it.
type DropPrimaryKey struct {
	Schema     string
	Table      string
	Constraint string
	Existing   *model.PrimaryKey
}

// Name returns "drop_primary_key".
func (o DropPrimaryKey) Name() string { return "drop_primary_key" }

// key returns the primary key to drop, named.
func (o DropPrimaryKey) key() *model.PrimaryKey {
	pk := &model.PrimaryKey{}
	if o.Existing != nil {
		*pk = *o.Existing
	}
	pk.Name = constraintName(o.Constraint, pk.Name)
	return pk
}

// Statements returns the dialect's DROP of the primary key, or a rebuild.
func (o DropPrimaryKey) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o DropPrimaryKey) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	return nil
}

func (o DropPrimaryKey) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeDropPrimaryKey, Table: t, Constraint: o.key().Name}, nil
}

func (o DropPrimaryKey) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.DropPrimaryKey(t, o.key()))
}

// Reverse returns a CreatePrimaryKey of the Existing key.
func (o DropPrimaryKey) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, irreversibleDrop(o.Name(), "primary key", o.Constraint, o.Schema, o.Table)
	}
	return CreatePrimaryKey{Schema: o.Schema, Table: o.Table, PrimaryKey: o.key()}, nil
}

// GoSource renders ops.DropPrimaryKey{…}.
func (o DropPrimaryKey) GoSource() (string, error) {
	return newGoLit("DropPrimaryKey").str("Schema", o.Schema).str("Table", o.Table).str("Constraint", o.Constraint).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// CreateUnique adds a unique constraint (create_unique_constraint). On
// MySQL it is a unique index of the same name.
type CreateUnique struct {
	Schema string
	Table  string
	Unique *model.Unique
}

// Name returns "create_unique_constraint".
func (o CreateUnique) Name() string { return "create_unique_constraint" }

// Statements returns ALTER TABLE … ADD CONSTRAINT … UNIQUE, or a rebuild.
func (o CreateUnique) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o CreateUnique) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.Unique == nil || len(o.Unique.Columns) == 0 {
		return missing("unique constraint with its columns", "Unique")
	}
	return nil
}

func (o CreateUnique) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeAddUnique, Table: t, Constraint: o.Unique.Name}, nil
}

func (o CreateUnique) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.AddUnique(t, o.Unique))
}

// Reverse returns a DropUnique carrying the constraint.
func (o CreateUnique) Reverse() (Operation, error) {
	if o.Unique == nil || o.Unique.Name == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "an unnamed unique constraint cannot be dropped by name"}
	}
	u := *o.Unique
	u.Columns = slices.Clone(u.Columns)
	return DropUnique{Schema: o.Schema, Table: o.Table, Constraint: u.Name, Existing: &u}, nil
}

// GoSource renders ops.CreateUnique{…}.
func (o CreateUnique) GoSource() (string, error) {
	return newGoLit("CreateUnique").str("Schema", o.Schema).str("Table", o.Table).
		expr("Unique", o.Unique.GoSource()).String(), nil
}

// DropUnique drops a unique constraint by name (drop_constraint).
type DropUnique struct {
	Schema     string
	Table      string
	Constraint string
	Existing   *model.Unique
}

// Name returns "drop_unique_constraint".
func (o DropUnique) Name() string { return "drop_unique_constraint" }

func (o DropUnique) unique() *model.Unique {
	u := &model.Unique{}
	if o.Existing != nil {
		*u = *o.Existing
		u.Columns = slices.Clone(u.Columns)
	}
	u.Name = constraintName(o.Constraint, u.Name)
	return u
}

// Statements returns the dialect's DROP of the constraint, or a rebuild.
func (o DropUnique) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o DropUnique) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.unique().Name == "" {
		return missing("constraint name", "Constraint")
	}
	return nil
}

func (o DropUnique) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeDropUnique, Table: t, Constraint: o.unique().Name}, nil
}

func (o DropUnique) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.DropUnique(t, o.unique()))
}

// Reverse returns a CreateUnique of the Existing constraint.
func (o DropUnique) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, irreversibleDrop(o.Name(), "unique constraint", o.Constraint, o.Schema, o.Table)
	}
	return CreateUnique{Schema: o.Schema, Table: o.Table, Unique: o.unique()}, nil
}

// GoSource renders ops.DropUnique{…}.
func (o DropUnique) GoSource() (string, error) {
	return newGoLit("DropUnique").str("Schema", o.Schema).str("Table", o.Table).str("Constraint", o.Constraint).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// CreateForeignKey adds a foreign key (create_foreign_key): composite
// keys, ON DELETE/UPDATE actions, DEFERRABLE, and on PostgreSQL NOT VALID
// (ForeignKey.NotValid: existing rows are not checked).
type CreateForeignKey struct {
	Schema     string
	Table      string
	ForeignKey *model.ForeignKey
}

// Name returns "create_foreign_key".
func (o CreateForeignKey) Name() string { return "create_foreign_key" }

// Statements returns ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY, or a
// rebuild.
func (o CreateForeignKey) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o CreateForeignKey) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	fk := o.ForeignKey
	switch {
	case fk == nil || len(fk.Columns) == 0:
		return missing("foreign key with its columns", "ForeignKey")
	case fk.RefTable == "":
		return missing("referenced table", "ForeignKey.RefTable")
	case len(fk.RefColumns) != len(fk.Columns):
		return fmt.Errorf("foreign key %q has %d columns but references %d", fk.Name, len(fk.Columns), len(fk.RefColumns))
	case !fk.OnDelete.Valid() || !fk.OnUpdate.Valid():
		return fmt.Errorf("foreign key %q has an unknown referential action (use NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT)", fk.Name)
	case fk.InitiallyDeferred && !fk.Deferrable:
		return fmt.Errorf("foreign key %q is initially deferred but not deferrable", fk.Name)
	}
	return nil
}

func (o CreateForeignKey) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeAddForeignKey, Table: t, Constraint: o.ForeignKey.Name}, nil
}

func (o CreateForeignKey) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	return statements(c.Dialect.AddForeignKey(t, o.ForeignKey))
}

// Reverse returns a DropForeignKey carrying the key.
func (o CreateForeignKey) Reverse() (Operation, error) {
	if o.ForeignKey == nil || o.ForeignKey.Name == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "an unnamed foreign key cannot be dropped by name"}
	}
	fk := *o.ForeignKey
	fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
	return DropForeignKey{Schema: o.Schema, Table: o.Table, Constraint: fk.Name, Existing: &fk}, nil
}

// GoSource renders ops.CreateForeignKey{…}.
func (o CreateForeignKey) GoSource() (string, error) {
	return newGoLit("CreateForeignKey").str("Schema", o.Schema).str("Table", o.Table).
		expr("ForeignKey", o.ForeignKey.GoSource()).String(), nil
}

// DropForeignKey drops a foreign key by name (drop_constraint).
type DropForeignKey struct {
	Schema     string
	Table      string
	Constraint string
	Existing   *model.ForeignKey
	// DropIndex names the index the database created for the key by
	// itself and keeps after it (MySQL/MariaDB: InnoDB's index named like
	// the key; see dialect.ForeignKeyIndexKeeper), dropped with the key.
	// The inverse does not recreate it: adding the key back does.
	DropIndex string
}

// Name returns "drop_foreign_key".
func (o DropForeignKey) Name() string { return "drop_foreign_key" }

func (o DropForeignKey) key() *model.ForeignKey {
	fk := &model.ForeignKey{}
	if o.Existing != nil {
		*fk = *o.Existing
		fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
	}
	fk.Name = constraintName(o.Constraint, fk.Name)
	return fk
}

// Statements returns the dialect's DROP of the foreign key, or a rebuild.
func (o DropForeignKey) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o DropForeignKey) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.key().Name == "" {
		return missing("foreign key name", "Constraint")
	}
	return nil
}

func (o DropForeignKey) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeDropForeignKey, Table: t, Constraint: o.key().Name}, nil
}

func (o DropForeignKey) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	stmts, err := c.Dialect.DropForeignKey(t, o.key())
	if err != nil || o.DropIndex == "" {
		return statements(stmts, err)
	}
	more, err := c.Dialect.DropIndex(t, &model.Index{Name: o.DropIndex}, dialect.IndexOptions{})
	return statements(append(stmts, more...), err)
}

// Reverse returns a CreateForeignKey of the Existing key.
func (o DropForeignKey) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, irreversibleDrop(o.Name(), "foreign key", o.Constraint, o.Schema, o.Table)
	}
	return CreateForeignKey{Schema: o.Schema, Table: o.Table, ForeignKey: o.key()}, nil
}

// GoSource renders ops.DropForeignKey{…}.
func (o DropForeignKey) GoSource() (string, error) {
	return newGoLit("DropForeignKey").str("Schema", o.Schema).str("Table", o.Table).str("Constraint", o.Constraint).
		expr("Existing", o.Existing.GoSource()).str("DropIndex", o.DropIndex).String(), nil
}

// CreateCheck adds a check constraint (create_check_constraint). NotValid
// skips checking the rows already in the table (PostgreSQL only).
type CreateCheck struct {
	Schema   string
	Table    string
	Check    *model.Check
	NotValid bool
}

// Name returns "create_check_constraint".
func (o CreateCheck) Name() string { return "create_check_constraint" }

// Statements returns ALTER TABLE … ADD CONSTRAINT … CHECK, or a rebuild.
func (o CreateCheck) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o CreateCheck) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.Check == nil || o.Check.Expr == "" {
		return missing("check constraint with its expression", "Check")
	}
	if _, ok := c.Dialect.(dialect.NotValidChecker); o.NotValid && !ok {
		return dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("check constraint %q on table %q", o.Check.Name, qualified(o.Schema, o.Table)),
			"NOT VALID", "drop NotValid; the database checks the existing rows when the constraint is added")
	}
	return nil
}

func (o CreateCheck) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeAddCheck, Table: t, Constraint: o.Check.Name}, nil
}

func (o CreateCheck) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	if o.NotValid {
		return statements(c.Dialect.(dialect.NotValidChecker).AddCheckNotValid(t, o.Check))
	}
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.AddCheck(t, o.Check))
}

// Reverse returns a DropCheck carrying the constraint.
func (o CreateCheck) Reverse() (Operation, error) {
	if o.Check == nil || o.Check.Name == "" {
		return nil, &IrreversibleError{Op: o.Name(), Reason: "an unnamed check constraint cannot be dropped by name"}
	}
	ck := *o.Check
	return DropCheck{Schema: o.Schema, Table: o.Table, Constraint: ck.Name, Existing: &ck}, nil
}

// GoSource renders ops.CreateCheck{…}.
func (o CreateCheck) GoSource() (string, error) {
	return newGoLit("CreateCheck").str("Schema", o.Schema).str("Table", o.Table).
		expr("Check", o.Check.GoSource()).flag("NotValid", o.NotValid).String(), nil
}

// DropCheck drops a check constraint by name (drop_constraint).
type DropCheck struct {
	Schema     string
	Table      string
	Constraint string
	Existing   *model.Check
}

// Name returns "drop_check_constraint".
func (o DropCheck) Name() string { return "drop_check_constraint" }

func (o DropCheck) check() *model.Check {
	ck := &model.Check{}
	if o.Existing != nil {
		*ck = *o.Existing
	}
	ck.Name = constraintName(o.Constraint, ck.Name)
	return ck
}

// Statements returns the dialect's DROP of the constraint, or a rebuild.
func (o DropCheck) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	return alterTable(ctx, c, o.Schema, o.Table, o)
}

func (o DropCheck) validate(c *Context) error {
	if err := needTable(o.Table); err != nil {
		return err
	}
	if o.check().Name == "" {
		return missing("constraint name", "Constraint")
	}
	return nil
}

func (o DropCheck) change(_ context.Context, _ *Context, t *model.Table) (dialect.TableChange, error) {
	return dialect.TableChange{Kind: dialect.ChangeDropCheck, Table: t, Constraint: o.check().Name}, nil
}

func (o DropCheck) alter(_ context.Context, c *Context, t *model.Table) ([]Statement, error) {
	a, err := alterer(c)
	if err != nil {
		return nil, err
	}
	return statements(a.DropCheck(t, o.check()))
}

// Reverse returns a CreateCheck of the Existing constraint.
func (o DropCheck) Reverse() (Operation, error) {
	if o.Existing == nil {
		return nil, irreversibleDrop(o.Name(), "check constraint", o.Constraint, o.Schema, o.Table)
	}
	return CreateCheck{Schema: o.Schema, Table: o.Table, Check: o.check()}, nil
}

// GoSource renders ops.DropCheck{…}.
func (o DropCheck) GoSource() (string, error) {
	return newGoLit("DropCheck").str("Schema", o.Schema).str("Table", o.Table).str("Constraint", o.Constraint).
		expr("Existing", o.Existing.GoSource()).String(), nil
}

// Apply sets the table's primary key; its columns become NOT NULL, as
// they do on every database but SQLite (where a non-INTEGER primary key
// column may hold NULL unless declared NOT NULL).
func (o CreatePrimaryKey) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.PrimaryKey == nil || len(o.PrimaryKey.Columns) == 0 {
		return missing("primary key with its columns", "PrimaryKey")
	}
	if t.PrimaryKey != nil {
		return fmt.Errorf("table %q already has a primary key", t.QualifiedName())
	}
	if err := hasColumns(t, o.PrimaryKey.Columns); err != nil {
		return err
	}
	for _, name := range o.PrimaryKey.Columns {
		col, _ := modelColumn(t, name)
		col.Nullable = false
	}
	pk := *o.PrimaryKey
	pk.Columns = slices.Clone(pk.Columns)
	t.PrimaryKey = &pk
	return nil
}

// Apply removes the table's primary key (its columns stay NOT NULL).
func (o DropPrimaryKey) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if t.PrimaryKey == nil {
		return fmt.Errorf("table %q has no primary key", t.QualifiedName())
	}
	t.PrimaryKey = nil
	return nil
}

// uniqueName, foreignKeyName and checkName name constraints for findNamed.
func uniqueName(u *model.Unique) string          { return u.Name }
func foreignKeyName(fk *model.ForeignKey) string { return fk.Name }
func checkName(ck *model.Check) string           { return ck.Name }

// Apply adds the unique constraint to the table.
func (o CreateUnique) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.Unique == nil || len(o.Unique.Columns) == 0 {
		return missing("unique constraint with its columns", "Unique")
	}
	if err := hasColumns(t, o.Unique.Columns); err != nil {
		return err
	}
	u := *o.Unique
	u.Columns = slices.Clone(u.Columns)
	return addNamed(t, &t.Uniques, uniqueName, "a unique constraint", &u)
}

// Apply removes the unique constraint from the table (or the unique index
// of that name standing for it).
func (o DropUnique) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	u := o.unique()
	if u.Name == "" {
		return missing("constraint name", "Constraint")
	}
	if findNamed(t.Uniques, uniqueName, u.Name) < 0 && slices.ContainsFunc(t.Indexes, func(ix *model.Index) bool { return ix.Unique && ix.Name == u.Name }) {
		// A unique index standing for the constraint (MySQL's are one
		// thing; see DropIndex.Apply).
		return removeNamed(t, &t.Indexes, indexName, "index", u.Name)
	}
	return removeNamed(t, &t.Uniques, uniqueName, "unique constraint", u.Name)
}

// Apply adds the foreign key to the table. The referenced table is not
// looked up: a rebuild's model holds the one table it rebuilds.
func (o CreateForeignKey) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.ForeignKey == nil || len(o.ForeignKey.Columns) == 0 {
		return missing("foreign key with its columns", "ForeignKey")
	}
	if err := hasColumns(t, o.ForeignKey.Columns); err != nil {
		return err
	}
	fk := *o.ForeignKey
	fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
	return addNamed(t, &t.ForeignKeys, foreignKeyName, "a foreign key", &fk)
}

// Apply removes the foreign key from the table.
func (o DropForeignKey) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	fk := o.key()
	if fk.Name == "" {
		return missing("foreign key name", "Constraint")
	}
	return removeNamed(t, &t.ForeignKeys, foreignKeyName, "foreign key", fk.Name)
}

// Apply adds the check constraint to the table (NotValid or not: the
// model does not record whether existing rows were checked).
func (o CreateCheck) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	if o.Check == nil || o.Check.Expr == "" {
		return missing("check constraint with its expression", "Check")
	}
	ck := *o.Check
	return addNamed(t, &t.Checks, checkName, "a check constraint", &ck)
}

// Apply removes the check constraint from the table.
func (o DropCheck) Apply(m *model.MetaData) error {
	t, err := modelTable(m, o.Schema, o.Table)
	if err != nil {
		return err
	}
	ck := o.check()
	if ck.Name == "" {
		return missing("constraint name", "Constraint")
	}
	return removeNamed(t, &t.Checks, checkName, "check constraint", ck.Name)
}
