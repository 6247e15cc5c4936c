package ops

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// tableAlteration is a built-in operation that changes one existing table
// with ALTER TABLE. On a dialect.Rebuilder (SQLite) the dialect first says
// whether its ALTER makes the change in place; when it cannot, the table is
// rebuilt with the operation applied to its definition (see tableBatch).
type tableAlteration interface {
	Operation
	SchemaChanger
	// validate checks the operation's fields, and refuses what the
	// database of c cannot make either way.
	validate(c *Context) error
	// change describes the operation as a change to t, the table before it.
	change(ctx context.Context, c *Context, t *model.Table) (dialect.TableChange, error)
	// alter compiles the operation with the dialect's ALTER TABLE. t is the
	// table before the operation: on a Rebuilder its whole definition when
	// known, else only its schema and name.
	alter(ctx context.Context, c *Context, t *model.Table) ([]Statement, error)
}

var (
	_ tableAlteration = RenameTable{}
	_ tableAlteration = SetTableComment{}
	_ tableAlteration = AddColumn{}
	_ tableAlteration = DropColumn{}
	_ tableAlteration = AlterColumn{}
	_ tableAlteration = SetColumnComment{}
	_ tableAlteration = CreatePrimaryKey{}
	_ tableAlteration = DropPrimaryKey{}
	_ tableAlteration = CreateUnique{}
	_ tableAlteration = DropUnique{}
	_ tableAlteration = CreateForeignKey{}
	_ tableAlteration = DropForeignKey{}
	_ tableAlteration = CreateCheck{}
	_ tableAlteration = DropCheck{}
	_ rebuildRefuser  = AlterColumn{}
)

// rebuildRefuser is implemented by operations that can make some changes
// by ALTER but not by a rebuild (an AlterColumn with a USING conversion).
type rebuildRefuser interface {
	refuseRebuild() error
}

// alterTable compiles a table alteration made outside a batch: by ALTER,
// or where the database's ALTER cannot make it, by a rebuild of the table
// (the operation's own fallback, as a batch of one in RecreateAuto mode).
func alterTable(ctx context.Context, c *Context, schema, table string, op tableAlteration) ([]Statement, error) {
	if err := needTable(table); err != nil {
		return nil, err
	}
	return tableBatch{schema: schema, table: table, mode: RecreateAuto, ops: []Operation{op}, standalone: true}.compile(ctx, c)
}

// tableBatch compiles changes to one table: each by ALTER when the
// database can make them all so, else by one rebuild computed from the
// table before and after them. Both BatchAlterTable and the table
// alterations outside a batch compile through it.
type tableBatch struct {
	schema, table string
	mode          BatchMode
	// copyFrom is the table before the changes, instead of the live one.
	copyFrom *model.Table
	// ops are bound to the table (see BatchAlterTable.bound).
	ops []Operation
	// standalone: one operation outside a batch, whose errors need no
	// batch context.
	standalone bool
}

// qualified names the table for messages.
func (b tableBatch) qualified() string { return qualified(b.schema, b.table) }

// compile returns the batch's statements.
func (b tableBatch) compile(ctx context.Context, c *Context) ([]Statement, error) {
	rb, rebuilds := c.Dialect.(dialect.Rebuilder)
	switch b.mode {
	case RecreateAlways:
		if !rebuilds {
			return nil, dialect.Unsupported(c.Dialect.Name(), fmt.Sprintf("table %q", b.qualified()), "a batch (move and copy) rebuild",
				"the database's own ALTER TABLE makes such changes")
		}
		return b.rebuild(ctx, c, rb)
	case RecreateAuto, RecreateNever:
	default:
		return nil, fmt.Errorf("table %q: unknown Recreate mode %d", b.qualified(), int(b.mode))
	}
	var before *model.Table
	if b.copyFrom != nil || rebuilds {
		var err error
		if before, err = b.source(ctx, c, false); err != nil {
			return nil, err
		}
	}
	stmts, why, err := b.inPlace(ctx, c, rb, before)
	switch {
	case err != nil:
		return nil, err
	case why == nil:
		return stmts, nil
	case b.mode == RecreateNever:
		return nil, fmt.Errorf("batch: table %q: the change needs a batch (move and copy) rebuild, which RecreateNever forbids: %w", b.qualified(), why)
	}
	stmts, err = b.rebuild(ctx, c, rb)
	if err != nil {
		return nil, fmt.Errorf("%w; rebuilding the table instead: %w", why, err)
	}
	return stmts, nil
}

// inPlace compiles each operation by itself, following the table through
// them when its definition is known (before). It stops with why, the
// dialect's reason, at the first change the database's ALTER cannot make.
func (b tableBatch) inPlace(ctx context.Context, c *Context, rb dialect.Rebuilder, before *model.Table) (stmts []Statement, why, err error) {
	var m *model.MetaData
	if before != nil {
		m = &model.MetaData{Tables: []*model.Table{before.Clone()}}
	}
	for _, op := range b.ops {
		cur := b.current(m)
		cc := b.context(c, cur)
		var s []Statement
		if ta, ok := op.(tableAlteration); ok {
			if err := ta.validate(cc); err != nil {
				return nil, nil, b.opError(op, err)
			}
			target := tableRef(b.schema, b.table)
			if rb != nil {
				if cur != nil {
					target = cur.Clone()
				}
				ch, err := ta.change(ctx, cc, target)
				if err != nil {
					return nil, nil, b.opError(op, err)
				}
				if err := rb.AlterInPlace(ch); err != nil {
					var ue *dialect.UnsupportedError
					if !errors.As(err, &ue) {
						return nil, nil, b.opError(op, err)
					}
					return nil, b.opError(op, err), nil
				}
			}
			s, err = ta.alter(ctx, cc, target)
		} else {
			s, err = op.Statements(ctx, cc)
		}
		if err != nil {
			return nil, nil, b.opError(op, err)
		}
		stmts = append(stmts, s...)
		if m == nil {
			continue
		}
		if _, ok := op.(SchemaChanger); !ok {
			m = nil // what follows sees only the table's name
			continue
		}
		if err := applyOne(m, op); err != nil {
			return nil, nil, b.wrap(err)
		}
	}
	return stmts, nil, nil
}

// current returns the batch's table in m, or nil when m is unknown or no
// longer holds it (renamed, dropped).
func (b tableBatch) current(m *model.MetaData) *model.Table {
	if m == nil {
		return nil
	}
	if i := tableIndex(m, b.schema, b.table); i >= 0 {
		return m.Tables[i]
	}
	return nil
}

// context returns c with a LiveTable answering for the batch's table with
// cur, the table as the earlier operations left it (when known): an
// AlterColumn without Existing reads its column there, also offline.
func (b tableBatch) context(c *Context, cur *model.Table) *Context {
	if cur == nil {
		return c
	}
	live := c.LiveTable
	cc := *c
	cc.LiveTable = func(ctx context.Context, schema, name string) (*model.Table, error) {
		if strings.EqualFold(name, b.table) && strings.EqualFold(schema, b.schema) {
			return cur.Clone(), nil
		}
		if live == nil {
			return nil, nil
		}
		return live(ctx, schema, name)
	}
	return &cc
}

// rebuild compiles one move-and-copy rebuild of the table: the plan is
// worked out from the table before the operations and after them, each
// applied to its definition (see planRebuild), and the dialect writes it.
func (b tableBatch) rebuild(ctx context.Context, c *Context, rb dialect.Rebuilder) ([]Statement, error) {
	for _, op := range b.ops {
		if ta, ok := op.(tableAlteration); ok {
			if err := ta.validate(c); err != nil {
				return nil, b.opError(op, err)
			}
		}
		if r, ok := op.(rebuildRefuser); ok {
			if err := r.refuseRebuild(); err != nil {
				return nil, b.opError(op, err)
			}
		}
		if _, ok := op.(SchemaChanger); !ok {
			return nil, b.opError(op, errors.New("it cannot be part of a table rebuild: it has no Apply method (see ops.SchemaChanger); run it before or after the batch"))
		}
	}
	before, err := b.source(ctx, c, true)
	if err != nil {
		return nil, err
	}
	plan, err := planRebuild(c.Dialect, before, b.applyTo)
	if err != nil {
		return nil, fmt.Errorf("batch: table %q: %w", b.qualified(), err)
	}
	sqls, err := rb.RebuildTable(plan)
	if err != nil {
		return nil, fmt.Errorf("batch: table %q: %w", b.qualified(), err)
	}
	return statements(sqls, nil)
}

// applyTo applies the operations to t, the table's definition, in place.
// An operation that removes or renames the table cannot be part of a
// rebuild.
func (b tableBatch) applyTo(t *model.Table) error {
	m := &model.MetaData{Tables: []*model.Table{t}}
	for _, op := range b.ops {
		if err := op.(SchemaChanger).Apply(m); err != nil {
			return b.opError(op, err)
		}
		if len(m.Tables) != 1 || m.Tables[0] != t || !sameTableName(t, b.schema, b.table) {
			return b.opError(op, errors.New("it cannot be part of a table rebuild, which keeps the table and its name; run it before or after the batch"))
		}
	}
	return nil
}

// source returns the definition the changes start from: copyFrom when
// given, else the live table. When must is false, no definition at hand
// (offline, or a table the database does not have) is nil, not an error.
func (b tableBatch) source(ctx context.Context, c *Context, must bool) (*model.Table, error) {
	table := b.qualified()
	if b.copyFrom != nil {
		if !sameTableName(b.copyFrom, b.schema, b.table) {
			return nil, fmt.Errorf("batch: table %q: CopyFrom describes table %q", table, b.copyFrom.QualifiedName())
		}
		t := b.copyFrom.Clone()
		t.Schema, t.Name = b.schema, b.table
		return t, nil
	}
	if c.LiveTable == nil {
		if !must {
			return nil, nil
		}
		return nil, fmt.Errorf("batch: table %q must be rebuilt (move and copy), which restates the whole table, "+
			"and offline (--sql) there is no database to read its definition from; wrap the change in "+
			"ops.BatchAlterTable{Table: %q, CopyFrom: &model.Table{…}, Ops: …} giving the table as it is before the change", table, b.table)
	}
	t, err := c.LiveTable(ctx, b.schema, b.table)
	switch {
	case err != nil && must:
		return nil, fmt.Errorf("batch: reading table %q: %w", table, err)
	case err != nil:
		// ALTER goes ahead with the table's name only; the database
		// reports what is wrong.
		return nil, nil
	case t == nil && must:
		return nil, fmt.Errorf("batch: table %q does not exist", table)
	case t == nil:
		return nil, nil
	}
	t = t.Clone()
	t.Schema, t.Name = b.schema, b.table
	return t, nil
}

// opError names the operation (and, in a batch, the table) in an error.
func (b tableBatch) opError(op Operation, err error) error {
	if b.standalone {
		return err
	}
	return &batchOpError{table: b.qualified(), op: op, err: err}
}

// wrap adds the table to an error of a batch.
func (b tableBatch) wrap(err error) error {
	if b.standalone {
		return err
	}
	return fmt.Errorf("table %q: %w", b.qualified(), err)
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
