//go:build ignore

// stream_rss streams rows through a revision's Op and reports the peak
// resident set size, for the data-migration goal of issue 14 (1,000,000
// rows, peak RSS ≤ 50 MB). bench/stream_rss.sh runs it twice: -setup
// fills the table (in its own process, so that the rows it generates do
// not count), then -stream reads every row into a struct with
// ops.Stream, in a transaction on one connection as the runner gives a
// revision, and prints the rows read, the time and VmHWM.
//
//	go run bench/stream_rss.go -url "$MIGRATE_TEST_POSTGRES_URL" -n 1000000 -setup
//	go run bench/stream_rss.go -url "$MIGRATE_TEST_POSTGRES_URL" -stream
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/ops"
	"github.com/migratego/migrate/query"
)

type row struct {
	ID    int64  `migrate:"id"`
	Email string `migrate:"email"`
	Name  string `migrate:"name"`
	Score int64  `migrate:"score"`
}

func main() {
	url := flag.String("url", "", "database URL")
	n := flag.Int("n", 1_000_000, "rows (-setup; 0 drops the table)")
	setup := flag.Bool("setup", false, "create and fill the table stream_bench")
	stream := flag.Bool("stream", false, "stream every row of stream_bench")
	flag.Parse()
	ctx := context.Background()
	db, err := dialect.Open(ctx, *url)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	switch {
	case *setup && *n == 0:
		if _, err := db.ExecContext(ctx, "DROP TABLE IF EXISTS stream_bench"); err != nil {
			log.Fatal(err)
		}
	case *setup:
		fill(ctx, db, *n)
	case *stream:
		read(ctx, db)
	default:
		log.Fatal("give -setup or -stream")
	}
}

func fill(ctx context.Context, db *dialect.DB, n int) {
	for _, s := range []string{"DROP TABLE IF EXISTS stream_bench",
		"CREATE TABLE stream_bench (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(100) NOT NULL, score BIGINT NOT NULL)"} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			log.Fatal(err)
		}
	}
	op := ops.NewOp(db.Dialect, db.DB)
	const chunk = 50_000
	for start := 0; start < n; start += chunk {
		b := ops.BulkInsert{Table: "stream_bench", Columns: []string{"id", "email", "name", "score"}}
		for i := start; i < min(start+chunk, n); i++ {
			b.Rows = append(b.Rows, []any{int64(i + 1), fmt.Sprintf("user%d@example.com", i), fmt.Sprintf("User Number %d", i), int64(i % 1000)})
		}
		if err := op.BulkInsert(ctx, b); err != nil {
			log.Fatal(err)
		}
	}
}

func read(ctx context.Context, db *dialect.DB) {
	conn, err := db.Conn(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	op := ops.NewOp(db.Dialect, tx)
	op.InTransaction = true
	t := query.T("stream_bench")
	start := time.Now()
	var rows, sum int64
	for r, err := range ops.Stream[row](ctx, op, query.Select().From(t).OrderBy(query.Asc(t.C("id")))) {
		if err != nil {
			log.Fatal(err)
		}
		rows++
		sum += r.Score + int64(len(r.Email)+len(r.Name))
	}
	fmt.Printf("rows %d (checksum %d) in %.2f s, peak RSS %s\n", rows, sum, time.Since(start).Seconds(), vmHWM())
}

// vmHWM returns the process's peak resident set size from /proc.
func vmHWM() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
