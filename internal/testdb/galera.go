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
	admin := openOrSkip(ctx, t, urls[0])
	scope := randomName()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+scope+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		admin.Close()
		t.Fatalf("testdb: create database %s on the cluster: %v", scope, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE `"+scope+"`"); err != nil {
			t.Errorf("testdb: drop database %s on the cluster: %v", scope, err)
		}
	})
	nodes := make([]*Target, len(urls))
	for i, u := range urls {
		node := openOrSkip(ctx, t, u)
		// CREATE DATABASE replicates in total order: a node answers for it
		// once it has applied it (wsrep_sync_wait).
		conn, err := node.Conn(ctx)
		if err == nil {
			_, err = conn.ExecContext(ctx, "SET SESSION wsrep_sync_wait = 1")
		}
		if err == nil {
			_, err = conn.ExecContext(ctx, "USE `"+scope+"`")
		}
		if conn != nil {
			conn.Close()
		}
		node.Close()
		if err != nil {
			t.Fatalf("testdb: database %s on node %s: %v", scope, u, err)
		}
		nodes[i] = &Target{Name: "mysql", URL: withPath(t, u, scope), Scope: scope}
	}
	return nodes
}
