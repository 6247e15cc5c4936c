package dialect

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/migratego/migrate/model"
)

// TableRebuild is a planned move-and-copy rebuild of one table.
type TableRebuild struct {
	// From is the table as it is; To as it must become, with the same
	// Schema and Name, and with every index it must keep.
	From, To *model.Table
	// Sources maps a column of To to the column of From whose values it
	// takes. A column of To without a source is new: it gets its default
	// (or NULL), and a NOT NULL one without a default requires the table
	// to be empty. Generated columns of To are computed, never copied.
	Sources map[string]string
}

// ForeignKeySwitch is implemented by dialects whose batch rebuilds need
// foreign-key enforcement off while the old table is dropped, a setting
// that can only change outside a transaction (SQLite: PRAGMA foreign_keys
// is a no-op inside one). The runner switches enforcement off on the
// migration connection before BEGIN and back on after COMMIT or ROLLBACK
// (offline, it prints the same statements around the transaction); the
// rebuild statements themselves check the foreign keys of the rebuilt
// table and of the tables referencing it before the transaction commits.
type ForeignKeySwitch interface {
	// ForeignKeysQuery reads whether enforcement is on: one row, one
	// integer column (1 or 0).
	ForeignKeysQuery() string
	// SetForeignKeys returns the statement that switches enforcement on
	// or off; it must run outside any transaction.
	SetForeignKeys(on bool) string
	// ForeignKeyViolationsQuery counts the rows that violate a foreign
	// key anywhere in the database (one row, one integer column), so that
	// a run with enforcement off can refuse to commit new violations.
	ForeignKeyViolationsQuery() string
}

// ForeignKeysQuery returns PRAGMA foreign_keys.
func (d *sqliteDialect) ForeignKeysQuery() string { return "PRAGMA foreign_keys" }

// ForeignKeyViolationsQuery counts the rows of pragma_foreign_key_check.
func (d *sqliteDialect) ForeignKeyViolationsQuery() string {
	return "SELECT count(*) FROM pragma_foreign_key_check"
}

// SetForeignKeys returns PRAGMA foreign_keys = ON or OFF.
func (d *sqliteDialect) SetForeignKeys(on bool) string {
	if on {
		return "PRAGMA foreign_keys = ON"
	}
	return "PRAGMA foreign_keys = OFF"
}

// Names of the objects a rebuild creates for itself.
const (
	// SQLiteRebuildPrefix starts the temporary name of a table being
	// rebuilt: "_migrate_tmp_users".
	SQLiteRebuildPrefix = "_migrate_tmp_"
	// sqliteGuardTable is the TEMP table whose CHECK constraints stop a
	// rebuild that would lose data; its constraint names are the messages.
	sqliteGuardTable = "_migrate_batch"
)

// RebuildTable returns SQLite's generalised ALTER TABLE procedure for
// r.From → r.To ("Making Other Kinds Of Table Schema Changes" in SQLite's
// ALTER TABLE documentation), made safe to run inside the migration's
// transaction:
//
//  1. A TEMP guard table is created; its CHECK constraints, named by the
//     messages, abort the transaction when a guard fails (SQL has no other
//     way to raise an error). It records the number of foreign-key
//     violations of the table and of the tables referencing it, and refuses
//     a table with triggers (DROP TABLE would drop them, and the model has
//     no triggers to recreate them from).
//  2. CREATE TABLE "_migrate_tmp_<name>" with the new definition; foreign
//     keys referencing the table itself name the final table, as Alembic
//     does.
//  3. INSERT INTO the new table SELECT the shared columns, in the new
//     column order. Values go through the new column's affinity, which
//     converts what it can without loss ('12' becomes 12 in an INTEGER
//     column) and keeps the rest; no CAST is written, because SQLite's
//     CAST truncates ('2024-01-01' AS NUMERIC is 2024). New columns take
//     their default; a new NOT NULL column without one is refused by a
//     guard unless the table is empty.
//  4. For an AUTOINCREMENT key, sqlite_sequence keeps the old high-water
//     mark, so that the ids of deleted rows are never reused.
//  5. A guard refuses to go on when foreign keys are enforced and other
//     tables (or the new table's own self-reference) point at the table:
//     with enforcement on, DROP TABLE runs an implicit DELETE that fires
//     their ON DELETE CASCADE / SET NULL actions. The runner switches
//     enforcement off outside the transaction (see ForeignKeySwitch).
//  6. DROP TABLE the old table; ALTER TABLE … RENAME TO the final name
//     under PRAGMA legacy_alter_table = ON, so that views and triggers of
//     other tables that name the table (and do not resolve while it is
//     gone) neither fail the rename nor get rewritten; the pragma is set
//     back OFF, SQLite's default.
//  7. CREATE INDEX for every index of r.To (unique and primary key
//     constraints come back with the table).
//  8. A guard compares the foreign-key violations with the count of step
//     1 (PRAGMA foreign_key_check of the table and of the tables
//     referencing it): a row the rebuild left without its parent, or a
//     new foreign key existing rows violate, aborts the transaction.
//     Violations that were there before are tolerated, not created.
func (d *sqliteDialect) RebuildTable(r TableRebuild) ([]string, error) {
	from, to := r.From, r.To
	if from == nil || to == nil {
		return nil, fmt.Errorf("sqlite: rebuild: the old and the new table definitions are needed")
	}
	if from.Name == "" || !strings.EqualFold(from.Name, to.Name) || !strings.EqualFold(from.Schema, to.Schema) {
		return nil, fmt.Errorf("sqlite: rebuild: table %q cannot become %q; rename it separately", from.QualifiedName(), to.QualifiedName())
	}
	if len(to.Columns) == 0 {
		return nil, fmt.Errorf("sqlite: rebuild of table %q: the new table has no columns", from.QualifiedName())
	}
	name := from.Name
	schema := from.Schema
	db := schema
	if db == "" {
		db = "main"
	}
	tmp := SQLiteRebuildPrefix + name
	table := fmt.Sprintf("table %q", from.QualifiedName())

	// The new table under its temporary name; CreateTable validates every
	// name, so that quoting below cannot fail.
	tmpT := to.Clone()
	tmpT.Name = tmp
	create, err := d.CreateTable(tmpT)
	if err != nil {
		return nil, fmt.Errorf("sqlite: rebuild of %s: %w", table, err)
	}
	var qerr error
	keep := func(s string, err error) string {
		if err != nil && qerr == nil {
			qerr = err
		}
		return s
	}
	qi := func(name string) string { return keep(d.QuoteIdent(name)) }
	q := func(schema, name string) string { return keep(d.QuoteQualified(schema, name)) }
	lit := func(v string) string { return keep(d.Literal(v)) }
	guard := q("temp", sqliteGuardTable)
	qName := q(schema, name)
	master := q(db, "sqlite_master")
	sequence := q(db, "sqlite_sequence")

	// Copy: target columns and the columns selecting their values.
	var cols, exprs, mustFill []string
	for _, c := range to.Columns {
		src, ok := r.Sources[c.Name]
		switch {
		case c.Generated != nil:
			continue
		case ok && src != "":
			if from.Column(src) == nil {
				return nil, fmt.Errorf("sqlite: rebuild of %s: column %q comes from %q, which the table does not have", table, c.Name, src)
			}
			cols = append(cols, qi(c.Name))
			exprs = append(exprs, qi(src))
		case !c.Nullable && sqliteNullDefault(c.Default) && !sqliteRowidAlias(to, c):
			mustFill = append(mustFill, fmt.Sprintf("%q", c.Name))
		}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("sqlite: rebuild of %s: the new table keeps none of the old columns, so its rows cannot be copied", table)
	}

	// 1. Guard table and the "before" state.
	rowsMsg := batchRefusalPrefix + "" + table + " has rows, and new NOT NULL columns without a default cannot be filled"
	if len(mustFill) > 0 {
		rowsMsg = batchRefusalPrefix + "" + table + " has rows, and its new columns " + strings.Join(mustFill, ", ") +
			" are NOT NULL without a default; give them a server default"
	}
	fkMsg := batchRefusalPrefix + "rebuilding " + table + " with foreign keys enforced would fire the ON DELETE actions " +
		"of the tables referencing it; run it with PRAGMA foreign_keys = OFF, set outside the transaction"
	trigMsg := batchRefusalPrefix + "" + table + " has triggers, which rebuilding it would drop; " +
		"drop them before the rebuild and create them again after it"
	violMsg := batchRefusalPrefix + "after rebuilding " + table + ", rows of it or of tables referencing it violate " +
		"foreign keys; list them with PRAGMA foreign_key_check"
	guardSQL := "CREATE TEMP TABLE " + q("", sqliteGuardTable) + " (" +
		`"no_triggers" INTEGER CONSTRAINT ` + qi(trigMsg) + ` CHECK ("no_triggers" IS NOT 0), ` +
		`"rows_ok" INTEGER CONSTRAINT ` + qi(rowsMsg) + ` CHECK ("rows_ok" IS NOT 0), ` +
		`"fk_safe" INTEGER CONSTRAINT ` + qi(fkMsg) + ` CHECK ("fk_safe" IS NOT 0), ` +
		`"fk_before" INTEGER, ` +
		`"fk_after" INTEGER CONSTRAINT ` + qi(violMsg) + ` CHECK ("fk_after" IS NULL OR "fk_after" <= "fk_before"))`
	rowsOK := "NULL"
	if len(mustFill) > 0 {
		rowsOK = "NOT EXISTS (SELECT 1 FROM " + qName + ")"
	}
	noTriggers := "NOT EXISTS (SELECT 1 FROM " + master + " WHERE \"type\" = 'trigger' AND \"tbl_name\" = " + lit(name) + " COLLATE NOCASE)"
	// The tables whose foreign-key violations the rebuild may change: the
	// table itself and the tables referencing it.
	related := master + ` AS "s", pragma_foreign_key_check("s"."name", ` + lit(db) + `) AS "v" ` +
		`WHERE "s"."type" = 'table' AND "s"."sql" NOT LIKE 'CREATE VIRTUAL%' AND ("s"."name" = ` + lit(name) + ` COLLATE NOCASE ` +
		`OR EXISTS (SELECT 1 FROM pragma_foreign_key_list("s"."name", ` + lit(db) + `) AS "f" WHERE "f"."table" = ` + lit(name) + ` COLLATE NOCASE))`
	violations := "(SELECT count(*) FROM " + related + ")"
	// Enforcement is off, or no other table (the new one included, through
	// a self-reference) references the table.
	fkSafe := `(SELECT NOT "foreign_keys" FROM pragma_foreign_keys) OR NOT EXISTS (SELECT 1 FROM ` + master + ` AS "s", ` +
		`pragma_foreign_key_list("s"."name", ` + lit(db) + `) AS "f" WHERE "s"."type" = 'table' AND "s"."sql" NOT LIKE 'CREATE VIRTUAL%' ` +
		`AND "s"."name" <> ` + lit(name) + ` COLLATE NOCASE AND "f"."table" = ` + lit(name) + ` COLLATE NOCASE)`
	out := []string{
		"DROP TABLE IF EXISTS " + guard,
		guardSQL,
		"INSERT INTO " + guard + ` ("no_triggers", "rows_ok", "fk_before") SELECT ` + noTriggers + ", " + rowsOK + ", " + violations,
	}

	// 2. The new table under its temporary name.
	out = append(out, create...)

	// 3. The rows.
	out = append(out, "INSERT INTO "+q(schema, tmp)+" ("+strings.Join(cols, ", ")+") SELECT "+
		strings.Join(exprs, ", ")+" FROM "+qName)

	// 4. The AUTOINCREMENT high-water mark.
	if sqliteAutoPK(to) != nil {
		out = append(out,
			"UPDATE "+sequence+` SET "seq" = (SELECT max("seq") FROM `+sequence+` WHERE "name" IN (`+lit(name)+", "+lit(tmp)+`)) WHERE "name" = `+lit(tmp),
			"INSERT INTO "+sequence+` ("name", "seq") SELECT `+lit(tmp)+`, "seq" FROM `+sequence+` WHERE "name" = `+lit(name)+
				` AND NOT EXISTS (SELECT 1 FROM `+sequence+` WHERE "name" = `+lit(tmp)+")",
		)
	}

	// 5–6. Swap.
	out = append(out,
		"UPDATE "+guard+` SET "fk_safe" = `+fkSafe,
		"DROP TABLE "+qName,
		"PRAGMA legacy_alter_table = ON",
	)
	rename, err := d.RenameTable(&model.Table{Schema: schema, Name: tmp}, name)
	if err != nil {
		return nil, err
	}
	out = append(out, rename...)
	out = append(out, "PRAGMA legacy_alter_table = OFF")

	// 7. Indexes.
	for _, ix := range to.Indexes {
		s, err := d.CreateIndex(to, ix, IndexOptions{})
		if err != nil {
			return nil, fmt.Errorf("sqlite: rebuild of %s: %w", table, err)
		}
		out = append(out, s...)
	}

	// 8. Foreign keys after.
	out = append(out,
		"UPDATE "+guard+` SET "fk_after" = `+violations,
		"DROP TABLE "+guard,
	)
	if qerr != nil {
		return nil, fmt.Errorf("sqlite: rebuild of %s: %w", table, qerr)
	}
	return out, nil
}

// sqliteRowidAlias reports whether c is the table's INTEGER PRIMARY KEY, an
// alias of the rowid that SQLite fills itself when no value is given.
func sqliteRowidAlias(t *model.Table, c *model.Column) bool {
	if t.WithoutRowID || t.PrimaryKey == nil || len(t.PrimaryKey.Columns) != 1 || !strings.EqualFold(t.PrimaryKey.Columns[0], c.Name) {
		return false
	}
	return sqliteAutoPK(t) == c || c.Type.Kind == model.KindInteger ||
		c.Type.Kind == model.KindRaw && strings.EqualFold(strings.TrimSpace(c.Type.Raw), "INTEGER")
}

// batchRefusalPrefix starts the messages of the guards of a SQLite table
// rebuild, which SQLite reports as failed CHECK constraints.
const batchRefusalPrefix = "migrate batch: "

// sqliteErrorCode is the "(275)" SQLite's driver ends its messages with.
var sqliteErrorCode = regexp.MustCompile(`\s*\(\d+\)$`)

// BatchRefusal returns the message of the guard that stopped a SQLite
// table rebuild (the table has rows and new NOT NULL columns without a
// default, or triggers, …) when err is such a refusal. The statement that
// failed is then migrate's own guard, not the revision's, and the message
// says all there is to say.
func BatchRefusal(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	s := err.Error()
	i := strings.Index(s, batchRefusalPrefix)
	if i < 0 {
		return "", false
	}
	msg, _, _ := strings.Cut(s[i+len(batchRefusalPrefix):], "\n")
	return sqliteErrorCode.ReplaceAllString(msg, ""), true
}
