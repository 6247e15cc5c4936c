package dialect

import (
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
)

// TestMySQLURLDSN: the DSN that ParseURL builds for the driver (which
// package dialect does not link) reads back, with the driver's own
// ParseDSN, as the URL said; multiStatements is always off.
func TestMySQLURLDSN(t *testing.T) {
	for _, tc := range []struct {
		url                       string
		user, pass, net, addr, db string
		params                    map[string]string
		redacted, database        string
	}{
		{url: "mysql://root@127.0.0.1:3306/migrate_test", user: "root", net: "tcp", addr: "127.0.0.1:3306", db: "migrate_test",
			redacted: "mysql://root@127.0.0.1:3306/migrate_test", database: "migrate_test"},
		{url: "mysql://u:p%40ss:w@db.example/app?timeout=5s&multiStatements=true&sql_mode=%27ANSI%27", user: "u", pass: "p@ss:w",
			net: "tcp", addr: "db.example:3306", db: "app", params: map[string]string{"sql_mode": "'ANSI'"},
			redacted: "mysql://u:xxxxx@db.example/app?timeout=5s&multiStatements=true&sql_mode=%27ANSI%27", database: "app"},
		{url: "mysql://u@[::1]/my%20db", user: "u", net: "tcp", addr: "[::1]:3306", db: "my db", redacted: "mysql://u@[::1]/my%20db", database: "my db"},
		{url: "root:t0p@s3cret@tcp(h:3306)/db?timeout=5s&multiStatements=true", user: "root", pass: "t0p@s3cret", net: "tcp", addr: "h:3306", db: "db",
			redacted: "root:xxxxx@tcp(h:3306)/db?timeout=5s", database: "db"},
		{url: "app@unix(/run/mysqld/mysqld.sock)/shop", user: "app", net: "unix", addr: "/run/mysqld/mysqld.sock", db: "shop",
			redacted: "app@unix(/run/mysqld/mysqld.sock)/shop", database: "shop"},
	} {
		u, err := ParseURL(tc.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tc.url, err)
			continue
		}
		if u.Driver != "mysql" || u.Database != tc.database || u.Redacted != tc.redacted {
			t.Errorf("ParseURL(%q) = driver %s, database %q, redacted %q; want mysql, %q, %q", tc.url, u.Driver, u.Database, u.Redacted, tc.database, tc.redacted)
		}
		cfg, err := mysql.ParseDSN(u.DSN)
		if err != nil {
			t.Errorf("%q: the driver refuses DSN %q: %v", tc.url, u.DSN, err)
			continue
		}
		if cfg.User != tc.user || cfg.Passwd != tc.pass || cfg.Net != tc.net || cfg.Addr != tc.addr || cfg.DBName != tc.db || cfg.MultiStatements {
			t.Errorf("%q: the driver reads %q as user %q pass %q net %s addr %s db %q multiStatements %t", tc.url, u.DSN,
				cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName, cfg.MultiStatements)
		}
		for k, v := range tc.params {
			if cfg.Params[k] != v {
				t.Errorf("%q: parameter %s = %q, want %q", tc.url, k, cfg.Params[k], v)
			}
		}
		if strings.Contains(u.Redacted, "t0p") || strings.Contains(u.Redacted, "p@ss") {
			t.Errorf("%q: redacted form %q shows the password", tc.url, u.Redacted)
		}
	}
	if _, err := ParseURL("root:x@tcp(h:3306/db"); err == nil || !strings.Contains(err.Error(), "malformed MySQL DSN") {
		t.Errorf("unclosed address: %v", err)
	}
}

// TestDriverPackages: every driver package ForDriver knows names a
// dialect, and the three drivers the module is tested with are known.
func TestDriverPackages(t *testing.T) {
	for pkg, name := range driverPackages {
		if _, err := ForName(name); err != nil {
			t.Errorf("%s: %v", pkg, err)
		}
	}
	for drv, imp := range driverImports {
		if _, ok := driverPackages[imp]; !ok {
			t.Errorf("driver %s (%s) is not detected by ForDriver", drv, imp)
		}
		if !slices.Contains(sql.Drivers(), drv) {
			t.Errorf("driver %s is not registered by %s in the tests", drv, imp)
		}
	}
}

// TestCheckDriverLinked: a URL whose driver the program does not link is
// refused with the import to add.
func TestCheckDriverLinked(t *testing.T) {
	if err := checkDriverLinked(&URL{Driver: "pgx", Redacted: "postgres://h/db"}); err != nil {
		t.Fatalf("pgx is linked in the tests: %v", err)
	}
	err := checkDriverLinked(&URL{Driver: "nosuch", Redacted: "nosuch://h/db"})
	if err == nil || !strings.Contains(err.Error(), `open nosuch://h/db: the database/sql driver "nosuch" is not linked into this program`) {
		t.Fatalf("unlinked driver: %v", err)
	}
}
