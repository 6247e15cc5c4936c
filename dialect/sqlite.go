package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// sqliteDialect is the SQLite dialect. Its capabilities depend on the
// library version: generated columns need 3.31, DROP COLUMN and RETURNING
// 3.35, RENAME COLUMN 3.25.
type sqliteDialect struct {
	// version is major*1_000_000 + minor*1_000 + patch, like
	// SQLITE_VERSION_NUMBER.
	version int
}

var (
	_ Dialect     = (*sqliteDialect)(nil)
	_ serverAware = (*sqliteDialect)(nil)
)

// sqliteBundledVersion is the SQLite version of the modernc.org/sqlite
// driver this module is built with. SQLite() assumes it; Open reads the
// real version with sqlite_version().
const sqliteBundledVersion = 3_054_001

// Version numbers of the SQLite features the dialect depends on.
const (
	sqliteRenameColumn = 3_025_000 // ALTER TABLE … RENAME COLUMN
	sqliteGenerated    = 3_031_000 // GENERATED ALWAYS AS columns
	sqliteDropColumn   = 3_035_000 // ALTER TABLE … DROP COLUMN
	sqliteReturning    = 3_035_000 // INSERT/UPDATE/DELETE … RETURNING
	sqliteWithoutRowID = 3_008_002 // CREATE TABLE … WITHOUT ROWID
)

// sqliteMaxIdentifier is the MaxIdentifierLength reported for SQLite. SQLite
// has no limit of its own on names (only the statement length limit,
// SQLITE_MAX_SQL_LENGTH, one billion bytes by default), so this is simply a
// large number that no sensible name reaches.
const sqliteMaxIdentifier = 1_000_000

// SQLite returns the SQLite dialect, with the capabilities of the SQLite
// version bundled in the modernc.org/sqlite driver. Open adjusts them to
// the library actually connected.
func SQLite() Dialect { return &sqliteDialect{version: sqliteBundledVersion} }

// Name returns "sqlite".
func (d *sqliteDialect) Name() string { return "sqlite" }

// forServer reads sqlite_version() and returns a dialect whose capabilities
// match it.
func (d *sqliteDialect) forServer(ctx context.Context, db *sql.DB) (Dialect, error) {
	var v string
	if err := db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v); err != nil {
		return nil, fmt.Errorf("sqlite: read version: %w", err)
	}
	n, err := parseSQLiteVersion(v)
	if err != nil {
		return nil, err
	}
	return &sqliteDialect{version: n}, nil
}

// parseSQLiteVersion turns "3.45.1" into 3045001.
func parseSQLiteVersion(s string) (int, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("sqlite: unexpected version %q", s)
	}
	n := 0
	for i, scale := range []int{1_000_000, 1_000, 1} {
		if i >= len(parts) {
			break
		}
		x, err := strconv.Atoi(parts[i])
		if err != nil || x < 0 || x > 999 {
			return 0, fmt.Errorf("sqlite: unexpected version %q", s)
		}
		n += x * scale
	}
	return n, nil
}

// Capabilities reports what SQLite supports at the dialect's version.
func (d *sqliteDialect) Capabilities() Capabilities {
	v := d.version
	return Capabilities{
		TransactionalDDL:    true,
		AdvisoryLocks:       false,
		Returning:           v >= sqliteReturning,
		Schemas:             true, // attached databases: main, temp, ATTACH … AS name
		MaxIdentifierLength: sqliteMaxIdentifier,

		PartialIndexes:     true,
		ExpressionIndexes:  true,
		DescIndexes:        true,
		IndexInclude:       false,
		IndexPrefixLengths: false,
		IndexMethods:       nil,
		ConcurrentIndexes:  false,

		DeferrableForeignKeys: true,
		NotValidForeignKeys:   false,
		CheckConstraints:      true,
		ForwardForeignKeys:    true,

		NamedEnumTypes: false,
		InlineEnums:    false, // enums are VARCHAR columns with a CHECK (col IN (…))
		Sequences:      false,
		Comments:       false,
		Collations:     true,

		IdentityColumns:  false, // Identity renders as INTEGER PRIMARY KEY AUTOINCREMENT
		GeneratedStored:  v >= sqliteGenerated,
		GeneratedVirtual: v >= sqliteGenerated,

		AlterColumnType: false,
		AlterNullable:   false,
		AlterDefault:    false,
		RenameColumn:    v >= sqliteRenameColumn,
		DropColumn:      v >= sqliteDropColumn,
		AddConstraint:   false,
		DropConstraint:  false,

		WithoutRowID: v >= sqliteWithoutRowID,

		IndexCollations: true,

		Syntax: Syntax{
			BacktickIdents: true,
			BracketIdents:  true,
			BeginEnd:       true, // CREATE TRIGGER … BEGIN … END
		},
	}
}
