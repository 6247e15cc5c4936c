package scriptdir

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

const goodSQLRevision = `-- migrate:id 3f2a9c1b7d4e
-- migrate:revises 0c1d2e3f4a5b, 1a2b3c4d5e6f
-- migrate:labels feature other
-- migrate:depends_on 9f8e7d6c5b4a
-- migrate:message add users table; and more
-- migrate:create_date 2024-05-01 12:00:00
-- migrate:transactional false
-- migrate:dialect PostgreSQL

-- a plain comment in the header
-- migrate:upgrade
CREATE TABLE users (id bigint PRIMARY KEY);

CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
-- migrate:downgrade
DROP FUNCTION f;
DROP TABLE users;
`

func TestParseSQLRevision(t *testing.T) {
	rev, err := ParseSQLRevision("versions/3f2a_add.sql", []byte(goodSQLRevision))
	if err != nil {
		t.Fatal(err)
	}
	want := &versions.Revision{
		ID:               "3f2a9c1b7d4e",
		Revises:          []string{"0c1d2e3f4a5b", "1a2b3c4d5e6f"},
		BranchLabels:     []string{"feature", "other"},
		DependsOn:        []string{"9f8e7d6c5b4a"},
		Message:          "add users table; and more",
		CreateDate:       "2024-05-01 12:00:00",
		NonTransactional: true,
		Path:             "versions/3f2a_add.sql",
	}
	src := rev
	if !reflect.DeepEqual(rev.Revision, want) {
		t.Fatalf("got %+v\nwant %+v", rev.Revision, want)
	}
	if src.Kind != KindSQL || src.Path != "versions/3f2a_add.sql" || len(src.Checksum) != 64 {
		t.Fatalf("source = %+v", src)
	}
	s := src.SQL
	if s.Dialect != "postgres" || s.UpgradeLine != 12 || s.DowngradeLine != 16 {
		t.Fatalf("script = %+v", s)
	}
	if !strings.HasPrefix(s.Upgrade, "CREATE TABLE users") || !strings.HasSuffix(s.Downgrade, "DROP TABLE users;\n") {
		t.Fatalf("sections: %q / %q", s.Upgrade, s.Downgrade)
	}
	up, err := rev.UpgradeStatements(lexPG)
	if err != nil {
		t.Fatal(err)
	}
	wantUp := []Statement{st(12, "CREATE TABLE users (id bigint PRIMARY KEY)"), st(14, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql")}
	if !reflect.DeepEqual(up, wantUp) {
		t.Fatalf("upgrade statements = %+v", up)
	}
	down, err := rev.DowngradeStatements(lexPG)
	if err != nil || len(down) != 2 || down[1].Line != 17 {
		t.Fatalf("downgrade statements = %+v, %v", down, err)
	}
}

func TestParseSQLRevisionMinimal(t *testing.T) {
	rev, err := ParseSQLRevision("a.sql", []byte("\uFEFF-- migrate:id abc\r\n-- migrate:revises\r\n--migrate:upgrade\r\nSELECT 1;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if rev.ID != "abc" || !rev.IsBase() || rev.NonTransactional || rev.SQL.Downgrade != "" || rev.SQL.DowngradeLine != 0 {
		t.Fatalf("got %+v %+v", rev, rev.SQL)
	}
	down, err := rev.DowngradeStatements(lexSQLite)
	if err != nil || len(down) != 0 {
		t.Fatalf("downgrade of a file without a downgrade section: %v, %v", down, err)
	}
}

func TestParseSQLRevisionErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"unknown directive", "-- migrate:id a\n-- migrate:revision b\n-- migrate:upgrade\n", `f.sql:2: unknown directive "-- migrate:revision"`},
		{"duplicate directive", "-- migrate:id a\n-- migrate:message x\n-- migrate:message y\n-- migrate:upgrade\n", `f.sql:3: duplicate directive "-- migrate:message" (first on line 2)`},
		{"duplicate upgrade", "-- migrate:id a\n-- migrate:upgrade\n-- migrate:upgrade\n", `f.sql:3: duplicate directive "-- migrate:upgrade" (first on line 2)`},
		{"missing id", "-- migrate:message x\n-- migrate:upgrade\nSELECT 1;\n", `f.sql: missing id`},
		{"empty id", "-- migrate:id\n-- migrate:upgrade\n", `f.sql:1: "-- migrate:id" needs a value`},
		{"bad id", "-- migrate:id a-b\n-- migrate:upgrade\n", `f.sql:1: revision id "a-b": the character '-' is not allowed`},
		{"bad parent id", "-- migrate:id a\n-- migrate:revises b c@d\n-- migrate:upgrade\n", `f.sql:2: revises: revision id "c@d"`},
		{"missing upgrade", "-- migrate:id a\n", `f.sql: missing upgrade section`},
		{"bad boolean", "-- migrate:id a\n-- migrate:transactional nope\n-- migrate:upgrade\n", `f.sql:2: "-- migrate:transactional" must be true or false, found "nope"`},
		{"unknown dialect", "-- migrate:id a\n-- migrate:dialect oracle\n-- migrate:upgrade\n", `f.sql:2: unknown dialect "oracle"`},
		{"SQL in header", "-- migrate:id a\nCREATE TABLE t (x int);\n-- migrate:upgrade\n", `f.sql:2: SQL before "-- migrate:upgrade"`},
		{"directive in section", "-- migrate:id a\n-- migrate:upgrade\nSELECT 1;\n-- migrate:message late\n", `f.sql:4: directive "-- migrate:message" must be in the header`},
		{"downgrade first", "-- migrate:id a\n-- migrate:downgrade\n-- migrate:upgrade\n", `f.sql:2: "-- migrate:downgrade" must come after "-- migrate:upgrade"`},
		{"upgrade with value", "-- migrate:id a\n-- migrate:upgrade now\n", `f.sql:2: "-- migrate:upgrade" takes no value`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSQLRevision("f.sql", []byte(tc.src))
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != "f.sql" {
				t.Fatalf("err = %v, want a *FileError for f.sql", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %q\nwant prefix %q", err, tc.want)
			}
		})
	}
}

func TestSQLRevisionRefusesCopyFromStdin(t *testing.T) {
	rev, err := ParseSQLRevision("v/x.sql", []byte("-- migrate:id x\n-- migrate:upgrade\nSELECT 1;\nCOPY t (a) FROM stdin;\n1\n\\.\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = rev.UpgradeStatements(lexPG)
	want := "v/x.sql:4: upgrade section: COPY … FROM stdin: a revision cannot send the rows that follow it"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v, want prefix %q", err, want)
	}
}

func TestSQLStatementErrorsNameFileLine(t *testing.T) {
	rev, err := ParseSQLRevision("v/x.sql", []byte("-- migrate:id x\n-- migrate:upgrade\nSELECT 1;\nSELECT 'oops;\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = rev.UpgradeStatements(lexMySQL)
	want := "v/x.sql:4: upgrade section: string literal is not terminated: the closing ' is missing"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	var le *LexError
	if !errors.As(err, &le) || le.Line != 4 {
		t.Fatalf("err does not unwrap to the LexError: %#v", err)
	}
	goRev := &Script{Revision: &versions.Revision{ID: "g", Path: "g.go"}, Kind: KindGo}
	if _, err := goRev.UpgradeStatements(lexPG); err == nil {
		t.Fatal("a Go revision has no SQL statements")
	}
}

func TestCheckDialect(t *testing.T) {
	rev, err := ParseSQLRevision("v/pg.sql", []byte("-- migrate:id abc123\n-- migrate:dialect postgres\n-- migrate:upgrade\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ok := range []string{"postgres", "postgresql", "POSTGRES"} {
		if err := rev.CheckDialect(ok); err != nil {
			t.Errorf("CheckDialect(%q) = %v", ok, err)
		}
	}
	err = rev.CheckDialect("mysql")
	want := "revision abc123 (v/pg.sql) is written for postgres and cannot run on mysql"
	var me *DialectMismatchError
	if err == nil || err.Error() != want || !errors.As(err, &me) {
		t.Fatalf("err = %v, want %q", err, want)
	}
	anyRev, _ := ParseSQLRevision("v/any.sql", []byte("-- migrate:id any\n-- migrate:upgrade\n"))
	if err := anyRev.CheckDialect("sqlite"); err != nil {
		t.Fatal(err)
	}
	if err := (&Script{Revision: &versions.Revision{ID: "g"}}).CheckDialect("mysql"); err != nil {
		t.Fatal(err)
	}
}

func TestParseSQLRevisionLintIgnore(t *testing.T) {
	src := "-- migrate:id abc\n-- migrate:lint-ignore drop-table the table is unused since v2\n-- migrate:upgrade\n" +
		"-- migrate:lint-ignore drop-column  moved to archive\nALTER TABLE t DROP COLUMN c;\n-- migrate:lint-ignore drop-table\nDROP TABLE u;\n"
	rev, err := ParseSQLRevision("a.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []LintIgnore{{2, "drop-table the table is unused since v2"}, {4, "drop-column  moved to archive"}, {6, "drop-table"}}
	if !slices.Equal(rev.SQL.LintIgnores, want) {
		t.Fatalf("lint-ignore directives: got %+v, want %+v", rev.SQL.LintIgnores, want)
	}
	stmts, err := rev.UpgradeStatements(lexSQLite)
	if err != nil || len(stmts) != 2 || stmts[0].Line != 5 || stmts[1].Line != 7 {
		t.Fatalf("statements around lint-ignore directives: %+v, %v", stmts, err)
	}
}
