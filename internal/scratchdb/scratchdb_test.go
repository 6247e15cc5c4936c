package scratchdb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/inspect"
	"github.com/migratego/migrate/internal/testdb"
)

// schemaFiles are two schema files that must be applied in order.
var schemaFiles = map[string]string{
	"a_users.sql": `-- users first
CREATE TABLE users (
  id integer NOT NULL PRIMARY KEY,
  email varchar(200) NOT NULL -- a comment; with a semicolon
);
CREATE INDEX ix_users_email ON users (email);
`,
	"b_posts.sql": `CREATE TABLE posts (
  id integer NOT NULL PRIMARY KEY,
  user_id integer NOT NULL,
  title varchar(100) DEFAULT 'a;b',
  CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id)
);
`,
}

func writeFiles(t *testing.T, files map[string]string) []File {
	t.Helper()
	dir := t.TempDir()
	var out []File
	for _, name := range []string{"a_users.sql", "b_posts.sql", "bad.sql"} {
		text, ok := files[name]
		if !ok {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, File{Path: p, Name: name})
	}
	return out
}

// gone fails the test unless the temporary database name no longer exists
// on the server of target.
func gone(t *testing.T, target, name string) {
	t.Helper()
	u, err := dialect.ParseURL(target)
	if err != nil {
		t.Fatal(err)
	}
	other, err := u.WithDatabase(name)
	if err != nil {
		t.Fatal(err)
	}
	if db, err := dialect.OpenURL(context.Background(), other); err == nil {
		db.Close()
		t.Errorf("temporary database %s still exists after Close", name)
	}
}

func TestLoadModel(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			tg := testdb.New(t, name)
			md, err := LoadModel(context.Background(), tg.URL, "", writeFiles(t, schemaFiles), inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, tb := range md.Tables {
				names = append(names, tb.QualifiedName())
			}
			if got := strings.Join(names, ","); got != "posts,users" {
				t.Fatalf("tables = %s, want posts,users (in the default schema)", got)
			}
			posts := md.Table("", "posts")
			if len(posts.ForeignKeys) != 1 || posts.Column("title") == nil {
				t.Errorf("posts = %+v, want its foreign key and title column", posts)
			}
		})
	}
}

func TestTemporaryDatabaseDroppedAfterFailure(t *testing.T) {
	for _, name := range []string{"postgres", "mysql"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tg := testdb.New(t, name)
			s, err := Open(ctx, tg.URL, "")
			if err != nil {
				t.Fatal(err)
			}
			tmp := s.name
			if !strings.HasPrefix(tmp, Prefix) {
				t.Errorf("temporary database %q does not start with %s", tmp, Prefix)
			}
			files := writeFiles(t, map[string]string{"bad.sql": "CREATE TABLE ok (id integer);\n\nCREATE TABLE broken (id nosuchtype);\n"})
			err = s.ApplyFile(ctx, files[0].Path, files[0].Name)
			var ae *ApplyError
			if !errors.As(err, &ae) || ae.File != "bad.sql" || ae.Line != 3 || !strings.Contains(ae.Statement, "broken") {
				t.Fatalf("ApplyFile = %v, want an ApplyError at bad.sql:3 naming the statement", err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "bad.sql:3: ") || !strings.Contains(msg, "CREATE TABLE broken") {
				t.Errorf("message %q does not name the file, line and statement", msg)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			gone(t, tg.URL, tmp)
			if err := s.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
		})
	}
}

// TestApplyErrors: a refused statement is named by file and line, also
// when PostgreSQL got it with others in one round trip; an FTS4 table,
// which migrate's SQLite lacks, says which modules it has.
func TestApplyErrors(t *testing.T) {
	cases := []struct {
		name, dialect, script, want, hint string
	}{
		{"missing module", "sqlite", "CREATE TABLE a (id integer);\nCREATE VIRTUAL TABLE event_search USING fts4 (event_id, value);\n", "x.sql:2: ",
			"\n  migrate's built-in SQLite has the virtual table modules fts5, rtree and geopoly, not fts4: "},
		{"statement", "sqlite", "CREATE TABLE a (id integer);\nCREATE TABLE a (id integer);\n", "x.sql:2: ", ""},
		{"lexer", "sqlite", "CREATE TABLE a (id integer);\nSELECT 'unterminated;\n", "x.sql:2: ", ""},
		{"statement of a batch", "postgres", "CREATE TABLE a (id integer); -- first\nCREATE TABLE b (id integer);\n\nCREATE TABLE c (id nosuchtype);\nCREATE TABLE d (id integer);\n", "x.sql:4: ", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(context.Background(), testdb.New(t, c.dialect).URL, "")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.ApplyScript(context.Background(), "x.sql", c.script)
			var ae *ApplyError
			if !errors.As(err, &ae) || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("ApplyScript = %v, want an ApplyError starting %q", err, c.want)
			}
			if !strings.Contains(err.Error(), c.hint) || (c.hint == "") != (ae.Hint == "") {
				t.Errorf("ApplyScript = %v; want the hint %q", err, c.hint)
			}
		})
	}
}

func TestDevDatabase(t *testing.T) {
	for _, name := range testdb.Dialects {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tg := testdb.New(t, name)
			dev := testdb.New(t, name)
			md, err := LoadModel(ctx, tg.URL, dev.URL, writeFiles(t, schemaFiles), inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(md.Tables) != 2 {
				t.Fatalf("model has %d tables, want 2", len(md.Tables))
			}
			// Emptied by Close: it can be used again.
			s, err := Open(ctx, tg.URL, dev.URL)
			if err != nil {
				t.Fatalf("the dev database is not empty after a run: %v", err)
			}
			if err := s.ApplyScript(ctx, "x.sql", "CREATE TABLE leftover (id integer)"); err != nil {
				t.Fatal(err)
			}
			s.DB.Close() // not emptied: the next Open must refuse
			s.DB = nil
			_, err = Open(ctx, tg.URL, dev.URL)
			var ue *UserError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "not empty (it has table leftover)") {
				t.Fatalf("Open on a non-empty dev database = %v, want a UserError naming table leftover", err)
			}
		})
	}
}

func TestDevDatabaseOfAnotherKind(t *testing.T) {
	_, err := Open(context.Background(), "postgres://u@127.0.0.1:1/db", "sqlite::memory:")
	var ue *UserError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "is sqlite but the project's database is postgres") {
		t.Fatalf("Open = %v, want a UserError about the kind", err)
	}
}

// TestApplyTransactions checks the scripts whose statements cannot all
// share the scratch database's transaction: a dump that begins and commits
// its own (SQLite's .dump), and PostgreSQL's CREATE INDEX CONCURRENTLY.
func TestApplyTransactions(t *testing.T) {
	cases := []struct {
		name, dialect, script string
		tables, indexes       int
	}{
		{"sqlite dump", "sqlite", "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE a (id integer PRIMARY KEY);\n" +
			"INSERT INTO a VALUES(1);\nCREATE INDEX ix_a ON a (id);\nCOMMIT;\n", 1, 1},
		{"postgres concurrently", "postgres", "CREATE TABLE a (id integer PRIMARY KEY, v text);\n" +
			"CREATE INDEX CONCURRENTLY ix_a_v ON a (v);\nCREATE TABLE b (id integer REFERENCES a (id));\n", 2, 1},
		{"postgres own transaction", "postgres", "BEGIN;\nCREATE TABLE a (id integer PRIMARY KEY);\nCOMMIT;\nCREATE INDEX ix_a ON a (id);\n", 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, testdb.New(t, c.dialect).URL, "")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.ApplyScript(ctx, "x.sql", c.script); err != nil {
				t.Fatal(err)
			}
			md, err := s.Inspect(ctx, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			indexes := 0
			for _, tb := range md.Tables {
				indexes += len(tb.Indexes)
			}
			if len(md.Tables) != c.tables || indexes != c.indexes {
				t.Errorf("%d tables and %d indexes; want %d and %d", len(md.Tables), indexes, c.tables, c.indexes)
			}
		})
	}
}

// TestApplyOneRoundTrip: on PostgreSQL the statements of a transaction go
// in one Exec, trailing comments and all; nextval, which no rollback
// undoes, counts the tries (a failed batch would run again statement by
// statement).
func TestApplyOneRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, testdb.New(t, "postgres").URL, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.ApplyScript(ctx, "seq.sql", "CREATE SEQUENCE tries"); err != nil {
		t.Fatal(err)
	}
	script := "SELECT nextval('tries') -- a try\n;\nCREATE TABLE a (id integer PRIMARY KEY) -- a\n;\n" +
		"CREATE INDEX ix_a ON a (id); -- b\nCREATE TABLE b (id integer) /* c */;\n"
	if err := s.ApplyScript(ctx, "x.sql", script); err != nil {
		t.Fatal(err)
	}
	var tries int
	if err := s.QueryRowContext(ctx, "SELECT last_value FROM tries").Scan(&tries); err != nil {
		t.Fatal(err)
	}
	md, err := s.Inspect(ctx, inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tries != 1 || len(md.Tables) != 2 {
		t.Fatalf("%d tries and %d tables; want one try and 2 tables", tries, len(md.Tables))
	}
}

// TestApplyKeepsNoSessionState applies scripts that change their session
// the way dumps do (pg_dump empties search_path; a SQLite dump inserts
// rows before the rows they reference, relying on the shell's foreign
// keys being off): the model inspected afterwards is the schema the
// script made, in the connection's default schema.
func TestApplyKeepsNoSessionState(t *testing.T) {
	cases := []struct {
		name, dialect, script string
	}{
		{"pg_dump with rows", "postgres", "\\restrict aBc\nSET client_encoding = 'UTF8';\n" +
			"CREATE TABLE public.users (id integer NOT NULL PRIMARY KEY, name text);\n" +
			"COPY public.users (id, name) FROM stdin;\n1\tann; o'neil\n2\t\\N\n\\.\n\n" +
			"CREATE TABLE public.posts (id integer NOT NULL PRIMARY KEY, user_id integer REFERENCES public.users (id));\n" +
			"\\unrestrict aBc\n"},
		{"pg_dump search_path", "postgres", "SELECT pg_catalog.set_config('search_path', '', false);\n" +
			"CREATE TABLE public.users (id integer NOT NULL);\nALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n" +
			"CREATE TABLE public.posts (id integer NOT NULL PRIMARY KEY, user_id integer REFERENCES public.users (id));\n"},
		{"sqlite rows before their parents", "sqlite", "CREATE TABLE users (id integer PRIMARY KEY);\n" +
			"CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id));\n" +
			"INSERT INTO posts VALUES (1, 7);\nINSERT INTO users VALUES (7);\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			s, err := Open(ctx, testdb.NewDatabase(t, c.dialect).URL, "")
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.ApplyScript(ctx, "dump.sql", c.script); err != nil {
				t.Fatal(err)
			}
			md, err := s.Inspect(ctx, inspect.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, tb := range md.Tables {
				names = append(names, tb.QualifiedName())
			}
			if got := strings.Join(names, ","); got != "posts,users" {
				t.Fatalf("tables = %q, want posts,users in the default schema", got)
			}
		})
	}
}
