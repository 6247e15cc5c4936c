//go:build ignore

// gen_revisions writes a migrate project with n SQL revision files, for
// timing whole commands on a large revision graph (bench/graph.sh):
//
//	go run bench/gen_revisions.go -n 10000 -dir /tmp/bigproject
//
// The graph is a main line in which every 10th revision starts a
// two-revision side branch that the next revision merges back; every
// 100th side branch also depends on a revision of the main line, and
// every 1000th carries a branch label (which, as in Alembic, then applies
// to all its descendants): linear runs, branch points, merge points,
// labels and dependencies, with a single head.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 10000, "number of revisions")
	dir := flag.String("dir", "", "project directory to create (must not exist or be empty)")
	flag.Parse()
	if *dir == "" || *n < 1 {
		log.Fatal("usage: go run bench/gen_revisions.go -n 10000 -dir DIR")
	}
	versions := filepath.Join(*dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		log.Fatal(err)
	}
	toml := "script_location = \"migrations\"\ndatabase_url = \"sqlite:app.db\"\n"
	if err := os.WriteFile(filepath.Join(*dir, "migrate.toml"), []byte(toml), 0o644); err != nil {
		log.Fatal(err)
	}

	count := 0
	write := func(id string, revises []string, label, dep, msg string) {
		var b strings.Builder
		fmt.Fprintf(&b, "-- migrate:id %s\n-- migrate:revises %s\n", id, strings.Join(revises, " "))
		if label != "" {
			fmt.Fprintf(&b, "-- migrate:labels %s\n", label)
		}
		if dep != "" {
			fmt.Fprintf(&b, "-- migrate:depends_on %s\n", dep)
		}
		fmt.Fprintf(&b, "-- migrate:message %s\n-- migrate:create_date 2024-01-01 00:00:00\n\n", msg)
		fmt.Fprintf(&b, "-- migrate:upgrade\nCREATE TABLE t_%s (id integer PRIMARY KEY, note text);\n\n", id)
		fmt.Fprintf(&b, "-- migrate:downgrade\nDROP TABLE t_%s;\n", id)
		name := filepath.Join(versions, id+"_"+strings.ReplaceAll(msg, " ", "_")+".sql")
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
		count++
	}
	id := func(i int) string { return fmt.Sprintf("r%06d", i) }
	last := ""
	for i := 0; count < *n; i++ {
		var revises []string
		if last != "" {
			revises = []string{last}
		}
		write(id(i), revises, "", "", "main step "+id(i))
		last = id(i)
		if i%10 == 5 && count+3 <= *n {
			dep := ""
			if i%100 == 55 && i > 100 {
				dep = id(i - 50)
			}
			label := ""
			if i%1000 == 5 {
				label = "side" + id(i)
			}
			write("s"+id(i), []string{last}, label, "", "side start "+id(i))
			write("t"+id(i), []string{"s" + id(i)}, "", dep, "side end "+id(i))
			i++
			write(id(i), []string{last, "t" + id(i-1)}, "", "", "merge "+id(i))
			last = id(i)
		}
	}
	fmt.Printf("wrote %d revisions to %s\n", count, versions)
}
