// Package testdb gives integration tests a private, empty database on each
// real server, and removes it when the test ends.
//
// Server URLs come from the environment:
//
//	MIGRATE_TEST_POSTGRES_URL  e.g. postgres://postgres@127.0.0.1:5432/migrate_test?sslmode=disable
//	MIGRATE_TEST_MYSQL_URL     e.g. mysql://root@127.0.0.1:3306/migrate_test
//
// SQLite needs no server: each test gets a file in its temporary directory.
// When a variable is unset or its server does not answer, the test is
// skipped with a message; under CI=true it fails instead, so that CI never
// passes on skipped integration tests.
//
// Isolation: on PostgreSQL each test gets its own schema (selected with
// search_path in the returned URL); on MySQL/MariaDB its own database. Names
// are random, so tests may run in parallel.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
)

// Environment variable names of the server URLs.
const (
	EnvPostgres = "MIGRATE_TEST_POSTGRES_URL"
	EnvMySQL    = "MIGRATE_TEST_MYSQL_URL"
)

// Dialects lists the databases every integration test runs on.
var Dialects = []string{"postgres", "mysql", "sqlite"}

// Target is a fresh, empty database for one test.
type Target struct {
	// Name is the dialect name: postgres, mysql or sqlite.
	Name string
	// URL opens the fresh database (for CLI and subprocess tests).
	URL string
	// Scope is the schema (PostgreSQL), database (MySQL) or "main" (SQLite).
	Scope string
}

// New creates a fresh database on the named server and registers its
// removal with t.Cleanup. It skips or fails the test when the server is
// unavailable (see the package doc).
func New(t testing.TB, name string) *Target {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch name {
	case "sqlite":
		path := filepath.Join(t.TempDir(), "test.db")
		return &Target{Name: name, URL: "sqlite:" + path, Scope: "main"}
	case "postgres":
		base := serverURL(t, EnvPostgres)
		admin := openOrSkip(ctx, t, base)
		scope := randomName()
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA "`+scope+`"`); err != nil {
			admin.Close()
			t.Fatalf("testdb: create schema %s: %v", scope, err)
		}
		t.Cleanup(func() {
			defer admin.Close()
			if err := dropPostgresSchema(context.Background(), admin, scope); err != nil {
				t.Errorf("testdb: drop schema %s: %v", scope, err)
			}
		})
		// application_name tells this test's sessions apart from those of
		// other tests on the shared database (pg_stat_activity has no
		// search_path to do it).
		u := withQuery(t, withQuery(t, base, "search_path", scope), "application_name", scope)
		return &Target{Name: name, URL: u, Scope: scope}
	case "mysql":
		base := serverURL(t, EnvMySQL)
		scope := newMySQLDatabase(ctx, t, base)
		return &Target{Name: name, URL: withPath(t, base, scope), Scope: scope}
	}
	t.Fatalf("testdb: unknown dialect %q", name)
	return nil
}

// Open creates a fresh database (see New), connects to it and closes the
// connection at cleanup.
func Open(t testing.TB, name string) (*dialect.DB, *Target) {
	t.Helper()
	tg := New(t, name)
	db, err := dialect.Open(context.Background(), tg.URL)
	if err != nil {
		t.Fatalf("testdb: open %s: %v", name, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, tg
}

// newMySQLDatabase creates a database with a random name on the MySQL
// server of base, dropped at cleanup, and returns its name.
func newMySQLDatabase(ctx context.Context, t testing.TB, base string) string {
	t.Helper()
	admin := openOrSkip(ctx, t, base)
	scope := randomName()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+scope+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		admin.Close()
		t.Fatalf("testdb: create database %s: %v", scope, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE `"+scope+"`"); err != nil {
			t.Errorf("testdb: drop database %s: %v", scope, err)
		}
	})
	return scope
}

// unavailable skips the test, or fails it under CI=true.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("testdb: %s (CI=true: integration tests may not skip)", msg)
	}
	t.Skipf("testdb: %s; skipping", msg)
}

func serverURL(t testing.TB, env string) string {
	t.Helper()
	u := os.Getenv(env)
	if u == "" {
		unavailable(t, "%s is not set", env)
	}
	return u
}

func openOrSkip(ctx context.Context, t testing.TB, raw string) *dialect.DB {
	t.Helper()
	db, err := dialect.Open(ctx, raw)
	if err != nil {
		unavailable(t, "server unavailable: %v", err)
	}
	return db
}

func randomName() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "mt_" + hex.EncodeToString(b[:])
}

func withQuery(t testing.TB, raw, key, value string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func withPath(t testing.TB, raw, db string) string {
	t.Helper()
	if !strings.HasPrefix(raw, "mysql://") {
		t.Fatalf("testdb: %s must be a mysql:// URL", EnvMySQL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	u.Path = "/" + db
	return u.String()
}

// dropPostgresSchema drops a test schema. A schema with thousands of
// objects can exceed the lock table in one DROP SCHEMA … CASCADE ("out of
// shared memory"), so its tables are first dropped a hundred at a time.
func dropPostgresSchema(ctx context.Context, db *dialect.DB, scope string) error {
	for {
		rows, err := db.QueryContext(ctx, `SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = $1 LIMIT 100`, scope)
		if err != nil {
			return err
		}
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			names = append(names, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(names) == 0 {
			break
		}
		if _, err := db.ExecContext(ctx, "DROP TABLE IF EXISTS "+strings.Join(names, ", ")+" CASCADE"); err != nil {
			return err
		}
	}
	_, err := db.ExecContext(ctx, `DROP SCHEMA "`+scope+`" CASCADE`)
	return err
}

// NewDatabase creates a fresh PostgreSQL database (not only a schema) on
// the server of MIGRATE_TEST_POSTGRES_URL, from template0, and drops it
// when the test ends. Tests of database-wide objects (extensions, several
// schemas) need one; its Scope is "public". Other dialects get New.
func NewDatabase(t testing.TB, name string) *Target {
	t.Helper()
	if name != "postgres" {
		return New(t, name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	base := serverURL(t, EnvPostgres)
	admin := openOrSkip(ctx, t, base)
	db := randomName()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+db+`" TEMPLATE template0`); err != nil {
		admin.Close()
		t.Fatalf("testdb: create database %s: %v", db, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), `DROP DATABASE "`+db+`" WITH (FORCE)`); err != nil {
			t.Errorf("testdb: drop database %s: %v", db, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	u.Path = "/" + db
	return &Target{Name: name, URL: u.String(), Scope: "public"}
}
