package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// postgresTestedVersion is the server_version_num whose capabilities
// Postgres() reports before it has seen a server.
const postgresTestedVersion = 150000

// postgresIndexMethods are the built-in index access methods.
var postgresIndexMethods = []string{"btree", "hash", "gin", "gist", "brin", "spgist"}

// postgresDialect is the PostgreSQL dialect. version is the server's
// server_version_num (150000 for 15.0); capabilities follow it.
type postgresDialect struct {
	version int
}

var (
	_ Dialect     = (*postgresDialect)(nil)
	_ serverAware = (*postgresDialect)(nil)
)

// Postgres returns the PostgreSQL dialect with the capabilities of the
// tested server (PostgreSQL 15). Open replaces it with one that matches the
// connected server's version.
func Postgres() Dialect { return &postgresDialect{version: postgresTestedVersion} }

// Name returns "postgres".
func (d *postgresDialect) Name() string { return "postgres" }

// skipBodyChecks implements bodyChecks.
func (d *postgresDialect) skipBodyChecks(local bool) string {
	if local {
		return "SET LOCAL check_function_bodies = false"
	}
	return "SET check_function_bodies = false"
}

// Capabilities tells what the server version supports.
func (d *postgresDialect) Capabilities() Capabilities { return postgresCapabilities(d.version) }

// postgresCapabilities returns the capabilities of a server version
// (server_version_num form, e.g. 120005 for 12.5).
func postgresCapabilities(version int) Capabilities {
	return Capabilities{
		TransactionalDDL:     true,
		MultiStatementExec:   true,
		AdvisoryLocks:        true,
		ReadOnlyTransactions: true,
		Returning:            true,
		Schemas:              true,
		EmptyTables:          true,
		MaxIdentifierLength:  63,

		PartialIndexes:     true,
		ExpressionIndexes:  true,
		DescIndexes:        true,
		IndexInclude:       version >= 110000,
		IndexPrefixLengths: false,
		IndexMethods:       slices.Clone(postgresIndexMethods),
		ConcurrentIndexes:  true,

		DeferrableForeignKeys: true,
		NotValidForeignKeys:   true,
		CheckConstraints:      true,
		// CREATE TABLE checks that a referenced table exists.
		ForwardForeignKeys: false,

		NamedEnumTypes: true,
		InlineEnums:    false,
		Sequences:      true,
		Comments:       true,
		Collations:     true,

		IdentityColumns:  version >= 100000,
		GeneratedStored:  version >= 120000,
		GeneratedVirtual: version >= 180000,

		AlterColumnType: true,
		AlterNullable:   true,
		AlterDefault:    true,
		RenameColumn:    true,
		DropColumn:      true,
		AddConstraint:   true,
		DropConstraint:  true,

		WithoutRowID: false,

		IndexCollations:      true,
		IndexOpclasses:       true,
		IndexNullsOrder:      true,
		NullsNotDistinct:     version >= 150000,
		ConstraintComments:   true,
		DeferrableUniques:    true,
		RowSecurity:          true,
		ExclusionConstraints: true,
		Partitioning:         version >= 100000,
		Domains:              true,

		Syntax: Syntax{
			DollarQuotes: true,
			PsqlCommands: true,
			// SQL-standard function bodies (BEGIN ATOMIC … END) arrived in 14.
			BeginEnd: version >= 140000,
		},
	}
}

// forServer reads server_version_num and returns a dialect whose
// capabilities match the server.
func (d *postgresDialect) forServer(ctx context.Context, db *sql.DB) (Dialect, error) {
	var s string
	if err := db.QueryRowContext(ctx, "SELECT current_setting('server_version_num')").Scan(&s); err != nil {
		return nil, fmt.Errorf("postgres: read server version: %w", err)
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("postgres: server_version_num %q: %w", s, err)
	}
	return &postgresDialect{version: v}, nil
}
