package lint

import (
	"context"
	"fmt"
	"reflect"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
	"github.com/migratego/migrate/ops"
)

// opChanges reads an operation into the changes it makes. m is the schema
// before it (nil when unknown): it gives the column an AlterColumn
// without Existing changes, and the table a SQLite batch starts from.
func opChanges(ctx context.Context, d dialect.Dialect, op ops.Operation, m *model.MetaData) []Change {
	op = deref(op)
	var out []Change
	if schema, table, ok := alteredTable(op); ok {
		if rb := rebuildChange(ctx, d, ops.BatchAlterTable{Schema: schema, Table: table, Ops: []ops.Operation{op}}, m); rb != nil {
			out = append(out, *rb)
		}
	}
	return append(out, opOwnChanges(ctx, d, op, m)...)
}

// opOwnChanges reads an operation into changes, without the rebuild it
// may cause.
func opOwnChanges(ctx context.Context, d dialect.Dialect, op ops.Operation, m *model.MetaData) []Change {
	op = deref(op)
	what := op.Name()
	one := func(c Change) []Change {
		c.What = what
		if c.Kind != KindData && c.Kind != KindUnclassified {
			c.DDL = true
		}
		return []Change{c}
	}
	switch o := op.(type) {
	case ops.CreateTable:
		if o.Table == nil {
			return one(Change{Kind: KindUnclassified, Reason: "create_table without a table"})
		}
		return one(Change{Kind: KindCreateTable, Schema: o.Table.Schema, Table: o.Table.Name})
	case ops.DropTable:
		return one(Change{Kind: KindDropTable, Schema: o.Schema, Table: o.Table})
	case ops.RenameTable:
		return one(Change{Kind: KindRenameTable, Schema: o.Schema, Table: o.Table, NewName: o.NewName})
	case ops.AddColumn:
		if o.Column == nil {
			return one(Change{Kind: KindUnclassified, Reason: "add_column without a column"})
		}
		col := o.Column
		c := Change{Kind: KindAddColumn, Schema: o.Schema, Table: o.Table, Column: col.Name, Type: &col.Type,
			NotNull: !col.Nullable, Unique: false,
			Serial: col.AutoIncrement || col.Identity != nil || col.Generated != nil && col.Generated.Stored}
		c.HasDefault = col.Default != nil || c.Serial || col.Generated != nil
		if col.Default != nil {
			c.DefaultExpr = col.Default.Expr
		}
		return one(c)
	case ops.DropColumn:
		return one(Change{Kind: KindDropColumn, Schema: o.Schema, Table: o.Table, Column: o.Column})
	case ops.AlterColumn:
		return alterColumnChanges(d, o, m)
	case ops.CreateIndex:
		if o.Index == nil {
			return one(Change{Kind: KindUnclassified, Reason: "create_index without an index"})
		}
		return one(Change{Kind: KindCreateIndex, Schema: o.Schema, Table: o.Table, Constraint: o.Index.Name, Unique: o.Index.Unique, Concurrently: o.Concurrently})
	case ops.DropIndex:
		return one(Change{Kind: KindDropIndex, Schema: o.Schema, Table: o.Table, Constraint: o.Index, Concurrently: o.Concurrently})
	case ops.CreateUnique:
		return one(Change{Kind: KindAddUnique, Schema: o.Schema, Table: o.Table})
	case ops.CreatePrimaryKey:
		return one(Change{Kind: KindAddPrimaryKey, Schema: o.Schema, Table: o.Table})
	case ops.DropPrimaryKey:
		return one(Change{Kind: KindTableCopy, Schema: o.Schema, Table: o.Table, Reason: "drops the primary key"})
	case ops.CreateForeignKey:
		if o.ForeignKey == nil {
			return one(Change{Kind: KindUnclassified, Reason: "create_foreign_key without a foreign key"})
		}
		return one(Change{Kind: KindAddForeignKey, Schema: o.Schema, Table: o.Table, Constraint: o.ForeignKey.Name, NotValid: o.ForeignKey.NotValid})
	case ops.CreateCheck:
		if o.Check == nil {
			return one(Change{Kind: KindUnclassified, Reason: "create_check without a check"})
		}
		c := Change{Kind: KindAddCheck, Schema: o.Schema, Table: o.Table, Constraint: o.Check.Name, NotValid: o.NotValid}
		if toks, ok := dialect.Tokens(d, "("+o.Check.Expr+")"); ok {
			c.CheckNotNull = checkNotNullColumn(toks)
		}
		return one(c)
	case ops.BatchAlterTable:
		return batchChanges(ctx, d, o, m)
	case ops.Execute:
		return Classify(d, o.SQL, 0)
	case ops.BulkInsert:
		return one(Change{Kind: KindData})
	case ops.DropUnique, ops.DropForeignKey, ops.DropCheck, ops.DropExclusion, ops.SetTableComment, ops.SetColumnComment,
		ops.CreateEnum, ops.DropEnum, ops.AddEnumValue, ops.RenameEnumValue, ops.CreateSequence, ops.DropSequence,
		ops.AlterSequence, ops.CreateView, ops.DropView, ops.ReplaceView:
		return one(Change{Kind: KindOther})
	}
	return one(Change{Kind: KindUnclassified, Reason: fmt.Sprintf("lint does not know the operation %s (%T)", op.Name(), op)})
}

// alterColumnChanges reads an AlterColumn: a rename, a type change, NOT
// NULL, each when the column before is known.
func alterColumnChanges(d dialect.Dialect, o ops.AlterColumn, m *model.MetaData) []Change {
	base := Change{Schema: o.Schema, Table: o.Table, Column: o.Column, What: o.Name(), DDL: true}
	if o.New == nil {
		base.Kind, base.Reason, base.DDL = KindUnclassified, "alter_column without New", false
		return []Change{base}
	}
	from := o.Existing
	if from == nil {
		from = modelColumn(m, o.Schema, o.Table, o.Column)
	}
	var out []Change
	if o.New.Name != "" && o.New.Name != o.Column {
		c := base
		c.Kind, c.NewName = KindRenameColumn, o.New.Name
		out = append(out, c)
	}
	if from == nil {
		c := base
		c.Kind, c.Type = KindAlterType, &o.New.Type
		c.Reason = "the column's definition before is unknown to lint (no Existing, and the schema is unknown here)"
		return append(out, c)
	}
	if !sameType(d, from.Type, o.New.Type) {
		c := base
		c.Kind, c.From, c.Type = KindAlterType, &from.Type, &o.New.Type
		out = append(out, c)
	}
	if from.Nullable && !o.New.Nullable {
		c := base
		c.Kind = KindSetNotNull
		out = append(out, c)
	}
	if len(out) == 0 {
		base.Kind = KindOther
		out = append(out, base)
	}
	return out
}

// batchChanges reads a BatchAlterTable: the rebuild, when the database
// rebuilds the table for it, then its operations' own changes.
func batchChanges(ctx context.Context, d dialect.Dialect, b ops.BatchAlterTable, m *model.MetaData) []Change {
	var out []Change
	if rb := rebuildChange(ctx, d, b, m); rb != nil {
		out = append(out, *rb)
	}
	for _, sub := range b.Ops {
		if sub == nil {
			continue
		}
		for _, c := range opOwnChanges(ctx, d, sub, m) {
			if c.Table == "" {
				c.Schema, c.Table = b.Schema, b.Table
			}
			out = append(out, c)
		}
	}
	return out
}

// rebuildChange returns the rebuild change of a batch when the database
// of d rebuilds the table for it, else nil.
func rebuildChange(ctx context.Context, d dialect.Dialect, b ops.BatchAlterTable, m *model.MetaData) *Change {
	if _, ok := d.(dialect.Rebuilder); !ok {
		return nil
	}
	c := &ops.Context{Dialect: d}
	if m != nil {
		c.LiveTable = func(_ context.Context, schema, name string) (*model.Table, error) {
			return modelTable(m, schema, name), nil
		}
	}
	rebuilds, err := b.Rebuilds(ctx, c)
	if err != nil || !rebuilds {
		return nil
	}
	return &Change{Kind: KindRebuild, Schema: b.Schema, Table: b.Table, What: b.Name(), DDL: true}
}

// alteredTable returns the table of a single table alteration outside a
// batch (the operations a SQLite database may rebuild a table for).
func alteredTable(op ops.Operation) (schema, table string, ok bool) {
	switch op.(type) {
	case ops.AddColumn, ops.DropColumn, ops.AlterColumn, ops.CreatePrimaryKey, ops.DropPrimaryKey,
		ops.CreateUnique, ops.DropUnique, ops.CreateForeignKey, ops.DropForeignKey, ops.CreateCheck, ops.DropCheck:
	default:
		return "", "", false
	}
	v := reflect.ValueOf(op)
	return v.FieldByName("Schema").String(), v.FieldByName("Table").String(), true
}

// modelTable returns the table of m, or nil.
func modelTable(m *model.MetaData, schema, name string) *model.Table {
	if m == nil {
		return nil
	}
	for _, t := range m.Tables {
		if tableKey(t.Schema, t.Name) == tableKey(schema, name) {
			return t
		}
	}
	return nil
}

// modelColumn returns the column of a table of m, or nil.
func modelColumn(m *model.MetaData, schema, table, column string) *model.Column {
	t := modelTable(m, schema, table)
	if t == nil {
		return nil
	}
	for _, c := range t.Columns {
		if c.Name == column {
			return c
		}
	}
	return nil
}

// sameType reports whether two types are spelt the same by the database.
func sameType(d dialect.Dialect, a, b model.Type) bool {
	ra, errA := d.RenderType(a)
	rb, errB := d.RenderType(b)
	if errA != nil || errB != nil {
		return reflect.DeepEqual(a, b)
	}
	return ra == rb
}

// widens reports whether a type change keeps every value's storage, so
// that PostgreSQL changes only the catalog: a longer (or unlimited)
// varchar, varchar to text, text to unlimited varchar, numeric to a
// larger (or unlimited) precision of the same scale.
func widens(from, to model.Type) bool {
	switch {
	case from.Kind == model.KindVarchar && to.Kind == model.KindVarchar:
		return to.Length == 0 || from.Length > 0 && to.Length >= from.Length
	case from.Kind == model.KindVarchar && to.Kind == model.KindText:
		return true
	case from.Kind == model.KindText && to.Kind == model.KindVarchar:
		return to.Length == 0
	case from.Kind == model.KindNumeric && to.Kind == model.KindNumeric:
		return to.Precision == 0 || from.Precision > 0 && to.Precision >= from.Precision && to.Scale == from.Scale
	}
	return reflect.DeepEqual(from, to)
}

// deref returns the operation a pointer points to, so that &ops.AddColumn{}
// reads like ops.AddColumn{}.
func deref(op ops.Operation) ops.Operation {
	v := reflect.ValueOf(op)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return op
	}
	if o, ok := v.Elem().Interface().(ops.Operation); ok {
		return o
	}
	return op
}
