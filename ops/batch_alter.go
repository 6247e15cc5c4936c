package ops

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// BatchAlterTable groups changes to one table so that, where the database
// must rebuild the table to make them (SQLite), they are made by a single
// move-and-copy rebuild (batch_alter_table, like Alembic's
// `with op.batch_alter_table("t") as batch_op:`).
//
// Ops are the changes, in order: column and constraint operations
// (AddColumn, DropColumn, AlterColumn, CreateUnique, DropCheck, …) and
// index operations. Their Schema and Table may be left empty; they are the
// batch's. Recreate says when the table is rebuilt:
//
//   - RecreateAuto (the zero value): each change is made by ALTER TABLE
//     when the database can make them all so; if any needs a rebuild, the
//     table is rebuilt once with every change.
//   - RecreateAlways: the table is rebuilt with every change.
//   - RecreateNever: each change is made by ALTER TABLE, and one that
//     needs a rebuild is refused.
//
// A rebuild restates the whole table, so it needs the table's current
// definition: CopyFrom when given (required offline, in --sql mode, where
// there is no database to read it from), else the live table.
type BatchAlterTable struct {
	Schema   string
	Table    string
	Recreate BatchMode
	CopyFrom *model.Table
	Ops      []Operation
}

// Name returns "batch_alter_table".
func (b BatchAlterTable) Name() string { return "batch_alter_table" }

// Statements compiles the batch: the operations' own statements, or one
// rebuild of the table carrying them all (see BatchAlterTable).
func (b BatchAlterTable) Statements(ctx context.Context, c *Context) ([]Statement, error) {
	if err := needTable(b.Table); err != nil {
		return nil, err
	}
	if b.CopyFrom != nil && !sameTableName(b.CopyFrom, b.Schema, b.Table) {
		return nil, fmt.Errorf("table %q: CopyFrom describes table %q", b.qualified(), b.CopyFrom.QualifiedName())
	}
	subs, err := b.bound()
	if err != nil {
		return nil, err
	}
	return tableBatch{schema: b.Schema, table: b.Table, mode: b.Recreate, copyFrom: b.CopyFrom, ops: subs}.compile(ctx, c)
}

// qualified names the batch's table for messages.
func (b BatchAlterTable) qualified() string { return qualified(b.Schema, b.Table) }

// Apply applies the batch's operations to its table in m, in order. Each
// must be a SchemaChanger.
func (b BatchAlterTable) Apply(m *model.MetaData) error {
	if _, err := modelTable(m, b.Schema, b.Table); err != nil {
		return err
	}
	subs, err := b.bound()
	if err != nil {
		return err
	}
	for _, op := range subs {
		if err := applyOne(m, op); err != nil {
			return fmt.Errorf("table %q: %w", b.qualified(), err)
		}
	}
	return nil
}

// bound returns the operations with the batch's schema and table filled
// into their Schema and Table fields where empty, refusing an operation
// on another table.
func (b BatchAlterTable) bound() ([]Operation, error) {
	out := make([]Operation, len(b.Ops))
	for i, op := range b.Ops {
		if op == nil {
			return nil, fmt.Errorf("table %q: operation %d is nil", b.qualified(), i)
		}
		bound, err := bindTable(op, b.Schema, b.Table)
		if err != nil {
			return nil, fmt.Errorf("table %q: %s: %w", b.qualified(), op.Name(), err)
		}
		out[i] = bound
	}
	return out, nil
}

// bindTable sets the string fields Schema and Table of an operation
// struct (or pointer to one) where they are empty, on a copy; an
// operation naming another table is refused.
func bindTable(op Operation, schema, table string) (Operation, error) {
	v := reflect.ValueOf(op)
	ptr := v.Kind() == reflect.Pointer
	if ptr {
		if v.IsNil() {
			return nil, fmt.Errorf("the operation is a nil pointer")
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return op, nil
	}
	cp := reflect.New(v.Type()).Elem()
	cp.Set(v)
	for _, f := range []struct{ field, want string }{{"Table", table}, {"Schema", schema}} {
		fv := cp.FieldByName(f.field)
		if !fv.IsValid() || fv.Kind() != reflect.String || !fv.CanSet() {
			continue
		}
		switch got := fv.String(); {
		case got == "":
			fv.SetString(f.want)
		case !strings.EqualFold(got, f.want):
			return nil, fmt.Errorf("it names %s %q, not the batch's %q", strings.ToLower(f.field), got, f.want)
		}
	}
	if ptr {
		return cp.Addr().Interface().(Operation), nil
	}
	return cp.Interface().(Operation), nil
}

// Reverse returns the batch of the operations' inverses, in reverse
// order, on the same table and in the same mode. With CopyFrom, the
// inverse's CopyFrom is the table as the batch leaves it, and the state an
// inverse needs that its operation does not carry (the column a DropColumn
// drops, the definition an AlterColumn changes, …) is taken from the table
// as the operations before it leave it (see ReverseFrom). No dialect is
// involved: the operations apply themselves to the table's definition.
func (b BatchAlterTable) Reverse() (Operation, error) {
	rev := BatchAlterTable{Schema: b.Schema, Table: b.Table, Recreate: b.Recreate}
	for i, op := range b.Ops {
		if op == nil {
			return nil, &IrreversibleError{Op: b.Name(), Reason: fmt.Sprintf("operation %d is nil", i)}
		}
	}
	if b.CopyFrom == nil {
		for i := len(b.Ops) - 1; i >= 0; i-- {
			r, err := b.Ops[i].Reverse()
			if err != nil {
				return nil, err
			}
			rev.Ops = append(rev.Ops, r)
		}
		return rev, nil
	}
	subs, err := b.bound()
	if err != nil {
		return nil, &IrreversibleError{Op: b.Name(), Reason: err.Error()}
	}
	base := b.CopyFrom.Clone()
	base.Schema, base.Name = b.Schema, b.Table
	m := &model.MetaData{Tables: []*model.Table{base}}
	inverses := make([]Operation, len(subs))
	for i, op := range subs {
		if inverses[i], err = ReverseFrom(m, op); err != nil {
			return nil, err
		}
		if err := applyOne(m, op); err != nil {
			return nil, &IrreversibleError{Op: b.Name(), Reason: "the table after the batch, the inverse's CopyFrom, cannot be worked out: " + err.Error()}
		}
	}
	slices.Reverse(inverses)
	rev.Ops = inverses
	i := tableIndex(m, b.Schema, b.Table)
	if i < 0 {
		return nil, &IrreversibleError{Op: b.Name(), Reason: fmt.Sprintf("table %q is gone after the batch", b.qualified())}
	}
	rev.CopyFrom = m.Tables[i]
	return rev, nil
}

// GoSource renders ops.BatchAlterTable{…} with its operations, one a line.
func (b BatchAlterTable) GoSource() (string, error) {
	l := newGoLit("BatchAlterTable").str("Schema", b.Schema).str("Table", b.Table)
	if b.Recreate != RecreateAuto {
		src, err := b.Recreate.goSource()
		if err != nil {
			return "", err
		}
		l.expr("Recreate", src)
	}
	if b.CopyFrom != nil {
		l.expr("CopyFrom", b.CopyFrom.GoSource())
	}
	if len(b.Ops) > 0 {
		var sb strings.Builder
		sb.WriteString("[]ops.Operation{\n")
		for i, op := range b.Ops {
			if op == nil {
				return "", fmt.Errorf("ops: batch_alter_table %q: operation %d is nil", b.qualified(), i)
			}
			src, err := op.GoSource()
			if err != nil {
				return "", fmt.Errorf("ops: batch_alter_table %q: %s: %w", b.qualified(), op.Name(), err)
			}
			sb.WriteString(src)
			sb.WriteString(",\n")
		}
		sb.WriteString("}")
		l.expr("Ops", sb.String())
	}
	return l.String(), nil
}

// Rebuilds reports whether b, compiled for the database of c, rebuilds its
// table by move and copy (SQLite's batch) rather than altering it in
// place. The table before the batch is CopyFrom, else c.LiveTable's
// answer; lint gives the model of the schema the revision sees there.
func (b BatchAlterTable) Rebuilds(ctx context.Context, c *Context) (bool, error) {
	rb, ok := c.Dialect.(dialect.Rebuilder)
	if !ok {
		return false, nil
	}
	subs, err := b.bound()
	if err != nil {
		return false, err
	}
	tb := tableBatch{schema: b.Schema, table: b.Table, mode: b.Recreate, copyFrom: b.CopyFrom, ops: subs}
	switch b.Recreate {
	case RecreateAlways:
		return true, nil
	case RecreateNever:
		return false, nil
	}
	before, err := tb.source(ctx, c, false)
	if err != nil {
		return false, err
	}
	_, why, err := tb.inPlace(ctx, c, rb, before)
	return why != nil, err
}
