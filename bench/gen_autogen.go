//go:build ignore

// gen_autogen writes the schema of the autogenerate benchmark
// (bench/autogen.sh) as a SQL script for one database:
//
//	go run bench/gen_autogen.go -dialect postgres -n 1000 > schema.sql
//
// The schema is internal/schemagen.Workload (tables t0000…, each with ten
// columns, a primary key, two indexes and a foreign key to the table
// before it) with an eleventh column carrying an expression default
// (updated TIMESTAMP DEFAULT CURRENT_TIMESTAMP), so that both literal and
// expression server defaults are compared.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/schemagen"
	"github.com/migratego/migrate/model"
)

func main() {
	name := flag.String("dialect", "postgres", "postgres, mysql or sqlite")
	n := flag.Int("n", 1000, "number of tables")
	flag.Parse()
	d, err := dialect.ForName(*name)
	if err != nil {
		log.Fatal(err)
	}
	md := schemagen.Workload(0, *n)
	for _, t := range md.Tables {
		t.Columns = append(t.Columns, &model.Column{Name: "updated", Type: model.Timestamp, Nullable: true, Default: model.DefaultExpr("CURRENT_TIMESTAMP")})
	}
	stmts, err := dialect.CreateAll(d, md)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := fmt.Fprint(os.Stdout, dialect.Script(d, stmts)); err != nil {
		log.Fatal(err)
	}
}
