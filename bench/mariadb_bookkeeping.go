//go:build ignore

// mariadb_bookkeeping measures, on MariaDB/MySQL, what each way of
// recording statement progress costs per CREATE TABLE revision (issue 10,
// "Speed"), on one connection, as the modes below, in turn, ROUNDS times,
// on N fresh tables each:
//
//	ddl     the statement alone (the client's script);
//	innodb  what migrate does: BEGIN, the previous revision's version and
//	        history updates, this revision's history row, COMMIT (durable:
//	        one redo-log flush), then the statement;
//	memory  the same three writes to MEMORY-engine tables, autocommitted
//	        (no redo log, no flush: survives the client's death, not the
//	        server's), then the statement;
//	multi   the innodb writes sent as one multi-statement packet (needs
//	        multiStatements=true), then the statement;
//	compound the innodb writes as one MariaDB compound statement (BEGIN
//	        NOT ATOMIC … END: one statement, one round trip, no
//	        multiStatements; the version row's count checked on the server,
//	        SIGNAL when it is not 1; values as hex literals), then the
//	        statement.
//
//	go run bench/mariadb_bookkeeping.go -dsn 'root@tcp(127.0.0.1:3306)/' -n 300 -rounds 3
//
// It prints the best time per revision of each mode and, per mode, the
// server's Innodb_log_writes and Innodb_data_fsyncs per revision (global
// counters: other sessions' work adds to them).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	dsn := flag.String("dsn", "root@tcp(127.0.0.1:3306)/", "go-sql-driver DSN of the server, without a database")
	n := flag.Int("n", 300, "revisions per round")
	rounds := flag.Int("rounds", 3, "rounds; the best is kept")
	flag.Parse()
	ctx := context.Background()
	const dbname = "bench_bookkeeping"
	admin, err := sql.Open("mysql", *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer admin.Close()
	sep := "?"
	if strings.Contains(*dsn, "?") {
		sep = "&"
	}
	modes := []string{"ddl", "innodb", "memory", "multi", "compound"}
	best := map[string]time.Duration{}
	logw := map[string]float64{}
	fsyncs := map[string]float64{}
	for r := 0; r < *rounds; r++ {
		for _, mode := range modes {
			must(exec(ctx, admin, "DROP DATABASE IF EXISTS "+dbname, "CREATE DATABASE "+dbname))
			db, err := sql.Open("mysql", *dsn+dbname+sep+"multiStatements=true")
			if err != nil {
				log.Fatal(err)
			}
			conn, err := db.Conn(ctx)
			if err != nil {
				log.Fatal(err)
			}
			must(exec(ctx, conn,
				"CREATE TABLE v (id varchar(255) PRIMARY KEY) ENGINE=InnoDB",
				"CREATE TABLE h (id bigint AUTO_INCREMENT PRIMARY KEY, revision varchar(255), status varchar(20), statements_done int, session bigint) ENGINE=InnoDB",
				"CREATE TABLE vm (id varchar(255) PRIMARY KEY) ENGINE=MEMORY",
				"CREATE TABLE hm (id bigint AUTO_INCREMENT PRIMARY KEY, revision varchar(255), status varchar(20), statements_done int, session bigint) ENGINE=MEMORY",
				"INSERT INTO v VALUES ('r0')", "INSERT INTO vm VALUES ('r0')"))
			w0, f0 := counters(ctx, admin)
			start := time.Now()
			prevID := int64(0)
			for i := 1; i <= *n; i++ {
				prev, rev := fmt.Sprintf("r%d", i-1), fmt.Sprintf("r%d", i)
				switch mode {
				case "innodb", "memory":
					v, h := "v", "h"
					if mode == "memory" {
						v, h = "vm", "hm"
					} else {
						must(exec(ctx, conn, "BEGIN"))
					}
					res, err := conn.ExecContext(ctx, "UPDATE "+v+" SET id = ? WHERE id = ?", prev, fmt.Sprintf("r%d", i-2))
					if i > 1 {
						must(err)
						if k, _ := res.RowsAffected(); k != 1 {
							log.Fatalf("%s: version update touched %d rows", mode, k)
						}
						_, err = conn.ExecContext(ctx, "UPDATE "+h+" SET status = 'ok' WHERE id = ?", prevID)
						must(err)
					}
					res, err = conn.ExecContext(ctx, "INSERT INTO "+h+" (revision, status, statements_done, session) VALUES (?, 'running', 0, ?)", rev, 42)
					must(err)
					prevID, _ = res.LastInsertId()
					if mode == "innodb" {
						must(exec(ctx, conn, "COMMIT"))
					}
				case "multi":
					must(exec(ctx, conn, fmt.Sprintf("BEGIN; UPDATE v SET id = '%s' WHERE id = 'r%d'; UPDATE h SET status = 'ok' WHERE id = %d; INSERT INTO h (revision, status, statements_done, session) VALUES ('%s', 'running', 0, 42); COMMIT", prev, i-2, prevID, rev)))
					prevID++
				case "compound":
					q := fmt.Sprintf("BEGIN NOT ATOMIC START TRANSACTION; UPDATE v SET id = X'%x' WHERE id = X'%x'; "+
						"IF ROW_COUNT() <> 1 AND %d > 1 THEN ROLLBACK; SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'version row'; END IF; "+
						"UPDATE h SET status = 'ok' WHERE id = %d; INSERT INTO h (revision, status, statements_done, session) VALUES (X'%x', 'running', 0, 42); "+
						"SELECT LAST_INSERT_ID(); COMMIT; END", prev, fmt.Sprintf("r%d", i-2), i, prevID, rev)
					must(conn.QueryRowContext(ctx, q).Scan(&prevID))
				}
				must(exec(ctx, conn, fmt.Sprintf("CREATE TABLE t%05d (id integer PRIMARY KEY, name varchar(50) NOT NULL)", i)))
			}
			d := time.Since(start) / time.Duration(*n)
			w1, f1 := counters(ctx, admin)
			if b, ok := best[mode]; !ok || d < b {
				best[mode] = d
				logw[mode] = float64(w1-w0) / float64(*n)
				fsyncs[mode] = float64(f1-f0) / float64(*n)
			}
			conn.Close()
			db.Close()
		}
	}
	must(exec(ctx, admin, "DROP DATABASE IF EXISTS "+dbname))
	fmt.Printf("%d revisions, best of %d rounds\n%-8s %12s %10s %16s %16s\n", *n, *rounds, "mode", "µs/revision", "ratio", "log writes/rev", "data fsyncs/rev")
	for _, m := range modes {
		fmt.Printf("%-8s %12d %10.2f %16.2f %16.2f\n", m, best[m].Microseconds(), float64(best[m])/float64(best["ddl"]), logw[m], fsyncs[m])
	}
}

type execer interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}

func exec(ctx context.Context, q execer, stmts ...string) error {
	for _, s := range stmts {
		if _, err := q.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

func counters(ctx context.Context, db *sql.DB) (logWrites, fsyncs int64) {
	rows, err := db.QueryContext(ctx, "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_log_writes', 'Innodb_data_fsyncs')")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var v int64
		must(rows.Scan(&name, &v))
		if name == "Innodb_log_writes" {
			logWrites = v
		} else {
			fsyncs = v
		}
	}
	return logWrites, fsyncs
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
