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
