//go:build ignore

// sqlite_floor runs the upgrade script of bench/gen_runner.go (-tool
// script) through modernc.org/sqlite, the driver migrate uses, in one
// transaction on one connection: the floor for any pure-Go tool running
// those statements (issue 10, "Speed"). Compare its wall and CPU time with
// the sqlite3 CLI running the same script in one transaction, and with
// `migrate upgrade head` on the same graph (bench/compare.sh):
//
//	go run bench/gen_runner.go -n 1000 -kind table -dir /tmp/s -tool script
//	go build -o /tmp/floor bench/sqlite_floor.go
//	/tmp/floor -script /tmp/s/upgrade.sql -db /tmp/floor.db
//
// -dsn adds the query string migrate's SQLite URLs get (foreign keys on,
// busy timeout, BEGIN IMMEDIATE); -cancellable runs the statements with a
// context that can be cancelled, as migrate's (Ctrl-C).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

func main() {
	script := flag.String("script", "", "SQL script, one statement per line ending in ;")
	path := flag.String("db", "", "database file (removed first)")
	dsn := flag.String("dsn", "", "query string added to the file name, e.g. _pragma=foreign_keys(1)&_txlock=immediate")
	cancellable := flag.Bool("cancellable", false, "run the statements with a context that can be cancelled (as a Ctrl-C handler makes), not context.Background")
	flag.Parse()
	if *script == "" || *path == "" {
		log.Fatal("usage: sqlite_floor -script FILE -db FILE [-dsn QUERY]")
	}
	src, err := os.ReadFile(*script)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range []string{*path, *path + "-journal", *path + "-wal"} {
		os.Remove(p)
	}
	name := *path
	if *dsn != "" {
		name += "?" + *dsn
	}
	start := time.Now()
	db, err := sql.Open("sqlite", name)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if *cancellable {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, stmt := range strings.Split(string(src), ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			log.Fatalf("statement %d: %v", n+1, err)
		}
		n++
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
	if err := db.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%d statements in %v\n", n, time.Since(start))
}
