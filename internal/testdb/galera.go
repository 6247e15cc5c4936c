package testdb

import (
	"context"
	"strings"
	"testing"
	"time"
)

// EnvGalera names the environment variable holding the URLs of the nodes
// of a MariaDB Galera cluster, separated by spaces (scripts/galera.sh
// prints them; scripts/test.sh sets the variable with MIGRATE_TEST_GALERA=1
// and under CI=true).
const EnvGalera = "MIGRATE_TEST_GALERA_URLS"

// Galera creates a fresh database on the Galera cluster of
// MIGRATE_TEST_GALERA_URLS and returns, for each node, a target that
// opens it there; the database is dropped when the test ends. It skips the
// test when the variable is unset or a node does not answer, or fails it
// under CI=true (see the package doc).
func Galera(t testing.TB) []*Target {
	t.Helper()
	urls := strings.Fields(serverURL(t, EnvGalera))
	if len(urls) < 2 {
		t.Fatalf("testdb: %s names %d node(s); a cluster test needs at least 2", EnvGalera, len(urls))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	scope := newMySQLDatabase(ctx, t, urls[0])
	nodes := make([]*Target, len(urls))
	for i, u := range urls {
		if err := waitDatabase(ctx, t, u, scope); err != nil {
			t.Fatalf("testdb: database %s on node %s: %v", scope, u, err)
		}
		nodes[i] = &Target{Name: "mysql", URL: withPath(t, u, scope), Scope: scope}
	}
	return nodes
}

// waitDatabase waits until the node of url shows the database scope:
// CREATE DATABASE replicates in total order, and a read with
// wsrep_sync_wait waits until the node has applied what the cluster
// committed before it.
func waitDatabase(ctx context.Context, t testing.TB, url, scope string) error {
	node := openOrSkip(ctx, t, url)
	defer node.Close()
	conn, err := node.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET SESSION wsrep_sync_wait = 1"); err != nil {
		return err
	}
	for {
		var n int
		err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", scope).Scan(&n)
		if err != nil || n == 1 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
