package dialect

import (
	"context"
	"database/sql"
	"fmt"
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
