package ops_test

import (
	"context"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/ops"
)

// CreateTouchTrigger is a custom operation: a trigger that sets a
// timestamp column to the current time whenever its row is updated.
type CreateTouchTrigger struct {
	Table  string
	Column string
}

// Name returns "create_touch_trigger".
func (o CreateTouchTrigger) Name() string { return "create_touch_trigger" }

// Statements gives the trigger in each database's own SQL.
func (o CreateTouchTrigger) Statements(ctx context.Context, c *ops.Context) ([]ops.Statement, error) {
	n, err := touchNames(c.Dialect, o.Table, o.Column)
	if err != nil {
		return nil, err
	}
	return ops.PerDialect{
		"postgres": ops.SQL(
			"CREATE FUNCTION "+n.fn+"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."+n.col+" := now(); RETURN NEW; END $$",
			"CREATE TRIGGER "+n.trg+" BEFORE UPDATE ON "+n.tbl+" FOR EACH ROW EXECUTE FUNCTION "+n.fn+"()"),
		"mysql": ops.SQL("CREATE TRIGGER " + n.trg + " BEFORE UPDATE ON " + n.tbl + " FOR EACH ROW SET NEW." + n.col + " = CURRENT_TIMESTAMP"),
		"sqlite": ops.SQL("CREATE TRIGGER " + n.trg + " AFTER UPDATE ON " + n.tbl + " FOR EACH ROW BEGIN UPDATE " + n.tbl +
			" SET " + n.col + " = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid; END"),
	}.Statements(ctx, c)
}

// Reverse drops the trigger.
func (o CreateTouchTrigger) Reverse() (ops.Operation, error) { return DropTouchTrigger(o), nil }

// GoSource renders the operation for a revision file.
func (o CreateTouchTrigger) GoSource() (string, error) {
	return fmt.Sprintf("myops.CreateTouchTrigger{Table: %q, Column: %q}", o.Table, o.Column), nil
}

// DropTouchTrigger is the inverse of CreateTouchTrigger.
type DropTouchTrigger struct {
	Table  string
	Column string
}

// Name returns "drop_touch_trigger".
func (o DropTouchTrigger) Name() string { return "drop_touch_trigger" }

// Statements drops the trigger (and its function on PostgreSQL).
func (o DropTouchTrigger) Statements(ctx context.Context, c *ops.Context) ([]ops.Statement, error) {
	n, err := touchNames(c.Dialect, o.Table, o.Column)
	if err != nil {
		return nil, err
	}
	return ops.PerDialect{
		"postgres":         ops.SQL("DROP TRIGGER "+n.trg+" ON "+n.tbl, "DROP FUNCTION "+n.fn+"()"),
		ops.DefaultDialect: ops.SQL("DROP TRIGGER " + n.trg),
	}.Statements(ctx, c)
}

// Reverse creates the trigger again.
func (o DropTouchTrigger) Reverse() (ops.Operation, error) { return CreateTouchTrigger(o), nil }

// GoSource renders the operation for a revision file.
func (o DropTouchTrigger) GoSource() (string, error) {
	return fmt.Sprintf("myops.DropTouchTrigger{Table: %q, Column: %q}", o.Table, o.Column), nil
}

// touchIdents are the quoted names a touch trigger uses.
type touchIdents struct{ tbl, col, trg, fn string }

func touchNames(d dialect.Dialect, table, column string) (touchIdents, error) {
	var n touchIdents
	var err error
	for _, p := range []struct {
		dst  *string
		name string
	}{{&n.tbl, table}, {&n.col, column}, {&n.trg, table + "_touch"}, {&n.fn, table + "_touch_fn"}} {
		if *p.dst, err = d.QuoteIdent(p.name); err != nil {
			return n, fmt.Errorf("touch trigger: %w", err)
		}
	}
	return n, nil
}

// A custom operation is registered with its name, the import its Go
// source needs, and (optionally) a render hook; it then runs like any
// other operation, per dialect. One that also implements Apply
// (ops.SchemaChanger) takes part in batches, lint and `migrate test`: see
// ExampleSchemaChanger.
func ExampleRegistry_Register() {
	reg := ops.NewRegistry()
	if err := reg.Register(ops.Registration{
		Name:    "create_touch_trigger",
		Imports: []string{"example.com/app/myops"},
	}); err != nil {
		fmt.Println(err)
		return
	}
	op := CreateTouchTrigger{Table: "posts", Column: "updated_at"}
	src, imports, err := reg.GoSource(op)
	fmt.Println(src, imports, err)

	for _, d := range []dialect.Dialect{dialect.MySQL(), dialect.SQLite()} {
		var out []string
		offline := ops.NewOfflineOp(d, func(stmt string) error { out = append(out, stmt); return nil })
		if err := offline.Run(context.Background(), op); err != nil {
			fmt.Println(err)
		}
		fmt.Println(d.Name()+":", out)
	}
	inv, _ := op.Reverse()
	fmt.Println(inv.Name())
	fmt.Println(reg.Register(ops.Registration{Name: "add_column"}))
	// Output:
	// myops.CreateTouchTrigger{Table: "posts", Column: "updated_at"} [example.com/app/myops] <nil>
	// mysql: [CREATE TRIGGER `posts_touch` BEFORE UPDATE ON `posts` FOR EACH ROW SET NEW.`updated_at` = CURRENT_TIMESTAMP]
	// sqlite: [CREATE TRIGGER "posts_touch" AFTER UPDATE ON "posts" FOR EACH ROW BEGIN UPDATE "posts" SET "updated_at" = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid; END]
	// drop_touch_trigger
	// ops: register "add_column": a built-in operation has this name
}
