package dialect_test

import (
	"testing"

	"github.com/migratego/migrate/dialect"
)

// TestCanonicalText holds pairs of texts that must compare equal (white
// space, keyword case, quoting, dollar tags, OR REPLACE, a final
// semicolon) and pairs that must stay different (anything that can
// change meaning).
func TestCanonicalText(t *testing.T) {
	tests := []struct {
		dialect string
		a, b    string
		same    bool
	}{
		{"postgres", "SELECT id FROM users;", "select  id\n  from users", true},
		{"postgres", `CREATE TRIGGER "audit" AFTER INSERT ON users`, "create trigger audit after insert on users", true},
		{"postgres", "CREATE OR REPLACE FUNCTION f() RETURNS int AS $$SELECT 1$$", "CREATE FUNCTION f() RETURNS int AS $function$SELECT 1$function$", true},
		{"postgres", "CREATE FUNCTION f() AS 'SELECT ''a'''", "CREATE FUNCTION f() AS $$SELECT 'a'$$", true},
		{"postgres", "SELECT 1 -- one\n", "SELECT 1", true},
		{"mysql", "CREATE TRIGGER `t` BEFORE INSERT ON `tickets` FOR EACH ROW SET NEW.a = 1", "CREATE TRIGGER t BEFORE INSERT ON tickets FOR EACH ROW SET NEW.a = 1", true},
		{"sqlite", "CREATE TRIGGER [t] AFTER INSERT ON tickets BEGIN SELECT 1; END;", `CREATE TRIGGER "t" AFTER INSERT ON tickets BEGIN SELECT 1; END`, true},
		// MariaDB prints the default display width of integer parameters
		// (found by autogen's TestProperty, mysql).
		{"mysql", "CREATE FUNCTION f(v bigint) RETURNS bigint RETURN v * 2", "CREATE FUNCTION `f`(`v` bigint(20)) RETURNS bigint(20) RETURN v * 2", true},
		{"mysql", "CREATE PROCEDURE p(IN a int, IN b tinyint unsigned)", "CREATE PROCEDURE p(IN a int(11), IN b tinyint(3) unsigned)", true},
		{"mysql", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SET @n = 0", "CREATE EVENT e ON SCHEDULE EVERY '1' DAY DO SET @n = 0", true},
		// CHARACTER SET and CHARSET are one clause; another character set
		// is another routine.
		{"mysql", "CREATE FUNCTION f(v varchar(9) CHARACTER SET latin1) RETURNS int RETURN 1", "CREATE FUNCTION f(v varchar(9) CHARSET latin1) RETURNS int RETURN 1", true},
		{"mysql", "CREATE FUNCTION f(v varchar(9) CHARSET latin1) RETURNS int RETURN 1", "CREATE FUNCTION f(v varchar(9) CHARSET utf8mb4) RETURNS int RETURN 1", false},
		{"mysql", "CREATE FUNCTION f(v varchar(9)) RETURNS int RETURN 1", "CREATE FUNCTION f(v varchar(9) CHARSET latin1) RETURNS int RETURN 1", false},
		{"mysql", "SELECT 'character set'", "SELECT 'charset'", false},

		{"postgres", "CREATE FUNCTION f() AS $$SELECT 1$$", "CREATE FUNCTION f() AS $$SELECT  1$$", false},
		{"postgres", "CREATE FUNCTION f() AS $$select 1$$", "CREATE FUNCTION f() AS $$SELECT 1$$", false},
		{"postgres", `SELECT "Users".id FROM "Users"`, "SELECT users.id FROM users", false},
		{"postgres", "SELECT 'A'", "SELECT 'a'", false},
		{"postgres", "SELECT (a + b) * c", "SELECT a + (b * c)", false},
		{"postgres", "SELECT id FROM app.users", "SELECT id FROM users", false},
		{"postgres", "SELECT 1.0", "SELECT 1", false},
		{"postgres", `SELECT "select"`, "SELECT select", false},
		{"mysql", "SET NEW.a = 'x'", "SET NEW.a = 'X'", false},
		{"mysql", "CREATE FUNCTION f(v int) RETURNS int RETURN v", "CREATE FUNCTION f(v int(5)) RETURNS int RETURN v", false},
		{"mysql", "CREATE FUNCTION f(v int zerofill) RETURNS int RETURN v", "CREATE FUNCTION f(v int(11) zerofill) RETURNS int RETURN v", false},
		{"mysql", "CREATE FUNCTION f(v int unsigned) RETURNS int RETURN v", "CREATE FUNCTION f(v int(11) unsigned) RETURNS int RETURN v", false},
		{"mysql", "SELECT 'bigint(20)'", "SELECT 'bigint'", false},
		{"mysql", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SET @n = 0", "CREATE EVENT e ON SCHEDULE EVERY '1:2' DAY_HOUR DO SET @n = 0", false},
		{"mysql", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SET @n = 0", "CREATE EVENT e ON SCHEDULE EVERY '2' DAY DO SET @n = 0", false},
		{"sqlite", "BEGIN SELECT 1; SELECT 2; END", "BEGIN SELECT 1; END", false},
	}
	for _, tt := range tests {
		d, err := dialect.ForName(tt.dialect)
		if err != nil {
			t.Fatal(err)
		}
		ka, kb := dialect.CanonicalText(d, tt.a), dialect.CanonicalText(d, tt.b)
		if (ka == kb) != tt.same {
			t.Errorf("%s: %q and %q: same = %v, want %v (keys %q, %q)", tt.dialect, tt.a, tt.b, ka == kb, tt.same, ka, kb)
		}
	}
}
