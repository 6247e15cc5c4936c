package main

import (
	"io"
	"log"
	"os"
	"slices"

	"github.com/go-sql-driver/mysql"
)

// routeDriverLogs sends the MySQL driver's own log lines ("[mysql] …
// packets.go:58 unexpected EOF" when a connection is lost) to stderr only
// with -v: migrate's messages already say what happened, in its words.
func routeDriverLogs(args []string) {
	w := io.Discard
	if slices.ContainsFunc(args, func(a string) bool { return a == "-v" || a == "--verbose" }) {
		w = os.Stderr
	}
	_ = mysql.SetLogger(log.New(w, "[mysql] ", log.LstdFlags))
}
