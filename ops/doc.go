// Package ops holds the schema operations (create_table, add_column, …):
// their validation, their SQL through the dialect, their inverses, their Go
// rendering, SQLite batch rebuilds, custom-operation registration, and the
// Op handle that revision code calls.
//
// # Operations
//
// Every operation is a plain value with exported fields implementing
// Operation: Statements compiles it for a dialect, Reverse returns its
// inverse (or an *IrreversibleError saying what state is missing), and
// GoSource renders it for a revision file. Operations that destroy
// something carry what they destroy (DropTable.Existing, DropEnum.Values,
// DropSequence.Existing, DropView.Existing) so that autogenerate can write
// downgrades from inverses.
//
// Schema operations are also data applied to a model: each implements
// SchemaChanger, whose Apply makes the operation's change to a
// model.MetaData as the database would (Apply runs a list of them). A
// SQLite batch rebuild is worked out from the table before and after its
// operations; the inverse of a batch with CopyFrom gets the table the batch
// leaves; ReverseFrom takes the state an inverse needs from the schema
// before the operation; and lint and `migrate test` follow the schema each
// revision sees. Reverse never needs a dialect. Execute does not implement
// SchemaChanger (raw SQL may change anything); BulkInsert changes no schema
// object and its Apply only checks that the table and columns exist.
//
// A revision runs them with Op.Run:
//
//	func upgrade(ctx context.Context, op *ops.Op) error {
//		return op.Run(ctx,
//			ops.CreateEnum{Enum: &model.EnumType{Name: "mood", Values: []string{"sad", "ok"}}},
//			ops.AddColumn{Table: "users", Column: &model.Column{Name: "mood", Type: model.Type{Kind: model.KindEnum, EnumName: "mood", Values: []string{"sad", "ok"}}, Nullable: true}},
//		)
//	}
//
// # Enums
//
// PostgreSQL enums are named types: CreateEnum, DropEnum, AddEnumValue
// (ADD VALUE [BEFORE|AFTER]; before PostgreSQL 12 its statement is marked
// NoTransaction and the revision must be non-transactional; it cannot be
// reversed, since PostgreSQL cannot drop an enum value) and
// RenameEnumValue. A column becomes an enum with AlterColumn and a USING
// cast (Using: `"status"::"mood"`). MySQL and SQLite enums are column types
// (MySQL ENUM('a','b'), SQLite a CHECK (col IN (…))): CreateEnum and DropEnum
// compile to nothing there, and AddEnumValue and RenameEnumValue are
// refused with an *dialect.UnsupportedError saying to change the columns'
// types with AlterColumn (in a BatchAlterTable on SQLite).
//
// # Sequences and views
//
// CreateSequence, DropSequence and AlterSequence work on PostgreSQL and
// MariaDB 10.3+; MySQL 8 and SQLite have no sequences and refuse them.
// Views are opaque SQL: CreateView, DropView, and ReplaceView (CREATE OR
// REPLACE VIEW on PostgreSQL and MySQL, DROP and CREATE on SQLite).
//
// # Raw SQL and data
//
// Execute runs raw SQL with parameters (portable ? markers, or $1 on
// PostgreSQL): bound online, written as escaped literals offline (--sql).
// It is irreversible unless ReverseSQL is given.
//
// Data migrations read and write rows with the expression core (package
// query) on the revision's own connection and transaction: Op.Exec,
// Op.Query, Op.QueryRow, Stream (an iterator, constant memory),
// Op.UpdateRows (per-row values in set-based statements) and Op.Backfill
// (a table walked by primary key in batches, resumable). Offline, writes
// print with escaped literals and reads fail naming the revision.
//
// BulkInsert inserts rows, positional (Rows, in the order of Columns) or
// by name (RowMaps). Through Op.Run, and always offline, it compiles to
// multi-row INSERTs with the values as escaped literals. Online,
// Op.BulkInsert is faster: on PostgreSQL it uses COPY through the native
// pgx connection, which it reaches when the executor is a *sql.Conn (or
// forwards Raw to one, see RawConner: COPY then runs inside the
// transaction open on that connection) or a *sql.DB outside a
// transaction; a bare *sql.Tx does not expose its connection, so inside
// one the rows go by INSERT, in the migration's transaction. Elsewhere
// (and as the fallback) it sends multi-row INSERTs with bound parameters,
// sized by the database's parameter limit (dialect.MaxBindParams: 65535
// on PostgreSQL and MySQL, 32766 on SQLite).
//
// # Custom operations
//
// Any type implementing Operation is an operation: Op.Run executes it,
// --sql prints it, and its Reverse serves downgrades. PerDialect writes
// its SQL per database (keyed by Dialect.Name(), with a "default" entry),
// and a Registry (NewRegistry, or the package default through Register)
// records its name and the Go import and render hook autogenerate uses to
// write it into revision files. A worked example, a trigger keeping a
// timestamp column current:
//
//	type CreateTouchTrigger struct{ Table, Column string }
//
//	func (o CreateTouchTrigger) Name() string { return "create_touch_trigger" }
//
//	func (o CreateTouchTrigger) Statements(ctx context.Context, c *ops.Context) ([]ops.Statement, error) {
//		tbl, err := c.Dialect.QuoteIdent(o.Table)
//		if err != nil {
//			return nil, err
//		}
//		col, err := c.Dialect.QuoteIdent(o.Column)
//		if err != nil {
//			return nil, err
//		}
//		trg, err := c.Dialect.QuoteIdent(o.Table + "_touch")
//		if err != nil {
//			return nil, err
//		}
//		fn, err := c.Dialect.QuoteIdent(o.Table + "_touch_fn")
//		if err != nil {
//			return nil, err
//		}
//		return ops.PerDialect{
//			"postgres": ops.SQL(
//				"CREATE FUNCTION "+fn+"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."+col+" := now(); RETURN NEW; END $$",
//				"CREATE TRIGGER "+trg+" BEFORE UPDATE ON "+tbl+" FOR EACH ROW EXECUTE FUNCTION "+fn+"()"),
//			"mysql": ops.SQL("CREATE TRIGGER " + trg + " BEFORE UPDATE ON " + tbl + " FOR EACH ROW SET NEW." + col + " = CURRENT_TIMESTAMP"),
//			"sqlite": ops.SQL("CREATE TRIGGER " + trg + " AFTER UPDATE ON " + tbl + " FOR EACH ROW BEGIN UPDATE " + tbl +
//				" SET " + col + " = CURRENT_TIMESTAMP WHERE rowid = NEW.rowid; END"),
//		}.Statements(ctx, c)
//	}
//
//	// Reverse returns DropTouchTrigger, written the same way.
//	func (o CreateTouchTrigger) Reverse() (ops.Operation, error) { return DropTouchTrigger(o), nil }
//
//	func (o CreateTouchTrigger) GoSource() (string, error) {
//		return fmt.Sprintf("myops.CreateTouchTrigger{Table: %q, Column: %q}", o.Table, o.Column), nil
//	}
//
//	func init() {
//		// Autogenerate hooks may now return the operation; revision files
//		// import example.com/app/myops to use it.
//		if err := ops.Register(ops.Registration{Name: "create_touch_trigger", Imports: []string{"example.com/app/myops"}}); err != nil {
//			log.Fatal(err)
//		}
//	}
//
// A revision then calls op.Run(ctx, myops.CreateTouchTrigger{Table: "posts",
// Column: "updated_at"}) like any built-in operation.
//
// A custom operation that also implements SchemaChanger (Apply) is known to
// every tool that follows the schema through a model: it takes part in a
// BatchAlterTable (on SQLite, a rebuild applies it to the table's
// definition), in the inverse of a batch with CopyFrom, in lint and in
// `migrate test`. One without Apply still runs, prints and reverses, but a
// batch that must rebuild its table refuses it (run it before or after the
// batch), and Apply reports an *UnknownChangeError for it. See
// ExampleSchemaChanger. A database without a
// PerDialect entry (nor a "default" one) gets an *dialect.UnsupportedError
// rather than silently nothing.
package ops
