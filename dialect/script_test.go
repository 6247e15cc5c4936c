package dialect

import "testing"

func TestScriptStatement(t *testing.T) {
	body := "CREATE PROCEDURE p()\nBEGIN\n\tSELECT 1;\nEND"
	cases := []struct {
		name string
		d    Dialect
		stmt string
		want string
	}{
		{"plain", MariaDB(), "CREATE TABLE t (a int)", "CREATE TABLE t (a int);\n"},
		{"trailing semicolon and space", MySQL(), " DROP TABLE t ; ", "DROP TABLE t;\n"},
		{"routine body on MySQL", MariaDB(), body, "DELIMITER $$\n" + body + "$$\nDELIMITER ;\n"},
		{"trigger body on SQLite", SQLite(), "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END", "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END;\n"},
		{"function body on PostgreSQL", Postgres(), "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"},
	}
	for _, c := range cases {
		if got := ScriptStatement(c.d, c.stmt); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestScript(t *testing.T) {
	cases := []struct {
		name  string
		d     Dialect
		stmts []string
		want  string
	}{
		{"none", Postgres(), nil, ""},
		{"two", SQLite(), []string{"CREATE TABLE a (x int)", "CREATE INDEX i ON a (x);"},
			"CREATE TABLE a (x int);\n\nCREATE INDEX i ON a (x);\n\n"},
		{"routine on MariaDB", MariaDB(), []string{"CREATE PROCEDURE p() BEGIN SELECT 1; END"},
			"DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n\n"},
	}
	for _, c := range cases {
		if got := Script(c.d, c.stmts); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
