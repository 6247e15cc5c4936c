//go:build ignore

// gen_runner writes a migrate project of n linear SQL revisions, for
// timing the runner as whole commands (bench/runner.sh):
//
//	go run bench/gen_runner.go -n 1000 -kind table -dir /tmp/p -url sqlite:app.db
//
// With -kind table every revision creates a small table (and its
// downgrade drops it); with -kind empty the revisions have no statements,
// so that timing them measures the runner's own cost per revision: the
// version-table update, the history row, the transaction and the
// bookkeeping around them.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	n := flag.Int("n", 1000, "number of revisions")
	kind := flag.String("kind", "table", "table: each revision creates a table; empty: no statements")
	dir := flag.String("dir", "", "project directory to create")
	url := flag.String("url", "sqlite:app.db", "database_url of the project")
	flag.Parse()
	if *dir == "" || *n < 1 || (*kind != "table" && *kind != "empty") {
		log.Fatal("usage: go run bench/gen_runner.go -n 1000 -kind table|empty -dir DIR [-url URL]")
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
			up = fmt.Sprintf("CREATE TABLE t%05d (id integer PRIMARY KEY, name varchar(50) NOT NULL);\n", i)
			down = fmt.Sprintf("DROP TABLE t%05d;\n", i)
		}
		src := fmt.Sprintf("-- migrate:id %s\n-- migrate:revises %s\n-- migrate:message revision %d\n\n-- migrate:upgrade\n%s\n-- migrate:downgrade\n%s",
			id, revises, i, up, down)
		if err := os.WriteFile(filepath.Join(versions, id+"_rev.sql"), []byte(src), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
