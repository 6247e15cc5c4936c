package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// serverVersion is a database server's release number.
type serverVersion struct{ major, minor, patch int }

// atLeast reports whether v is the release major.minor.patch or later.
func (v serverVersion) atLeast(major, minor, patch int) bool {
	if v.major != major {
		return v.major > major
	}
	if v.minor != minor {
		return v.minor > minor
	}
	return v.patch >= patch
}

func (v serverVersion) String() string {
	return fmt.Sprintf("%d.%d.%d", v.major, v.minor, v.patch)
}

// Versions the dialect assumes when it cannot ask the server (offline
// --sql, ForName): the oldest MySQL 8 release with every feature the
// dialect uses (CHECK constraints are enforced from 8.0.16), and the
// tested MariaDB release.
var (
	mysqlDefaultVersion   = serverVersion{8, 0, 16}
	mariadbDefaultVersion = serverVersion{10, 11, 0}
)

// mysqlDialect is the MySQL dialect. It also serves MariaDB: the flavour
// and the server version decide the capabilities and the few places where
// the SQL differs (sequences, native uuid, IF NOT EXISTS on indexes, NOT
// NULL on generated columns).
type mysqlDialect struct {
	mariadb bool
	version serverVersion
	caps    Capabilities
	// galeraNodes is the size of the Galera cluster the server belongs to
	// (wsrep_on and wsrep_cluster_size), 0 when it is not a cluster node.
	galeraNodes int
}

var (
	_ Dialect     = (*mysqlDialect)(nil)
	_ serverAware = (*mysqlDialect)(nil)
	_ normalizer  = (*mysqlDialect)(nil)
)

// MySQL returns the MySQL dialect with the capabilities of MySQL 8.0.16 and
// later. Opening a database (Open) replaces it with a dialect for the
// server's actual flavour and version, MariaDB included.
func MySQL() Dialect { return newMySQL(false, mysqlDefaultVersion) }

// MariaDB returns the MySQL dialect with the capabilities of MariaDB 10.11,
// for rendering SQL without a connection. Its Name is "mysql".
func MariaDB() Dialect { return newMySQL(true, mariadbDefaultVersion) }

func newMySQL(mariadb bool, v serverVersion) *mysqlDialect {
	d := &mysqlDialect{mariadb: mariadb, version: v}
	d.caps = d.capabilities()
	return d
}

// Name returns "mysql" for MySQL and MariaDB alike.
func (d *mysqlDialect) Name() string { return "mysql" }

// String names the flavour and version, for messages and debugging.
func (d *mysqlDialect) String() string {
	if d.mariadb {
		return "MariaDB " + d.version.String()
	}
	return "MySQL " + d.version.String()
}

// Capabilities tells what the server supports.
func (d *mysqlDialect) Capabilities() Capabilities { return d.caps }

func (d *mysqlDialect) capabilities() Capabilities {
	v, maria := d.version, d.mariadb
	methods := []string{"btree", "hash", "fulltext", "spatial"}
	return Capabilities{
		TransactionalDDL: false, // every DDL statement commits implicitly
		AdvisoryLocks:    true,  // GET_LOCK / RELEASE_LOCK
		// START TRANSACTION READ ONLY: MySQL 5.6.5, MariaDB 10.0.
		ReadOnlyTransactions: true,
		// MariaDB 10.5 has INSERT … RETURNING and DELETE … RETURNING (not
		// UPDATE); MySQL has none.
		Returning:           maria && v.atLeast(10, 5, 0),
		Schemas:             true, // a schema is a MySQL database
		MaxIdentifierLength: 64,

		PartialIndexes: false,
		// Functional key parts: MySQL 8.0.13; MariaDB has none (index a
		// generated column instead).
		ExpressionIndexes: !maria && v.atLeast(8, 0, 13),
		// MariaDB parses DESC before 10.8 but builds ascending keys.
		DescIndexes:        (!maria && v.atLeast(8, 0, 0)) || (maria && v.atLeast(10, 8, 0)),
		IndexInclude:       false,
		IndexPrefixLengths: true,
		IndexMethods:       methods,
		ConcurrentIndexes:  false,

		DeferrableForeignKeys: false,
		NotValidForeignKeys:   false,
		// CHECK is parsed but ignored before MySQL 8.0.16; MariaDB enforces
		// it from 10.2.1.
		CheckConstraints: (!maria && v.atLeast(8, 0, 16)) || (maria && v.atLeast(10, 2, 1)),
		// Both refuse an AUTO_INCREMENT column in a CHECK or a generated
		// column's expression (MySQL errors 3818 and 3109, MariaDB 1901).
		ExprsRefuseAutoIncrement: true,
		// InnoDB checks a foreign key's table when the key is created.
		ForwardForeignKeys: false,

		NamedEnumTypes: false,
		InlineEnums:    true,
		Sequences:      maria && v.atLeast(10, 3, 0),
		Comments:       true,
		Collations:     true,

		// No GENERATED … AS IDENTITY: identity columns render as AUTO_INCREMENT.
		IdentityColumns:  false,
		GeneratedStored:  true,
		GeneratedVirtual: true,

		AlterColumnType: true,
		AlterNullable:   true,
		AlterDefault:    true,
		// RENAME COLUMN: MySQL 8.0, MariaDB 10.5.2 (CHANGE COLUMN before).
		RenameColumn:   (!maria && v.atLeast(8, 0, 0)) || (maria && v.atLeast(10, 5, 2)),
		DropColumn:     true,
		AddConstraint:  true,
		DropConstraint: true,

		WithoutRowID: false,

		InlinePartitions: true,

		// IGNORED: MariaDB 10.6; INVISIBLE: MySQL 8.0.
		InvisibleIndexes: (!maria && v.atLeast(8, 0, 0)) || (maria && v.atLeast(10, 6, 0)),
		Syntax: Syntax{
			HashComments:     true,
			BacktickIdents:   true,
			BackslashEscapes: true,
			DelimiterCommand: true,
			BeginEnd:         true,
		},
	}
}

// nativeUUID reports whether the server has the uuid column type (MariaDB 10.7).
func (d *mysqlDialect) nativeUUID() bool { return d.mariadb && d.version.atLeast(10, 7, 0) }

// indexIfExists reports whether CREATE INDEX IF NOT EXISTS and DROP INDEX IF
// EXISTS parse (MariaDB 10.1.4; never on MySQL).
func (d *mysqlDialect) indexIfExists() bool { return d.mariadb && d.version.atLeast(10, 1, 4) }

// forServer asks the server for its version and returns the dialect for
// its flavour (MySQL or MariaDB) and release.
func (d *mysqlDialect) forServer(ctx context.Context, db *sql.DB) (Dialect, error) {
	var raw string
	if err := db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&raw); err != nil {
		return nil, fmt.Errorf("mysql: reading the server version: %w", err)
	}
	mariadb, v, err := parseMySQLVersion(raw)
	if err != nil {
		return nil, err
	}
	nd := newMySQL(mariadb, v)
	if nd.galeraNodes, err = galeraClusterSize(ctx, db); err != nil && mariadb {
		return nil, err
	}
	// A MySQL server can refuse SHOW GLOBAL STATUS (without the
	// performance schema): it is then taken for a server of its own.
	return nd, nil
}

// parseMySQLVersion reads what VERSION() returns: "8.0.36",
// "8.0.36-0ubuntu0.22.04.1", "10.11.6-MariaDB-0+deb12u1",
// "5.5.5-10.11.6-MariaDB" (the replication prefix some proxies add).
func parseMySQLVersion(raw string) (mariadb bool, v serverVersion, err error) {
	s := strings.TrimSpace(raw)
	mariadb = strings.Contains(strings.ToLower(s), "mariadb")
	if mariadb {
		s = strings.TrimPrefix(s, "5.5.5-")
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r != '.' && (r < '0' || r > '9') }); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, ".")
	nums := [3]int{}
	for i := 0; i < len(parts) && i < 3; i++ {
		n, convErr := strconv.Atoi(parts[i])
		if convErr != nil {
			return false, serverVersion{}, fmt.Errorf("mysql: cannot read server version %q", raw)
		}
		nums[i] = n
	}
	if nums[0] == 0 {
		return false, serverVersion{}, fmt.Errorf("mysql: cannot read server version %q", raw)
	}
	return mariadb, serverVersion{nums[0], nums[1], nums[2]}, nil
}
