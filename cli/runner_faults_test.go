package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// appendConfig adds lines to the project's migrate.toml.
func (p *runProject) appendConfig(lines string) {
	p.t.Helper()
	f, err := os.OpenFile(filepath.Join(p.dir, "migrate.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		p.t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(lines); err != nil {
		p.t.Fatal(err)
	}
}

// exec runs statements on the test database.
func execAll(t *testing.T, db *dialect.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestTwoMigrationSets: two projects with different version tables in one
// database share the history table but never see, settle or block each
// other's entries (issue 10 point 3).
func TestTwoMigrationSets(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tg := testdb.New(t, name)
			a := newRunProject(t, tg.URL, "failing")
			b := newRunProject(t, tg.URL, "linear")
			b.appendConfig("version_table = \"b_version\"\n")
			a.want(ExitFailure, "upgrade", "head")
			b.want(0, "upgrade", "head") // not blocked by a's failure
			b.want(0, "stamp", "a2")     // does not settle a's partly applied revision
			outA, _ := a.want(0, "applied")
			outB, _ := b.want(0, "applied")
			if strings.Contains(outA, "a1") || strings.Contains(outB, "f1") || !strings.Contains(outA, "f1") || !strings.Contains(outB, "a1") {
				t.Errorf("history entries mixed:\n--- a:\n%s--- b:\n%s", outA, outB)
			}
			cur, _ := a.want(0, "current")
			if name == "mysql" && !strings.Contains(cur, "partly applied: upgrade f1 -> f2") {
				t.Errorf("a's partly applied revision was settled by b's stamp: current = %q", cur)
			}
			_, errOut := a.want(ExitFailure, "upgrade", "head")
			if strings.Count(errOut, "statement 3 of 4") != 1 || strings.Contains(errOut, "-> a2") {
				t.Errorf("a's rerun:\n%s", errOut)
			}
		})
	}
}

// TestVersionRowsCheckedFirst: a version table with a duplicate row, or
// with a revision and its ancestor, is refused before any statement runs
// (issue 10 point 4).
func TestVersionRowsCheckedFirst(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, tg := testdb.Open(t, name)
			p := newRunProject(t, tg.URL, "linear")
			p.want(0, "upgrade", "head")
			if name == "mysql" {
				// The primary key dropped by hand lets a row in twice.
				execAll(t, db, "ALTER TABLE migrate_version DROP PRIMARY KEY", "INSERT INTO migrate_version VALUES ('a3')")
				_, errOut := p.want(ExitFailure, "downgrade", "-1")
				if !strings.Contains(errOut, "a3 has more than one row") || !strings.Contains(errOut, "nothing was run") {
					t.Errorf("downgrade with a duplicate row:\n%s", errOut)
				}
				count(context.Background(), t, db, "comments") // a3's table is still there
				execAll(t, db, "DELETE FROM migrate_version", "INSERT INTO migrate_version VALUES ('a3')")
			}
			execAll(t, db, "INSERT INTO migrate_version VALUES ('a1')")
			for _, args := range [][]string{{"upgrade", "head"}, {"downgrade", "-1"}, {"current"}} {
				_, errOut := p.want(ExitFailure, args...)
				if !strings.Contains(errOut, "a1 is an ancestor of a3") {
					t.Errorf("%v with rows a1 and a3:\n%s", args, errOut)
				}
			}
			count(context.Background(), t, db, "comments")
		})
	}
}

// TestPartlyAppliedShown: a revision left partly applied on MariaDB is
// shown by current (text and --json), verify (exit 1) and history
// --applied, with each statement's state; fixing the statement that
// failed resumes it (issue 10 points 5 and 6).
func TestPartlyAppliedShown(t *testing.T) {
	tg := testdb.New(t, "mysql")
	p := newRunProject(t, tg.URL, "failing")
	p.want(ExitFailure, "upgrade", "head")
	out, _ := p.want(0, "current")
	if !strings.HasPrefix(out, "f1\n") || !strings.Contains(out, "partly applied: upgrade f1 -> f2") || !strings.Contains(out, "statements 1 ran, 2 ran, 3 failed, 4 not run") {
		t.Errorf("current:\n%s", out)
	}
	out, _ = p.want(0, "current", "--json")
	var cur struct {
		Partial struct {
			Revision   string
			Statements []struct {
				Index int
				State string
				Text  string
			}
		}
	}
	decodeJSON(t, out, &cur)
	if cur.Partial.Revision != "f2" || len(cur.Partial.Statements) != 4 || cur.Partial.Statements[2].State != "failed" || !strings.Contains(cur.Partial.Statements[2].Text, "no_such_table") {
		t.Errorf("current --json: %+v", cur.Partial)
	}
	out, _ = p.want(ExitCheckFailed, "verify")
	if !strings.Contains(out, "partly applied: upgrade f1 -> f2") {
		t.Errorf("verify:\n%s", out)
	}
	out, _ = p.want(0, "applied")
	if !strings.Contains(out, "failed (2/4 statements ran; statement 3 failed)") {
		t.Errorf("history --applied:\n%s", out)
	}
	// The fix of statement 3 is an edit of a statement that did not run.
	p.write("f2_broken.sql", strings.Replace(readRev(t, p, "f2_broken.sql"), "INSERT INTO no_such_table (id) VALUES (1);", "CREATE TABLE f2_fixed (id integer);", 1))
	_, errOut := p.want(0, "upgrade", "head")
	if !strings.Contains(errOut, "resuming at statement 3") {
		t.Errorf("resume:\n%s", errOut)
	}
	p.want(0, "verify")
}

// TestVerifyAcceptAndMissing: verify --accept records an intended edit,
// a vanished file is listed (exit 1), and a missing history table is
// said (issue 10 point 6).
func TestVerifyAcceptAndMissing(t *testing.T) {
	db, tg := testdb.Open(t, "sqlite")
	p := newRunProject(t, tg.URL, "linear")
	p.want(0, "upgrade", "head")
	p.write("a2_create_posts.sql", readRev(t, p, "a2_create_posts.sql")+"\n-- a comment added later\n")
	out, _ := p.want(ExitCheckFailed, "verify")
	if !strings.Contains(out, "a2") {
		t.Errorf("verify after an edit:\n%s", out)
	}
	p.want(0, "verify", "--accept", "a2")
	p.want(0, "verify")
	if err := os.Remove(filepath.Join(p.dir, "migrations", "versions", "a3_add_comments.sql")); err != nil {
		t.Fatal(err)
	}
	out, _ = p.want(ExitCheckFailed, "verify")
	if !strings.Contains(out, "a3") {
		t.Errorf("verify with a vanished file:\n%s", out)
	}
	execAll(t, db, "DROP TABLE migrate_history")
	_, errOut := p.want(ExitCheckFailed, "verify")
	if !strings.Contains(errOut, "history table does not exist") {
		t.Errorf("verify without a history table: %s", errOut)
	}
}

// TestConcurrentlyAloneOutsideTransaction: in a SQL revision without
// `transactional false`, only the CREATE INDEX CONCURRENTLY runs outside
// a transaction; the statements after it keep theirs (issue 10 point 9),
// and the message speaks of PostgreSQL.
func TestConcurrentlyAloneOutsideTransaction(t *testing.T) {
	db, tg := testdb.Open(t, "postgres")
	p := newRunProject(t, tg.URL, "")
	p.write("k1.sql", "-- migrate:id k1\n\n-- migrate:upgrade\nCREATE TABLE ka (x integer);\nCREATE INDEX CONCURRENTLY ka_x ON ka (x);\nCREATE TABLE kb (x integer);\nINSERT INTO nowhere VALUES (1);\n")
	_, errOut := p.want(ExitFailure, "upgrade", "head")
	if !strings.Contains(errOut, "PostgreSQL cannot run inside a transaction") || strings.Contains(errOut, "commits every") || strings.Contains(errOut, "runner:") {
		t.Errorf("message:\n%s", errOut)
	}
	count(context.Background(), t, db, "ka")
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'kb'").Scan(&n); err != nil || n != 0 {
		t.Errorf("kb exists (%d, %v): the statements after the CONCURRENTLY one ran outside a transaction", n, err)
	}
	p.write("k1.sql", "-- migrate:id k1\n\n-- migrate:upgrade\nCREATE TABLE ka (x integer);\nCREATE INDEX CONCURRENTLY ka_x ON ka (x);\nCREATE TABLE kb (x integer);\nCREATE TABLE kc (x integer);\n")
	p.want(0, "upgrade", "head")
	count(context.Background(), t, db, "kc")
}

// TestOfflineScriptStopsInPsql: the offline PostgreSQL script, piped into
// plain psql (without ON_ERROR_STOP), applies nothing after a failed
// revision: the version row stays at the last good revision (issue 10
// point 13).
func TestOfflineScriptStopsInPsql(t *testing.T) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Fatal("psql is needed (postgresql-client)")
	}
	db, tg := testdb.Open(t, "postgres")
	p := newRunProject(t, tg.URL, "")
	for i, up := range []string{"CREATE TABLE o1 (x integer);", "INSERT INTO nowhere VALUES (1);", "CREATE TABLE o3 (x integer);", "CREATE TABLE o4 (x integer);"} {
		revises := ""
		if i > 0 {
			revises = "-- migrate:revises r0" + string(rune('0'+i)) + "\n"
		}
		id := "r0" + string(rune('1'+i))
		p.write(id+".sql", "-- migrate:id "+id+"\n"+revises+"\n-- migrate:upgrade\n"+up+"\n")
	}
	script, _ := p.want(0, "upgrade", "head", "--sql")
	schema := tg.Scope
	cmd := exec.Command(psql, "-X", "-q", "postgres://postgres@127.0.0.1:5432/migrate_test?sslmode=disable")
	if u := os.Getenv(testdb.EnvPostgres); u != "" {
		cmd = exec.Command(psql, "-X", "-q", u)
	}
	cmd.Env = append(os.Environ(), "PGOPTIONS=-c search_path="+schema)
	cmd.Stdin = strings.NewReader(script)
	out, _ := cmd.CombinedOutput() // psql reports the errors and goes on
	var row string
	if err := db.QueryRowContext(context.Background(), "SELECT version_num FROM migrate_version").Scan(&row); err != nil || row != "r01" {
		t.Errorf("version row %q (%v), want r01\npsql:\n%s", row, err, out)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1 AND tablename IN ('o3', 'o4')", schema).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d tables of the revisions after the failed one exist (%v)\npsql:\n%s", n, err, out)
	}
}

// TestRunMessages: --transaction all reports no revision "done" before
// the run commits, a downgrade says "reverted", and no message carries an
// internal prefix (issue 10 point 14).
func TestRunMessages(t *testing.T) {
	tg := testdb.New(t, "sqlite")
	p := newRunProject(t, tg.URL, "failing")
	_, errOut := p.want(ExitFailure, "upgrade", "head", "--transaction", "all")
	if strings.Contains(errOut, "done (") || !strings.Contains(errOut, "whole run was rolled back") || strings.Contains(errOut, "runner:") {
		t.Errorf("--transaction all:\n%s", errOut)
	}
	q := newRunProject(t, testdb.New(t, "sqlite").URL, "linear")
	_, errOut = q.want(0, "upgrade", "head", "--transaction", "all")
	if !strings.Contains(errOut, "committed 3 revision(s)") {
		t.Errorf("--transaction all:\n%s", errOut)
	}
	_, errOut = q.want(0, "downgrade", "base")
	if !strings.Contains(errOut, "3 revision(s) reverted") {
		t.Errorf("downgrade:\n%s", errOut)
	}
}
