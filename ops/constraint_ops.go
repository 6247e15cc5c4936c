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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.PrimaryKey == nil || len(o.PrimaryKey.Columns) == 0 {
		return nil, missing("primary key with its columns", "PrimaryKey")
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().AddConstraint, func(a dialect.Alterer) ([]string, error) {
		return a.AddPrimaryKey(alterTarget(ctx, c, o.Schema, o.Table), o.PrimaryKey)
	}, func(t *model.Table) error {
		if t.PrimaryKey != nil {
			return fmt.Errorf("table %q already has a primary key", t.QualifiedName())
		}
		pk := *o.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		t.PrimaryKey = &pk
		return nil
	})
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().DropConstraint, func(a dialect.Alterer) ([]string, error) {
		return a.DropPrimaryKey(alterTarget(ctx, c, o.Schema, o.Table), o.key())
	}, func(t *model.Table) error {
		if t.PrimaryKey == nil {
			return fmt.Errorf("table %q has no primary key", t.QualifiedName())
		}
		t.PrimaryKey = nil
		return nil
	})
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.Unique == nil || len(o.Unique.Columns) == 0 {
		return nil, missing("unique constraint with its columns", "Unique")
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().AddConstraint, func(a dialect.Alterer) ([]string, error) {
		return a.AddUnique(alterTarget(ctx, c, o.Schema, o.Table), o.Unique)
	}, func(t *model.Table) error {
		u := *o.Unique
		u.Columns = slices.Clone(u.Columns)
		t.Uniques = append(t.Uniques, &u)
		return nil
	})
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	u := o.unique()
	if u.Name == "" {
		return nil, missing("constraint name", "Constraint")
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().DropConstraint, func(a dialect.Alterer) ([]string, error) {
		return a.DropUnique(alterTarget(ctx, c, o.Schema, o.Table), u)
	}, func(t *model.Table) error {
		n := len(t.Uniques)
		t.Uniques = slices.DeleteFunc(t.Uniques, func(x *model.Unique) bool { return x.Name == u.Name })
		if len(t.Uniques) == n {
			return fmt.Errorf("table %q has no unique constraint %q", t.QualifiedName(), u.Name)
		}
		return nil
	})
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	fk := o.ForeignKey
	switch {
	case fk == nil || len(fk.Columns) == 0:
		return nil, missing("foreign key with its columns", "ForeignKey")
	case fk.RefTable == "":
		return nil, missing("referenced table", "ForeignKey.RefTable")
	case len(fk.RefColumns) != len(fk.Columns):
		return nil, fmt.Errorf("foreign key %q has %d columns but references %d", fk.Name, len(fk.Columns), len(fk.RefColumns))
	case !fk.OnDelete.Valid() || !fk.OnUpdate.Valid():
		return nil, fmt.Errorf("foreign key %q has an unknown referential action (use NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT)", fk.Name)
	case fk.InitiallyDeferred && !fk.Deferrable:
		return nil, fmt.Errorf("foreign key %q is initially deferred but not deferrable", fk.Name)
	}
	return dialectOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().AddConstraint, func(d dialect.Dialect) ([]string, error) {
		return d.AddForeignKey(alterTarget(ctx, c, o.Schema, o.Table), fk)
	}, func(t *model.Table) error {
		x := *fk
		x.Columns, x.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		t.ForeignKeys = append(t.ForeignKeys, &x)
		return nil
	})
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	fk := o.key()
	if fk.Name == "" {
		return nil, missing("foreign key name", "Constraint")
	}
	return dialectOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().DropConstraint, func(d dialect.Dialect) ([]string, error) {
		return d.DropForeignKey(alterTarget(ctx, c, o.Schema, o.Table), fk)
	}, func(t *model.Table) error {
		n := len(t.ForeignKeys)
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(x *model.ForeignKey) bool { return x.Name == fk.Name })
		if len(t.ForeignKeys) == n {
			return fmt.Errorf("table %q has no foreign key %q", t.QualifiedName(), fk.Name)
		}
		return nil
	})
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
		expr("Existing", o.Existing.GoSource()).String(), nil
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	if o.Check == nil || o.Check.Expr == "" {
		return nil, missing("check constraint with its expression", "Check")
	}
	t := alterTarget(ctx, c, o.Schema, o.Table)
	if o.NotValid {
		nv, ok := c.Dialect.(dialect.NotValidChecker)
		if !ok {
			return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("check constraint %q on table %q", o.Check.Name, t.QualifiedName()),
				"NOT VALID", "drop NotValid; the database checks the existing rows when the constraint is added")
		}
		return statements(nv.AddCheckNotValid(t, o.Check))
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().AddConstraint, func(a dialect.Alterer) ([]string, error) {
		return a.AddCheck(t, o.Check)
	}, func(t *model.Table) error {
		ck := *o.Check
		t.Checks = append(t.Checks, &ck)
		return nil
	})
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
	if err := needTable(o.Table); err != nil {
		return nil, err
	}
	ck := o.check()
	if ck.Name == "" {
		return nil, missing("constraint name", "Constraint")
	}
	return alterOrRebuild(ctx, c, o.Schema, o.Table, c.Dialect.Capabilities().DropConstraint, func(a dialect.Alterer) ([]string, error) {
		return a.DropCheck(alterTarget(ctx, c, o.Schema, o.Table), ck)
	}, func(t *model.Table) error {
		n := len(t.Checks)
		t.Checks = slices.DeleteFunc(t.Checks, func(x *model.Check) bool { return x.Name == ck.Name })
		if len(t.Checks) == n {
			return fmt.Errorf("table %q has no check constraint %q", t.QualifiedName(), ck.Name)
		}
		return nil
	})
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
