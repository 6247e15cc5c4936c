//go:build ignore

// gen_autogen writes the schema of the autogenerate benchmark
// (bench/autogen.sh) as a SQL script for one database:
//
//	go run bench/gen_autogen.go -dialect postgres -n 1000 > schema.sql
//
// The schema is internal/schemagen.CompareWorkload: tables t0000…, each
// with eleven columns (literal and expression defaults), a primary key,
// two indexes and a foreign key to the table before it.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/schemagen"
)

func main() {
	name := flag.String("dialect", "postgres", "postgres, mysql or sqlite")
	n := flag.Int("n", 1000, "number of tables")
	flag.Parse()
	d, err := dialect.ForName(*name)
	if err != nil {
		log.Fatal(err)
	}
	md := schemagen.CompareWorkload(*n)
	stmts, err := dialect.CreateAll(d, md)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := fmt.Fprint(os.Stdout, dialect.Script(d, stmts)); err != nil {
		log.Fatal(err)
	}
}
