//go:build ignore

// gen_runner writes a migrate project of n linear SQL revisions, for
// timing the runner as whole commands (bench/runner.sh, bench/compare.sh):
//
//	go run bench/gen_runner.go -n 1000 -kind table -dir /tmp/p -url sqlite:app.db
//
// With -kind table every revision creates a small table (and its
// downgrade drops it); with -kind empty the revisions have no statements,
// so that timing them measures the runner's own cost per revision: the
// version-table update, the history row, the transaction and the
// bookkeeping around them.
//
// -tool alembic writes the same graph as an Alembic project instead
// (alembic.ini, alembic/env.py reading the SQLAlchemy URL from
// $BENCH_ALEMBIC_URL, one op.execute per statement), and -tool script
// writes the upgrade statements as one SQL script (DIR/upgrade.sql), for
// the database's own client.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	n := flag.Int("n", 1000, "number of revisions")
	kind := flag.String("kind", "table", "table: each revision creates a table; empty: no statements")
	dir := flag.String("dir", "", "project directory to create")
	url := flag.String("url", "sqlite:app.db", "database_url of the project")
	tool := flag.String("tool", "migrate", "migrate, alembic or script")
	flag.Parse()
	if *dir == "" || *n < 1 || (*kind != "table" && *kind != "empty") {
		log.Fatal("usage: go run bench/gen_runner.go -n 1000 -kind table|empty -dir DIR [-url URL] [-tool migrate|alembic|script]")
	}
	switch *tool {
	case "alembic":
		writeAlembic(*dir, *n, *kind)
		return
	case "script":
		writeScript(*dir, *n, *kind)
		return
	case "migrate":
	default:
		log.Fatalf("unknown -tool %q", *tool)
	}
	versions := filepath.Join(*dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		log.Fatal(err)
	}
	toml := fmt.Sprintf("script_location = \"migrations\"\ndatabase_url = %s\n", strconv.Quote(*url))
	if err := os.WriteFile(filepath.Join(*dir, "migrate.toml"), []byte(toml), 0o644); err != nil {
		log.Fatal(err)
	}
	for i := 1; i <= *n; i++ {
		id := fmt.Sprintf("r%05d", i)
		revises := ""
		if i > 1 {
			revises = fmt.Sprintf("r%05d", i-1)
		}
		up, down := "", ""
		if *kind == "table" {
			up, down = createTable(i)+";\n", dropTable(i)+";\n"
		}
		src := fmt.Sprintf("-- migrate:id %s\n-- migrate:revises %s\n-- migrate:message revision %d\n\n-- migrate:upgrade\n%s\n-- migrate:downgrade\n%s",
			id, revises, i, up, down)
		if err := os.WriteFile(filepath.Join(versions, id+"_rev.sql"), []byte(src), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func createTable(i int) string {
	return fmt.Sprintf("CREATE TABLE t%05d (id integer PRIMARY KEY, name varchar(50) NOT NULL)", i)
}

func dropTable(i int) string { return fmt.Sprintf("DROP TABLE t%05d", i) }

const alembicEnv = `import os

from alembic import context
from sqlalchemy import create_engine


def run_migrations_online():
    engine = create_engine(os.environ["BENCH_ALEMBIC_URL"])
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`

// writeAlembic writes the graph as an Alembic project with its default
// settings (env.py as in Alembic's generic template, without logging).
func writeAlembic(dir string, n int, kind string) {
	versions := filepath.Join(dir, "alembic", "versions")
	must(os.MkdirAll(versions, 0o755))
	must(os.WriteFile(filepath.Join(dir, "alembic.ini"), []byte("[alembic]\nscript_location = alembic\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "alembic", "env.py"), []byte(alembicEnv), 0o644))
	must(os.WriteFile(filepath.Join(dir, "alembic", "script.py.mako"), []byte("# unused\n"), 0o644))
	for i := 1; i <= n; i++ {
		revises := "None"
		if i > 1 {
			revises = fmt.Sprintf("'r%05d'", i-1)
		}
		up, down := "    pass\n", "    pass\n"
		if kind == "table" {
			up = fmt.Sprintf("    op.execute(%q)\n", createTable(i))
			down = fmt.Sprintf("    op.execute(%q)\n", dropTable(i))
		}
		src := fmt.Sprintf("\"\"\"revision %d\"\"\"\nfrom alembic import op\n\nrevision = 'r%05d'\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n%s\n\ndef downgrade():\n%s",
			i, i, revises, up, down)
		must(os.WriteFile(filepath.Join(versions, fmt.Sprintf("r%05d_rev.py", i)), []byte(src), 0o644))
	}
}

// writeScript writes the upgrade statements as DIR/upgrade.sql.
func writeScript(dir string, n int, kind string) {
	must(os.MkdirAll(dir, 0o755))
	var b strings.Builder
	if kind == "table" {
		for i := 1; i <= n; i++ {
			b.WriteString(createTable(i) + ";\n")
		}
	}
	must(os.WriteFile(filepath.Join(dir, "upgrade.sql"), []byte(b.String()), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
