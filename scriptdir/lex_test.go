package scriptdir

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/migratego/migrate/dialect"
)

// The lexical shapes of the three databases, written out literally so
// that the lexer is tested independently of the dialect implementations.
var (
	lexPG     = dialect.Syntax{DollarQuotes: true, BeginEnd: true, PsqlCommands: true}
	lexMySQL  = dialect.Syntax{HashComments: true, BacktickIdents: true, BackslashEscapes: true, DelimiterCommand: true, BeginEnd: true}
	lexSQLite = dialect.Syntax{BacktickIdents: true, BracketIdents: true, BeginEnd: true}
	lexAll    = map[string]dialect.Syntax{"postgres": lexPG, "mysql": lexMySQL, "sqlite": lexSQLite}
)

// st builds an expected statement.
func st(line int, text string) Statement { return Statement{Text: text, Line: line} }

type lexCase struct {
	name   string
	script string
	want   []Statement
	err    string // substring of the error; the line is checked with errLine
	errLn  int
}

func runLexCases(t *testing.T, syn dialect.Syntax, cases []lexCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SplitStatements(tc.script, syn)
			if tc.err != "" {
				var le *LexError
				if !errors.As(err, &le) {
					t.Fatalf("err = %v, want a *LexError containing %q", err, tc.err)
				}
				if !strings.Contains(le.Error(), tc.err) || le.Line != tc.errLn {
					t.Fatalf("err = %q (line %d), want %q on line %d", le.Error(), le.Line, tc.err, tc.errLn)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("statements differ\n got: %+v\nwant: %+v", got, tc.want)
			}
		})
	}
}

// TestSplitCommon covers constructs that behave the same on every database.
func TestSplitCommon(t *testing.T) {
	cases := []lexCase{
		{name: "empty", script: ""},
		{name: "whitespace", script: " \n\t\n"},
		{name: "one without delimiter", script: "SELECT 1", want: []Statement{st(1, "SELECT 1")}},
		{name: "two", script: "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n",
			want: []Statement{st(1, "CREATE TABLE a (x int)"), st(2, "CREATE TABLE b (y int)")}},
		{name: "empty statements dropped", script: ";;\n;SELECT 1;;", want: []Statement{st(2, "SELECT 1")}},
		{name: "comment only dropped", script: "-- nothing\n/* at all */;\n-- end", want: nil},
		{name: "leading comments dropped, line of first token",
			script: "-- create\n/* the table */\nCREATE TABLE a (x int); -- trailing\n",
			want:   []Statement{st(3, "CREATE TABLE a (x int)")}},
		{name: "comment inside kept", script: "SELECT 1 -- one; two\n, 2;", want: []Statement{st(1, "SELECT 1 -- one; two\n, 2")}},
		{name: "block comment with semicolon", script: "SELECT /* ; */ 1; SELECT 2", want: []Statement{st(1, "SELECT /* ; */ 1"), st(1, "SELECT 2")}},
		{name: "string with semicolon", script: "INSERT INTO t VALUES ('a;b');\nSELECT 1;", want: []Statement{st(1, "INSERT INTO t VALUES ('a;b')"), st(2, "SELECT 1")}},
		{name: "doubled quote", script: "SELECT 'it''s; fine'; SELECT 2", want: []Statement{st(1, "SELECT 'it''s; fine'"), st(1, "SELECT 2")}},
		{name: "multiline string counts lines", script: "SELECT 'a\nb\nc';\nSELECT 2;", want: []Statement{st(1, "SELECT 'a\nb\nc'"), st(4, "SELECT 2")}},
		{name: "double-quoted identifier", script: `CREATE TABLE "a;b" ("x""y" int); SELECT 1`, want: []Statement{st(1, `CREATE TABLE "a;b" ("x""y" int)`), st(1, "SELECT 1")}},
		{name: "unicode", script: "INSERT INTO t VALUES ('日本;語');\nSELECT 'é'", want: []Statement{st(1, "INSERT INTO t VALUES ('日本;語')"), st(2, "SELECT 'é'")}},
		{name: "CRLF", script: "SELECT 1;\r\nSELECT 2;\r\n", want: []Statement{st(1, "SELECT 1"), st(2, "SELECT 2")}},
		{name: "unterminated string", script: "SELECT 1;\nSELECT 'abc;\n", err: "string literal is not terminated", errLn: 2},
		{name: "unterminated identifier", script: "SELECT \"abc;\n", err: `quoted identifier "…" is not terminated`, errLn: 1},
		{name: "unterminated comment", script: "SELECT 1;\n\n/* abc;\n", err: "comment /* is not terminated", errLn: 3},
	}
	for name, syn := range lexAll {
		t.Run(name, func(t *testing.T) { runLexCases(t, syn, cases) })
	}
}

func TestSplitPostgres(t *testing.T) {
	runLexCases(t, lexPG, []lexCase{
		{name: "dollar body", script: "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT f();",
			want: []Statement{st(1, "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql"), st(6, "SELECT f()")}},
		{name: "tagged dollar body with inner $$", script: "DO $body$ BEGIN PERFORM '$$;'; EXECUTE $$x;$$; END $body$; SELECT 1",
			want: []Statement{st(1, "DO $body$ BEGIN PERFORM '$$;'; EXECUTE $$x;$$; END $body$"), st(1, "SELECT 1")}},
		{name: "dollar tag is not a parameter", script: "PREPARE p AS SELECT $1, $2; SELECT $a$;$a$",
			want: []Statement{st(1, "PREPARE p AS SELECT $1, $2"), st(1, "SELECT $a$;$a$")}},
		{name: "dollar inside identifier", script: "SELECT a$b$c; SELECT 1", want: []Statement{st(1, "SELECT a$b$c"), st(1, "SELECT 1")}},
		{name: "lone dollar", script: "SELECT $ ; SELECT 2", want: []Statement{st(1, "SELECT $"), st(1, "SELECT 2")}},
		{name: "unterminated dollar", script: "SELECT 1;\nDO $f$ BEGIN; END $g$;", err: "dollar-quoted string $f$ is not terminated", errLn: 2},
		{name: "E string backslash", script: `SELECT E'it\'s; \\'; SELECT 2`, want: []Statement{st(1, `SELECT E'it\'s; \\'`), st(1, "SELECT 2")}},
		{name: "plain string no backslash escape", script: `SELECT 'a\'; SELECT 2`, want: []Statement{st(1, `SELECT 'a\'`), st(1, "SELECT 2")}},
		{name: "word ending in e is not E string", script: `SELECT one'x\'; SELECT 2`, want: []Statement{st(1, `SELECT one'x\'`), st(1, "SELECT 2")}},
		{name: "nested comments", script: "SELECT 1 /* a /* b; */ c; */; SELECT 2", want: []Statement{st(1, "SELECT 1 /* a /* b; */ c; */"), st(1, "SELECT 2")}},
		{name: "hash is an operator", script: "SELECT 1 # 2; SELECT 3", want: []Statement{st(1, "SELECT 1 # 2"), st(1, "SELECT 3")}},
		{name: "backtick is not a quote", script: "SELECT `a;b`", want: []Statement{st(1, "SELECT `a"), st(1, "b`")}},
		{name: "brackets are arrays", script: "SELECT a[1]; SELECT '{1}'::int[]", want: []Statement{st(1, "SELECT a[1]"), st(1, "SELECT '{1}'::int[]")}},
		{name: "double dash without space", script: "SELECT 1--x;\n; SELECT 2", want: []Statement{st(1, "SELECT 1--x;"), st(2, "SELECT 2")}},
		{name: "begin atomic", script: "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + 1;\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\nEND;\nSELECT f(1);",
			want: []Statement{st(1, "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + 1;\n  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\nEND"), st(6, "SELECT f(1)")}},
		{name: "begin atomic lower case with comment", script: "create procedure p() begin /* x */ atomic insert into t values (1); end; select 1",
			want: []Statement{st(1, "create procedure p() begin /* x */ atomic insert into t values (1); end"), st(1, "select 1")}},
		{name: "transaction begin is not a block", script: "BEGIN;\nCREATE TABLE a (x int);\nCOMMIT;",
			want: []Statement{st(1, "BEGIN"), st(2, "CREATE TABLE a (x int)"), st(3, "COMMIT")}},
		{name: "qualified end is a column", script: "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT t.end FROM t; END; SELECT 2",
			want: []Statement{st(1, "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT t.end FROM t; END"), st(1, "SELECT 2")}},
		{name: "unclosed begin atomic", script: "SELECT 1;\nCREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1;", err: "BEGIN … END block is not closed", errLn: 2},
		{name: "delimiter is SQL", script: "DELIMITER //\nSELECT 1;", want: []Statement{st(1, "DELIMITER //\nSELECT 1")}},
		// pg_dump 17.6, 16.10, 15.14 … wrap their output in \restrict.
		{name: "pg_dump restrict lines", script: "\\restrict k3Y\nSET search_path = '';\nCREATE TABLE t (a int);\n\\unrestrict k3Y\n",
			want: []Statement{st(2, "SET search_path = ''"), st(3, "CREATE TABLE t (a int)")}},
		{name: "copy from stdin rows", script: "COPY public.t (a, b) FROM stdin;\n1\tit's; here\n2\t\\N\n\\.\r\nSELECT 1;",
			want: []Statement{{Text: "COPY public.t (a, b) FROM stdin", Line: 1, Copy: true, CopyData: "1\tit's; here\n2\t\\N\n"}, st(5, "SELECT 1")}},
		{name: "copy without rows", script: "copy t from STDIN;\n\\.\nSELECT 1;",
			want: []Statement{{Text: "copy t from STDIN", Line: 1, Copy: true}, st(3, "SELECT 1")}},
		{name: "copy from a file is a statement", script: "COPY t FROM '/tmp/x';\nSELECT 1;", want: []Statement{st(1, "COPY t FROM '/tmp/x'"), st(2, "SELECT 1")}},
		{name: "copy rows not ended", script: "SELECT 1;\nCOPY t FROM stdin;\n1\n", err: `the line \. is missing`, errLn: 2},
		{name: "other psql command", script: "SELECT 1;\n\\connect app\nSELECT 2;", err: `\connect is a psql command, not SQL`, errLn: 2},
		{name: "backslash inside a statement line", script: "SELECT '\\x';\nSELECT E'\n\\.';", want: []Statement{st(1, "SELECT '\\x'"), st(2, "SELECT E'\n\\.'")}},
	})
}

func TestSplitMySQL(t *testing.T) {
	runLexCases(t, lexMySQL, []lexCase{
		{name: "backslash escape", script: `INSERT INTO t VALUES ('it\'s; ok', "a\"b;"); SELECT 2`, want: []Statement{st(1, `INSERT INTO t VALUES ('it\'s; ok', "a\"b;")`), st(1, "SELECT 2")}},
		{name: "escaped backslash before quote", script: `SELECT 'a\\'; SELECT 2`, want: []Statement{st(1, `SELECT 'a\\'`), st(1, "SELECT 2")}},
		{name: "backtick identifier", script: "CREATE TABLE `a;b` (`x``y` int); SELECT 1", want: []Statement{st(1, "CREATE TABLE `a;b` (`x``y` int)"), st(1, "SELECT 1")}},
		{name: "hash comment", script: "SELECT 1; # a; comment\nSELECT 2 # another;\n;", want: []Statement{st(1, "SELECT 1"), st(2, "SELECT 2 # another;")}},
		{name: "double dash needs space", script: "SELECT 1--2;\nSELECT 3 -- c;\n;", want: []Statement{st(1, "SELECT 1--2"), st(2, "SELECT 3 -- c;")}},
		// The mysql client: "--" before a statement's first token is a
		// comment to the end of the line, space or not.
		{name: "double dash line before a statement", script: "--;SELECT 1\nSELECT 2;", want: []Statement{st(2, "SELECT 2")}},
		{name: "rule lines between statements", script: "-----\n--- tables\nCREATE TABLE t (a int);\n  -----------\nSELECT 1; --x\nSELECT 2;",
			want: []Statement{st(3, "CREATE TABLE t (a int)"), st(5, "SELECT 1"), st(6, "SELECT 2")}},
		{name: "double dash inside a statement", script: "SELECT 2\n--x\n;", want: []Statement{st(1, "SELECT 2\n--x")}},
		{name: "comments do not nest", script: "SELECT /* a /* b */ 1; SELECT 2", want: []Statement{st(1, "SELECT /* a /* b */ 1"), st(1, "SELECT 2")}},
		{name: "executable comment kept", script: "/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\nSELECT /*+ NO_INDEX(t) */ 1;",
			want: []Statement{st(1, "/*!40101 SET NAMES utf8mb4 */"), st(3, "SELECT /*+ NO_INDEX(t) */ 1")}},
		{name: "dollar is an identifier character", script: "SELECT $a$; SELECT 2", want: []Statement{st(1, "SELECT $a$"), st(1, "SELECT 2")}},
		{name: "delimiter", script: "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND //\nDELIMITER ;\nCALL p();\n",
			want: []Statement{st(2, "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND"), st(8, "CALL p()")}},
		{name: "delimiter $$ glued to END", script: "delimiter $$\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END$$\ndelimiter ;\nSELECT 1;",
			want: []Statement{st(2, "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; END"), st(4, "SELECT 1")}},
		{name: "delimiter with statements before the routine", script: "DELIMITER $$\nDROP PROCEDURE IF EXISTS p;\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND$$\nDELIMITER ;\n",
			want: []Statement{st(2, "DROP PROCEDURE IF EXISTS p"), st(3, "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND")}},
		{name: "delimiter with a trigger after a drop", script: "delimiter //\nDROP TRIGGER IF EXISTS t;\nCREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW\nBEGIN\n  IF NEW.a THEN SET @n = 1; END IF;\nEND;\n//\n",
			want: []Statement{st(2, "DROP TRIGGER IF EXISTS t"), st(3, "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW\nBEGIN\n  IF NEW.a THEN SET @n = 1; END IF;\nEND")}},
		{name: "delimiter keeps a routine whole", script: "DELIMITER //\nCREATE FUNCTION f() RETURNS int DETERMINISTIC\nBEGIN\n  DECLARE x int DEFAULT 0;\n  lbl: LOOP\n    SET x = x + 1;\n    IF x > 3 THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n  RETURN x;\nEND//\n",
			want: []Statement{st(2, "CREATE FUNCTION f() RETURNS int DETERMINISTIC\nBEGIN\n  DECLARE x int DEFAULT 0;\n  lbl: LOOP\n    SET x = x + 1;\n    IF x > 3 THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n  RETURN x;\nEND")}},
		{name: "delimiter inside string ignored", script: "DELIMITER //\nSELECT '//'//\nDELIMITER ;", want: []Statement{st(2, "SELECT '//'")}},
		{name: "indented delimiter line", script: "  DELIMITER ;;\nSELECT 1;;\n", want: []Statement{st(2, "SELECT 1")}},
		{name: "statement before delimiter ends", script: "SELECT 1\nDELIMITER //\nSELECT 2//", want: []Statement{st(1, "SELECT 1"), st(3, "SELECT 2")}},
		{name: "delimiter word mid-line is SQL", script: "SELECT 1 DELIMITER //;", want: []Statement{st(1, "SELECT 1 DELIMITER //")}},
		{name: "delimiters column", script: "DELIMITERS;", want: []Statement{st(1, "DELIMITERS")}},
		{name: "delimiter needs value", script: "SELECT 1;\nDELIMITER\n", err: "DELIMITER needs a delimiter", errLn: 2},
		{name: "trigger without delimiter", script: "CREATE DEFINER=CURRENT_USER TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n  IF NEW.a IS NULL THEN SET NEW.a = IF(NEW.b, 1, 2); END IF;\n  SET NEW.c = REPEAT('x', 3);\nEND;\nSELECT 1;",
			want: []Statement{st(1, "CREATE DEFINER=CURRENT_USER TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN\n  IF NEW.a IS NULL THEN SET NEW.a = IF(NEW.b, 1, 2); END IF;\n  SET NEW.c = REPEAT('x', 3);\nEND"), st(5, "SELECT 1")}},
		{name: "procedure without delimiter", script: "CREATE PROCEDURE p()\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  lbl: LOOP\n    SET i = i + 1;\n    CASE i WHEN 3 THEN LEAVE lbl; ELSE BEGIN SELECT CASE WHEN i THEN 1 END; END; END CASE;\n  END LOOP lbl;\n  WHILE i > 0 DO SET i = i - 1; END WHILE;\nEND;\nCALL p();",
			want: []Statement{st(1, "CREATE PROCEDURE p()\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  lbl: LOOP\n    SET i = i + 1;\n    CASE i WHEN 3 THEN LEAVE lbl; ELSE BEGIN SELECT CASE WHEN i THEN 1 END; END; END CASE;\n  END LOOP lbl;\n  WHILE i > 0 DO SET i = i - 1; END WHILE;\nEND"), st(10, "CALL p()")}},
		{name: "begin transaction is not a block", script: "BEGIN;\nSTART TRANSACTION;\nCOMMIT;", want: []Statement{st(1, "BEGIN"), st(2, "START TRANSACTION"), st(3, "COMMIT")}},
		{name: "unterminated backtick", script: "SELECT `a;", err: "quoted identifier `…` is not terminated", errLn: 1},
		{name: "backslash at end", script: `SELECT 'a\`, err: "string literal is not terminated", errLn: 1},
	})
}

func TestSplitSQLite(t *testing.T) {
	runLexCases(t, lexSQLite, []lexCase{
		{name: "bracket identifier", script: "CREATE TABLE [a;b] ([x] int); SELECT 1", want: []Statement{st(1, "CREATE TABLE [a;b] ([x] int)"), st(1, "SELECT 1")}},
		{name: "backtick identifier", script: "SELECT `a;b`; SELECT 1", want: []Statement{st(1, "SELECT `a;b`"), st(1, "SELECT 1")}},
		{name: "no backslash escapes", script: `SELECT 'a\'; SELECT 2`, want: []Statement{st(1, `SELECT 'a\'`), st(1, "SELECT 2")}},
		{name: "trigger body", script: "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  INSERT INTO log VALUES (new.id);\n  UPDATE b SET n = n + 1;\nEND;\nSELECT 1;",
			want: []Statement{st(1, "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  INSERT INTO log VALUES (new.id);\n  UPDATE b SET n = n + 1;\nEND"), st(6, "SELECT 1")}},
		{name: "trigger with case inside", script: "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER UPDATE ON a WHEN new.x > 0 BEGIN\n UPDATE b SET y = CASE WHEN new.x > 1 THEN 'big' ELSE 'small' END;\n SELECT CASE new.x WHEN 1 THEN RAISE(ABORT, 'no;') END;\nEND; SELECT 2",
			want: []Statement{st(1, "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER UPDATE ON a WHEN new.x > 0 BEGIN\n UPDATE b SET y = CASE WHEN new.x > 1 THEN 'big' ELSE 'small' END;\n SELECT CASE new.x WHEN 1 THEN RAISE(ABORT, 'no;') END;\nEND"), st(4, "SELECT 2")}},
		{name: "case in trigger WHEN clause", script: "CREATE TRIGGER t AFTER UPDATE ON a WHEN CASE WHEN new.x THEN 1 END BEGIN DELETE FROM b; END; SELECT 3",
			want: []Statement{st(1, "CREATE TRIGGER t AFTER UPDATE ON a WHEN CASE WHEN new.x THEN 1 END BEGIN DELETE FROM b; END"), st(1, "SELECT 3")}},
		{name: "begin transaction", script: "BEGIN TRANSACTION; CREATE TABLE a (x); END TRANSACTION;",
			want: []Statement{st(1, "BEGIN TRANSACTION"), st(1, "CREATE TABLE a (x)"), st(1, "END TRANSACTION")}},
		{name: "case outside a block", script: "SELECT CASE WHEN 1 THEN 2 END; SELECT 3", want: []Statement{st(1, "SELECT CASE WHEN 1 THEN 2 END"), st(1, "SELECT 3")}},
		{name: "dollar is not a quote", script: "SELECT $$; SELECT 2", want: []Statement{st(1, "SELECT $$"), st(1, "SELECT 2")}},
		{name: "hash is not a comment", script: "SELECT 1 #x; SELECT 2", want: []Statement{st(1, "SELECT 1 #x"), st(1, "SELECT 2")}},
		{name: "unterminated bracket", script: "SELECT 1;\nSELECT [a;", err: "quoted identifier [… is not terminated", errLn: 2},
		{name: "unclosed trigger", script: "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n DELETE FROM b;\n", err: "BEGIN … END block is not closed", errLn: 1},
	})
}

func TestSplitLinesOfSections(t *testing.T) {
	got, err := splitStatements("\nSELECT 1;\n\nSELECT 2;", lexPG, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []Statement{st(11, "SELECT 1"), st(13, "SELECT 2")}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	_, err = splitStatements("\n\n'abc", lexPG, 10)
	var le *LexError
	if !errors.As(err, &le) || le.Line != 12 {
		t.Fatalf("err = %v, want a LexError on line 12", err)
	}
}

// TestSplitWithDialectSyntax splits each database's seed script with the
// Syntax its dialect reports.
func TestSplitWithDialectSyntax(t *testing.T) {
	for name, file := range map[string]string{"postgres": "pg_functions.sql", "mysql": "mysql_procedures.sql", "sqlite": "sqlite_triggers.sql"} {
		d, err := dialect.ForName(name)
		if err != nil || d == nil {
			t.Logf("%s: no dialect yet (%v)", name, err)
			continue
		}
		src, err := os.ReadFile(filepath.Join("testdata", "lex", file))
		if err != nil {
			t.Fatal(err)
		}
		stmts, err := SplitStatements(string(src), d.Capabilities().Syntax)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := map[string]int{"postgres": 6, "mysql": 5, "sqlite": 5}[name]
		if len(stmts) != want {
			t.Errorf("%s: %d statements, want %d: %+v", name, len(stmts), want, stmts)
		}
	}
}
