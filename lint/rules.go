package lint

import "slices"

// Rule is one check of lint.
type Rule struct {
	// ID names the rule in findings and in lint-ignore suppressions.
	ID string `json:"id"`
	// Severity of its findings.
	Severity Severity `json:"severity"`
	// Databases are the dialect names (dialect.Dialect.Name) the rule
	// concerns; empty for every database.
	Databases []string `json:"databases,omitempty"`
	// Summary says what the rule finds.
	Summary string `json:"summary"`
	// Locks are the locks the change takes where the lock is the hazard,
	// by database name.
	Locks map[string]string `json:"locks,omitempty"`
	// Alternative is the safe way to make the change.
	Alternative string `json:"alternative,omitempty"`
}

// Applies reports whether the rule concerns the database named db.
func (r Rule) Applies(db string) bool {
	return len(r.Databases) == 0 || slices.Contains(r.Databases, db)
}

// Rule ids.
const (
	RuleDropTable         = "drop-table"
	RuleDropColumn        = "drop-column"
	RuleRenameTable       = "rename-table"
	RuleRenameColumn      = "rename-column"
	RuleNotNullNoDefault  = "not-null-without-default"
	RuleNewUnique         = "unique-on-existing-table"
	RuleIndexConcurrently = "index-not-concurrent"
	RuleDropIndex         = "drop-index-not-concurrent"
	RuleTypeRewrite       = "type-change-rewrite"
	RuleSetNotNull        = "set-not-null"
	RuleNotValid          = "constraint-without-not-valid"
	RuleVolatileDefault   = "volatile-default"
	RuleSerialColumn      = "serial-column"
	RuleLockTimeout       = "lock-timeout"
	RuleMixedDDLData      = "mixed-ddl-and-data"
	RuleTableCopy         = "table-copy"
	RuleBatchRebuild      = "batch-rebuild"
	RuleUnclassified      = "unclassified"
	RuleSchemaUnknown     = "schema-unknown"
	RuleNotRecorded       = "not-recorded"
	RuleBadSuppression    = "bad-lint-ignore"
)

const (
	postgres = "postgres"
	mysql    = "mysql"
	sqlite   = "sqlite"
)

// rules are every rule, in the order of the documentation.
var rules = []Rule{
	{ID: RuleDropTable, Severity: Error,
		Summary:     "drops a table: its data is lost, and code still running that reads it fails",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table", mysql: "an exclusive metadata lock on the table", sqlite: "the database's write lock"},
		Alternative: "stop using the table in the code and deploy first; drop it in a later revision, after a backup, and accept the finding with lint-ignore and the reason"},
	{ID: RuleDropColumn, Severity: Error,
		Summary:     "drops a column: its data is lost, and code still running that reads or writes it fails",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table", mysql: "an exclusive metadata lock on the table", sqlite: "the database's write lock"},
		Alternative: "stop using the column in the code and deploy first; drop it in a later revision and accept the finding with lint-ignore and the reason"},
	{ID: RuleRenameTable, Severity: Error,
		Summary:     "renames an existing table: code still running uses the old name and fails until it is deployed",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table", mysql: "an exclusive metadata lock on the table", sqlite: "the database's write lock"},
		Alternative: "create the new table, write to both, backfill, switch reads, then drop the old one in a later revision (or keep a view with the old name while the code moves)"},
	{ID: RuleRenameColumn, Severity: Error,
		Summary:     "renames a column of an existing table: code still running uses the old name and fails",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table", mysql: "an exclusive metadata lock on the table", sqlite: "the database's write lock"},
		Alternative: "add the new column, write to both, backfill, switch reads, then drop the old column in a later revision"},
	{ID: RuleNotNullNoDefault, Severity: Error,
		Summary:     "adds a NOT NULL column without a default to an existing table: it fails as soon as the table has rows (MySQL fills in a zero value instead)",
		Alternative: "add the column with a default, or nullable, backfill it, then make it NOT NULL"},
	{ID: RuleNewUnique, Severity: Warning,
		Summary:     "adds a unique constraint or unique index to an existing table: it fails if the data holds duplicates",
		Locks:       map[string]string{postgres: "SHARE on the table while the index builds (unless CONCURRENTLY)", sqlite: "the database's write lock while the index builds"},
		Alternative: "check for duplicates first; on PostgreSQL build the unique index CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX"},
	{ID: RuleIndexConcurrently, Severity: Error, Databases: []string{postgres},
		Summary:     "builds an index on an existing table without CONCURRENTLY: writes to the table wait for the whole build",
		Locks:       map[string]string{postgres: "SHARE on the table (blocks INSERT, UPDATE, DELETE) for the build"},
		Alternative: "CREATE INDEX CONCURRENTLY in a revision marked non-transactional (-- migrate:transactional false, or NonTransactional: true with ops.CreateIndex{Concurrently: true})"},
	{ID: RuleDropIndex, Severity: Warning, Databases: []string{postgres},
		Summary:     "drops an index of an existing table without CONCURRENTLY: it waits for running queries while blocking new ones",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table"},
		Alternative: "DROP INDEX CONCURRENTLY in a non-transactional revision"},
	{ID: RuleTypeRewrite, Severity: Error, Databases: []string{postgres},
		Summary:     "changes the type of a column of an existing table: unless the change only widens (varchar to a longer varchar or text, numeric to a larger precision), PostgreSQL rewrites the table and its indexes",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table (blocks reads and writes) for the rewrite"},
		Alternative: "add a column of the new type, write to both, backfill in batches, switch reads, drop the old column"},
	{ID: RuleSetNotNull, Severity: Error, Databases: []string{postgres},
		Summary:     "sets NOT NULL on a column of an existing table: PostgreSQL scans the whole table to check it",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table for the scan"},
		Alternative: "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT (a weaker lock), then SET NOT NULL (PostgreSQL 12+ uses the validated check and skips the scan), then drop the check"},
	{ID: RuleNotValid, Severity: Error, Databases: []string{postgres},
		Summary:     "adds a foreign key or check constraint to an existing table without NOT VALID: existing rows are checked while the lock is held",
		Locks:       map[string]string{postgres: "SHARE ROW EXCLUSIVE on both tables (foreign key) or ACCESS EXCLUSIVE (check) during the scan"},
		Alternative: "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later revision or transaction (it takes only SHARE UPDATE EXCLUSIVE)"},
	{ID: RuleVolatileDefault, Severity: Error, Databases: []string{postgres},
		Summary:     "adds a column with a volatile default (random(), gen_random_uuid(), clock_timestamp(), …) to an existing table: every row gets its own value, so the table is rewritten",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table for the rewrite"},
		Alternative: "add the column without a default (or with a constant one), set the default afterwards for new rows, backfill existing rows in batches"},
	{ID: RuleSerialColumn, Severity: Error, Databases: []string{postgres},
		Summary:     "adds an auto-numbered column (serial, identity, nextval() default, a stored generated column) to an existing table: the table is rewritten to fill it",
		Locks:       map[string]string{postgres: "ACCESS EXCLUSIVE on the table for the rewrite"},
		Alternative: "add a plain nullable column, attach the sequence as its default, backfill in batches, then add the constraints"},
	{ID: RuleLockTimeout, Severity: Warning, Databases: []string{postgres},
		Summary:     "takes a strong lock on an existing table without a lock_timeout set first in the revision: waiting behind a long query, the ALTER blocks every query queued after it",
		Locks:       map[string]string{postgres: "the lock of the statement, queued behind running transactions"},
		Alternative: "start the revision with SET lock_timeout = '5s' (SET LOCAL in a transaction) and retry the deploy when it times out"},
	{ID: RuleMixedDDLData, Severity: Error, Databases: []string{mysql},
		Summary:     "mixes schema changes and data changes in one revision: MySQL and MariaDB commit each DDL statement at once, so a failure leaves the revision half applied",
		Alternative: "put the data change in a revision of its own, before or after the schema change"},
	{ID: RuleTableCopy, Severity: Warning, Databases: []string{mysql},
		Summary:     "alters an existing table in a way that MySQL/MariaDB makes by copying the table (a column type change, a primary key change, a character set conversion, ALGORITHM=COPY): writes are blocked for the copy",
		Locks:       map[string]string{mysql: "a shared lock that blocks writes (ALGORITHM=COPY) for the whole copy"},
		Alternative: "write ALGORITHM=INPLACE or ALGORITHM=INSTANT so that the server refuses instead of copying, or use an online schema change tool (gh-ost, pt-online-schema-change)"},
	{ID: RuleBatchRebuild, Severity: Warning, Databases: []string{sqlite},
		Summary:     "rebuilds an existing table by move and copy (SQLite's batch): every row is copied while the database is locked for writing; a warning when the table is known to be large, else info",
		Locks:       map[string]string{sqlite: "the database's write lock for the copy"},
		Alternative: "make the change with what SQLite's ALTER TABLE can do in place (ADD COLUMN, RENAME), or rebuild at a quiet time"},
	{ID: RuleUnclassified, Severity: Info,
		Summary: "a statement or operation lint cannot classify: it is not checked (lint never guesses what it does)"},
	{ID: RuleSchemaUnknown, Severity: Info,
		Summary: "an operation whose change to the schema is unknown (raw SQL, a custom operation without Apply): the rules that need the schema a revision sees (the type a column had) cannot use it after this point"},
	{ID: RuleNotRecorded, Severity: Warning,
		Summary:     "the upgrade of a Go revision stopped while lint recorded it (it reads rows, which needs a database, or it returned an error): what comes after is not checked",
		Alternative: "guard the reads with op.Offline() (true while lint records), so that the upgrade runs to its end without a database"},
	{ID: RuleBadSuppression, Severity: Error,
		Summary:     "a lint-ignore without a reason, or naming a rule that does not exist: a suppression must say why",
		Alternative: "write -- migrate:lint-ignore RULE reason (// migrate:lint-ignore RULE reason in Go)"},
}

// Rules returns every rule of lint, in the order of the documentation.
func Rules() []Rule { return slices.Clone(rules) }

// LookupRule returns the rule with the id.
func LookupRule(id string) (Rule, bool) {
	i := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, false
	}
	return rules[i], true
}
