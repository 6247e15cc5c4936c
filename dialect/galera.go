package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Cluster is implemented by dialects that know whether their server is a
// node of a multi-primary cluster (MariaDB Galera), where every node takes
// writes and session locks (GET_LOCK) hold on one node only.
type Cluster interface {
	// ClusterNodes returns the number of nodes of the cluster the server
	// belongs to, 0 when it is not a cluster node.
	ClusterNodes() int
}

var (
	_ Cluster      = (*mysqlDialect)(nil)
	_ SessionTuner = (*mysqlDialect)(nil)
)

// ClusterNodes returns wsrep_cluster_size of a Galera node whose session
// replicates (wsrep_on), as seen when the database was opened; 0 for
// another server.
func (d *mysqlDialect) ClusterNodes() int { return d.galeraNodes }

// ClusterNodesOf returns d's ClusterNodes, 0 when d cannot tell.
func ClusterNodesOf(d Dialect) int {
	if c, ok := d.(Cluster); ok {
		return c.ClusterNodes()
	}
	return 0
}

// galeraClusterSize asks the server whether it is a Galera node that
// replicates this session's writes: wsrep_cluster_size when wsrep_on is
// ON, else 0. Both are plain SHOW commands, which answer no row (rather
// than an error) on a MySQL server without wsrep.
func galeraClusterSize(ctx context.Context, db *sql.DB) (int, error) {
	size, err := showValue(ctx, db, "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'")
	if err != nil || size == "" || size == "0" {
		return 0, err
	}
	on, err := showValue(ctx, db, "SHOW SESSION VARIABLES LIKE 'wsrep_on'")
	if err != nil || !strings.EqualFold(on, "ON") {
		return 0, err
	}
	n, err := strconv.Atoi(size)
	if err != nil {
		return 0, fmt.Errorf("mysql: wsrep_cluster_size %q: %w", size, err)
	}
	return n, nil
}

// showValue returns the value column of a SHOW … LIKE command's one row,
// "" when there is none.
func showValue(ctx context.Context, db *sql.DB, query string) (string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return "", fmt.Errorf("mysql: %s: %w", query, err)
	}
	defer rows.Close()
	var name, value string
	if rows.Next() {
		if err := rows.Scan(&name, &value); err != nil {
			return "", fmt.Errorf("mysql: %s: %w", query, err)
		}
	}
	return value, rows.Err()
}

// TuneSession sets wsrep_sync_wait on the migration connection of a
// Galera node, so that its reads (the version table first) wait until the
// node has applied every write the cluster committed before them: a
// runner that takes the lock after another finished on another node must
// see that runner's version rows. restore sets the previous value back.
// Elsewhere it does nothing.
func (d *mysqlDialect) TuneSession(ctx context.Context, conn *sql.Conn) (func(context.Context) error, error) {
	noop := func(context.Context) error { return nil }
	if d.galeraNodes == 0 {
		return noop, nil
	}
	var old int64
	if err := conn.QueryRowContext(ctx, "SELECT @@SESSION.wsrep_sync_wait").Scan(&old); err != nil {
		return noop, fmt.Errorf("galera: read wsrep_sync_wait: %w", err)
	}
	if old&1 != 0 {
		return noop, nil
	}
	if _, err := conn.ExecContext(ctx, "SET SESSION wsrep_sync_wait = "+strconv.FormatInt(old|1, 10)); err != nil {
		return noop, fmt.Errorf("galera: set wsrep_sync_wait: %w", err)
	}
	return func(ctx context.Context) error {
		if _, err := conn.ExecContext(ctx, "SET SESSION wsrep_sync_wait = "+strconv.FormatInt(old, 10)); err != nil {
			return fmt.Errorf("galera: restore wsrep_sync_wait: %w", err)
		}
		return nil
	}, nil
}

// conflictReporter is implemented by dialects that can tell a write the
// server refused because a concurrent write of another session won.
type conflictReporter interface {
	writeConflict(err error) bool
}

var (
	_ conflictReporter = (*mysqlDialect)(nil)
	_ conflictReporter = (*postgresDialect)(nil)
)

// IsWriteConflict reports whether err is the server refusing a write
// because another session's concurrent write won: a deadlock or a
// serialization failure, and on a Galera cluster a certification failure
// (which MariaDB reports as the deadlock error 1213, at the commit of a
// transaction that conflicts with one another node committed first).
func IsWriteConflict(d Dialect, err error) bool {
	c, ok := d.(conflictReporter)
	return ok && err != nil && c.writeConflict(err)
}

// writeConflict reports 1213 (deadlock, or a Galera certification
// failure).
func (d *mysqlDialect) writeConflict(err error) bool { return mysqlErrorNumber(err) == 1213 }

// writeConflict reports 40001 (serialization failure) and 40P01
// (deadlock).
func (d *postgresDialect) writeConflict(err error) bool {
	s := sqlState(err)
	return s == "40001" || s == "40P01"
}

// ClusterChecker is implemented by dialects that know statements a
// cluster cannot run safely.
type ClusterChecker interface {
	// ClusterProblem says what in stmt the cluster cannot run safely
	// (feature) and what to do instead (hint); empty when it may run, or
	// the server is not a cluster node.
	ClusterProblem(stmt string) (feature, hint string)
}

var _ ClusterChecker = (*mysqlDialect)(nil)

// mysqlTableEngine finds the storage engine a CREATE TABLE or ALTER TABLE
// statement asks for.
var mysqlTableEngine = regexp.MustCompile(`(?is)^(?:CREATE|ALTER)\b[^;]*?\bTABLE\b.*\bENGINE\s*=?\s*['"` + "`" + `]?(\w+)`)

// ClusterProblem refuses, on a Galera node, a table created or altered
// with another storage engine than InnoDB: Galera replicates InnoDB rows
// only, so the rows of a MyISAM, Aria or MEMORY table would differ from
// node to node.
func (d *mysqlDialect) ClusterProblem(stmt string) (feature, hint string) {
	if d.galeraNodes == 0 {
		return "", ""
	}
	m := mysqlTableEngine.FindStringSubmatch(stripSQLComments(stmt))
	if m == nil || strings.EqualFold(m[1], "InnoDB") {
		return "", ""
	}
	return "ENGINE=" + m[1] + " on a Galera cluster", "the cluster replicates the rows of InnoDB tables only, so this table's rows would differ from node to node; use ENGINE=InnoDB"
}
