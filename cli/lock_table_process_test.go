package cli

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// TestConcurrentUpgradesTableLock: with lock = "table" in migrate.toml,
// eight `migrate upgrade head` processes started at once apply each
// revision once and all exit 0, on PostgreSQL and MariaDB; the lease row
// is gone when they are done.
func TestConcurrentUpgradesTableLock(t *testing.T) {
	bin := migrateBinary(t)
	const revisions, procs = 6, 8
	for _, name := range []string{"postgres", "mysql"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			p := newRunProject(t, tg.URL, "")
			p.appendConfig("lock = \"table\"\nlock_lease = \"5s\"\n")
			p.write("r00_log.sql", "-- migrate:id r00\n\n-- migrate:upgrade\nCREATE TABLE applied_log (n integer);\n")
			for i := 1; i < revisions; i++ {
				p.write(fmt.Sprintf("r%02d.sql", i), fmt.Sprintf(
					"-- migrate:id r%02d\n-- migrate:revises r%02d\n\n-- migrate:upgrade\nCREATE TABLE t%02d (id integer PRIMARY KEY);\nINSERT INTO applied_log (n) VALUES (%d);\n", i, i-1, i, i))
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			runs := runAtOnce(procs, func(int) *exec.Cmd { return p.command(ctx, bin, "upgrade", "head") })
			applied := 0
			for i, run := range runs {
				if run.err != nil {
					t.Errorf("process %d: %v\n%s", i, run.err, run.out)
				}
				applied += strings.Count(run.out, "Running upgrade ")
			}
			db, err := dialect.Open(ctx, tg.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			logged, distinct := 0, 0
			if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(DISTINCT n) FROM applied_log").Scan(&logged, &distinct); err != nil {
				t.Fatal(err)
			}
			if applied != revisions || logged != revisions-1 || distinct != revisions-1 {
				t.Errorf("%d revisions applied, applied_log %d rows (%d distinct); want %d, %d", applied, logged, distinct, revisions, revisions-1)
			}
			if n := count(ctx, t, db, "migrate_version_lock"); n != 0 {
				t.Errorf("%d lease row(s) left", n)
			}
		})
	}
}

// TestLockSettings: ensure-version with --lock table creates the lock
// table; bad lock settings and the table lock on SQLite are input errors
// (exit 2) that say what to do.
func TestLockSettings(t *testing.T) {
	tg := testdb.New(t, "postgres")
	p := newRunProject(t, tg.URL, "")
	p.want(0, "ensure-version", "--lock", "table", "--lock-lease", "3s")
	db, err := dialect.Open(context.Background(), tg.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ok, err := db.Dialect.(dialect.RunSupport).TableExists(context.Background(), db, "", "migrate_version_lock"); err != nil || !ok {
		t.Errorf("ensure-version --lock table: lock table exists %t, %v", ok, err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"upgrade", "head", "--lock", "advisory"}, `--lock "advisory": use auto or table`},
		{[]string{"upgrade", "head", "--lock", "table", "--lock-lease", "10ms"}, "--lock-lease 10ms: use at least 1s"},
	} {
		if _, errOut := p.want(ExitUsage, tt.args...); !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: %s", tt.args, errOut)
		}
	}
	p.appendConfig("lock = \"tabel\"\n")
	if _, errOut := p.want(ExitUsage, "upgrade", "head"); !strings.Contains(errOut, `lock: "tabel" is not a lock (use auto or table)`) || !strings.Contains(errOut, "migrate.toml:") {
		t.Errorf("lock = \"tabel\": %s", errOut)
	}

	lite := newRunProject(t, testdb.New(t, "sqlite").URL, "")
	lite.write("a.sql", "-- migrate:id a\n\n-- migrate:upgrade\nCREATE TABLE a (id integer);\n")
	if _, errOut := lite.want(ExitUsage, "upgrade", "head", "--lock", "table"); !strings.Contains(errOut, `lock = "table" is not supported`) {
		t.Errorf("--lock table on SQLite: %s", errOut)
	}
}
