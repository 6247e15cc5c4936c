package ops

import (
	"context"
	"errors"
	"fmt"
	"reflect"
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
	c = b.context(c)
	// ALTER compiles with the whole table at hand (see probeDialect).
	alter := c
	if b.Recreate != RecreateAlways {
		alter = &Context{Dialect: newProbeDialect(ctx, c, b.CopyFrom, b.Schema, b.Table), LiveTable: c.LiveTable, InTransaction: c.InTransaction}
	}
	switch b.Recreate {
	case RecreateNever:
		return b.each(withBatch(ctx, batchScope{mode: RecreateNever}), alter, subs)
	case RecreateAuto:
		if _, ok := c.Dialect.(dialect.Rebuilder); !ok {
			return b.each(ctx, alter, subs)
		}
		stmts, err := b.each(withBatch(ctx, batchScope{mode: RecreateAuto, probe: true}), alter, subs)
		if err == nil {
			return stmts, nil
		}
		if !errors.Is(err, errNeedsRebuild) {
			// A refusal by the dialect that the operation did not turn
			// into a rebuild itself: rebuild when every operation can
			// take part, else report the refusal.
			var ue *dialect.UnsupportedError
			if !errors.As(err, &ue) {
				return nil, err
			}
			if _, merr := b.mutator(ctx, c, subs); merr != nil {
				return nil, err
			}
		}
	case RecreateAlways:
	default:
		return nil, fmt.Errorf("table %q: unknown Recreate mode %d", b.qualified(), int(b.Recreate))
	}
	return b.rebuild(ctx, c, subs)
}

// context returns c with a LiveTable that answers for the batch's table
// with CopyFrom, when given: operations reading the table's current
// definition (an AlterColumn without Existing) see the one the batch
// rebuilds from, also offline.
func (b BatchAlterTable) context(c *Context) *Context {
	if b.CopyFrom == nil {
		return c
	}
	live := c.LiveTable
	cc := *c
	cc.LiveTable = func(ctx context.Context, schema, name string) (*model.Table, error) {
		if strings.EqualFold(name, b.Table) && strings.EqualFold(schema, b.Schema) {
			t := b.CopyFrom.Clone()
			t.Schema, t.Name = b.Schema, b.Table
			return t, nil
		}
		if live == nil {
			return nil, nil
		}
		return live(ctx, schema, name)
	}
	return &cc
}

// qualified names the batch's table for messages.
func (b BatchAlterTable) qualified() string { return qualified(b.Schema, b.Table) }

// each compiles the operations one after the other.
func (b BatchAlterTable) each(ctx context.Context, c *Context, subs []Operation) ([]Statement, error) {
	var out []Statement
	for _, op := range subs {
		stmts, err := op.Statements(ctx, c)
		if err != nil {
			return nil, &batchOpError{table: b.qualified(), op: op, err: err}
		}
		out = append(out, stmts...)
	}
	return out, nil
}

// batchOpError is an operation of a batch that failed to compile.
type batchOpError struct {
	table string
	op    Operation
	err   error
}

func (e *batchOpError) Error() string {
	return fmt.Sprintf("table %q: %s: %v", e.table, e.op.Name(), e.err)
}

func (e *batchOpError) Unwrap() error { return e.err }

// rebuild compiles one rebuild of the table with every operation applied
// to its definition.
func (b BatchAlterTable) rebuild(ctx context.Context, c *Context, subs []Operation) ([]Statement, error) {
	mutate, err := b.mutator(ctx, c, subs)
	if err != nil {
		return nil, err
	}
	return rebuildTable(withBatch(ctx, batchScope{mode: RecreateAlways, copyFrom: b.CopyFrom}), c, b.Schema, b.Table, mutate)
}

// mutator returns the function applying every operation to the table's
// definition, in order.
func (b BatchAlterTable) mutator(ctx context.Context, c *Context, subs []Operation) (func(t *model.Table) error, error) {
	steps := make([]func(t *model.Table) error, len(subs))
	for i, op := range subs {
		f, err := mutation(ctx, c, op)
		if err != nil {
			return nil, &batchOpError{table: b.qualified(), op: op, err: err}
		}
		steps[i] = f
	}
	return func(t *model.Table) error {
		for i, f := range steps {
			if err := f(t); err != nil {
				return fmt.Errorf("%s: %w", subs[i].Name(), err)
			}
		}
		return nil
	}, nil
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
// inverse's CopyFrom is the table as the batch leaves it.
func (b BatchAlterTable) Reverse() (Operation, error) {
	rev := BatchAlterTable{Schema: b.Schema, Table: b.Table, Recreate: b.Recreate}
	for i := len(b.Ops) - 1; i >= 0; i-- {
		if b.Ops[i] == nil {
			return nil, &IrreversibleError{Op: b.Name(), Reason: fmt.Sprintf("operation %d is nil", i)}
		}
		r, err := b.Ops[i].Reverse()
		if err != nil {
			return nil, err
		}
		rev.Ops = append(rev.Ops, r)
	}
	if b.CopyFrom != nil {
		after, err := b.after()
		if err != nil {
			return nil, &IrreversibleError{Op: b.Name(), Reason: "the table after the batch, the inverse's CopyFrom, cannot be worked out: " + err.Error()}
		}
		rev.CopyFrom = after
	}
	return rev, nil
}

// after applies the batch to CopyFrom: the table as the batch leaves it.
func (b BatchAlterTable) after() (*model.Table, error) {
	subs, err := b.bound()
	if err != nil {
		return nil, err
	}
	base := b.CopyFrom.Clone()
	base.Schema, base.Name = b.Schema, b.Table
	// Working out the changes needs a dialect; rebuilds, which CopyFrom
	// serves, are SQLite's.
	c := &Context{Dialect: dialect.SQLite()}
	mutate, err := b.mutator(context.Background(), c, subs)
	if err != nil {
		return nil, err
	}
	plan, err := planRebuild(nil, base, mutate, false)
	if err != nil {
		return nil, err
	}
	return plan.To, nil
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
