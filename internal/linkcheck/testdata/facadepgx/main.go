// Command facadepgx migrates a PostgreSQL database at start-up with the
// facade and the pgx driver only: the program whose dependencies
// internal/linkcheck checks.
package main

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"
	"log"
	"os"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/migratego/migrate"
)

//go:embed versions
var files embed.FS

func main() {
	db, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	versions, _ := fs.Sub(files, "versions")
	if err := migrate.Upgrade(context.Background(), db, migrate.Source{FS: versions}, "head"); err != nil {
		log.Fatal(err)
	}
}
