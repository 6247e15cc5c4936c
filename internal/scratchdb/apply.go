package scratchdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/scriptdir"
)

// ApplyFile runs the statements of the SQL file at path on the scratch
// database, split by the statement lexer of its dialect; name is the file
// as messages show it.
func (s *DB) ApplyFile(ctx context.Context, path, name string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return &UserError{Err: fmt.Errorf("model: %w", err)}
	}
	return s.ApplyScript(ctx, name, string(b))
}

// ApplyScript runs the statements of a SQL script, named name in
// messages, on the scratch database. A failing statement is an
// *ApplyError.
//
// Where DDL is transactional, the statements run in transactions (one for
// the whole script unless a statement cannot run in one): a commit per
// statement costs more than the statement on a large schema. Where the
// driver also takes several statements in one Exec (PostgreSQL), each
// transaction's statements are sent in one round trip; when that fails,
// the transaction is rolled back and its statements run again one by one
// to name the failing one. A script that controls its own transactions (a
// dump's BEGIN … COMMIT) runs as written, a statement at a time.
func (s *DB) ApplyScript(ctx context.Context, name, script string) error {
	stmts, err := scriptdir.SplitStatements(script, s.Dialect.Capabilities().Syntax)
	if err != nil {
		var le *scriptdir.LexError
		if errors.As(err, &le) {
			return &ApplyError{File: name, Line: le.Line, Err: errors.New(le.Msg)}
		}
		return &ApplyError{File: name, Line: 1, Err: err}
	}
	// A dump's rows (COPY … FROM stdin): a model is a schema, its rows
	// are not needed.
	stmts = slices.DeleteFunc(stmts, func(st scriptdir.Statement) bool { return st.Copy })
	conn, err := s.Conn(ctx)
	if err != nil {
		return fmt.Errorf("scratch database: %w", err)
	}
	defer s.release(conn)
	if fk, ok := s.Dialect.(dialect.ForeignKeySwitch); ok {
		// A model is a schema: like the sqlite3 shell, which dumps are
		// written for, do not enforce foreign keys on the rows it holds.
		if _, err := conn.ExecContext(ctx, fk.SetForeignKeys(false)); err != nil {
			return fmt.Errorf("scratch database: %w", err)
		}
	}
	if t, ok := s.Dialect.(dialect.CommitTuner); ok {
		// What is applied to a scratch database is thrown away: its
		// commits need not wait for the disk.
		if _, err := t.AsyncCommits(ctx, conn); err != nil {
			return fmt.Errorf("scratch database: %w", err)
		}
	}
	a := applier{conn: conn, file: name, multi: s.Dialect.Capabilities().MultiStatementExec, d: s.Dialect}
	rs, _ := dialect.RunSupportOf(s.Dialect)
	grouped := s.Dialect.Capabilities().TransactionalDDL && rs != nil &&
		!slices.ContainsFunc(stmts, func(st scriptdir.Statement) bool { return transactionControl.MatchString(st.Text) })
	if !grouped {
		return a.each(ctx, conn, stmts)
	}
	start := 0
	for i, st := range stmts {
		if rs.NeedsAutocommit(st.Text) {
			if err := a.transaction(ctx, stmts[start:i]); err != nil {
				return err
			}
			if err := a.each(ctx, conn, stmts[i:i+1]); err != nil {
				return err
			}
			start = i + 1
		}
	}
	return a.transaction(ctx, stmts[start:])
}

// applier runs the statements of one script on one connection.
type applier struct {
	conn  *sql.Conn
	file  string
	multi bool // the dialect's MultiStatementExec
	d     dialect.Dialect
}

// transaction runs stmts in one transaction: in one Exec where the
// dialect allows it, else (or to find the statement that failed) one
// statement at a time.
func (a applier) transaction(ctx context.Context, stmts []scriptdir.Statement) error {
	if len(stmts) == 0 {
		return nil
	}
	if a.multi && len(stmts) > 1 {
		texts := make([]string, len(stmts))
		for i, st := range stmts {
			texts[i] = st.Text
		}
		// A newline before each semicolon ends a trailing line comment.
		joined := strings.Join(texts, "\n;\n")
		err := a.inTransaction(ctx, stmts[0].Line, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, joined)
			return err
		})
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return a.inTransaction(ctx, stmts[0].Line, func(tx *sql.Tx) error { return a.each(ctx, tx, stmts) })
}

// inTransaction runs f in a transaction on the connection and commits it;
// a failed commit is an *ApplyError at line.
func (a applier) inTransaction(ctx context.Context, line int, f func(tx *sql.Tx) error) error {
	tx, err := a.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("scratch database: %w", err)
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return &ApplyError{File: a.file, Line: line, Err: err}
	}
	return nil
}

// each runs stmts one at a time on q; a failing statement is an
// *ApplyError.
func (a applier) each(ctx context.Context, q dialect.Querier, stmts []scriptdir.Statement) error {
	for _, st := range stmts {
		if _, err := q.ExecContext(ctx, st.Text); err != nil {
			return &ApplyError{File: a.file, Line: st.Line, Statement: st.Text, Err: err, Hint: dialect.Hint(a.d, err)}
		}
	}
	return nil
}

// release gives back the connection a script ran on. A script may change
// its session (pg_dump empties search_path, mysqldump sets sql_mode and
// the time zone), which must not reach the inspection that follows: the
// connection is closed rather than reused, unless it is the only one of
// an in-memory database, where the schema lives.
func (s *DB) release(conn *sql.Conn) {
	if !s.URL.Memory() {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = conn.Close()
}

// transactionControl matches a statement that begins or ends a
// transaction.
var transactionControl = regexp.MustCompile(`(?i)^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b`)
