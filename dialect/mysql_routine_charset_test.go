package dialect

import (
	"testing"

	"github.com/migratego/migrate/model"
)

func TestCanonicalRoutineText(t *testing.T) {
	unicode := model.CharsetDefault{Charset: "utf8mb4", Collation: "utf8mb4_unicode_ci"}
	general := model.CharsetDefault{Charset: "utf8mb4", Collation: "utf8mb4_general_ci", CharsetCollation: true}
	proc := func(param string) string {
		return "CREATE PROCEDURE p(IN a " + param + ", OUT b int)\nBEGIN\n\tSET b = CHAR_LENGTH(a);\nEND"
	}
	fn := func(result string) string {
		return "CREATE FUNCTION f(a varchar(20)) RETURNS " + result + " DETERMINISTIC RETURN CONCAT(a, _utf8mb4'x' COLLATE utf8mb4_unicode_ci)"
	}
	cases := []struct {
		name       string
		def        model.CharsetDefault
		a, b       string
		same, dbms bool
	}{
		{"collation of the schema", unicode, proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), proc("varchar(20)"), true, true},
		{"CHARACTER SET spelling", unicode, proc("varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"), proc("varchar(20)"), true, true},
		{"COLLATE alone", unicode, proc("varchar(20) COLLATE utf8mb4_unicode_ci"), proc("varchar(20)"), true, true},
		{"upper case", unicode, proc("VARCHAR(20) CHARSET UTF8MB4 COLLATE UTF8MB4_UNICODE_CI"), proc("varchar(20)"), true, true},
		{"result", unicode, fn("varchar(40) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), fn("varchar(40)"), true, true},
		{"charset alone gives the schema's collation", general, proc("varchar(20) CHARSET utf8mb4"), proc("varchar(20)"), true, true},
		// must differ
		{"charset alone gives another collation", unicode, proc("varchar(20) CHARSET utf8mb4"), proc("varchar(20)"), false, true},
		{"another character set", unicode, proc("varchar(20) CHARSET latin1"), proc("varchar(20)"), false, true},
		{"another collation", unicode, proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_bin"), proc("varchar(20)"), false, true},
		{"default to latin1", general, proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_general_ci"), proc("varchar(20) CHARSET latin1"), false, true},
		{"result in latin1", unicode, fn("varchar(40) CHARSET latin1"), fn("varchar(40)"), false, true},
		{"body keeps its COLLATE", unicode, fn("varchar(40)"), "CREATE FUNCTION f(a varchar(20)) RETURNS varchar(40) DETERMINISTIC RETURN CONCAT(a, _utf8mb4'x')", false, true},
		{"no defaults known", model.CharsetDefault{}, proc("varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci"), proc("varchar(20)"), false, true},
		{"not on PostgreSQL", unicode, "CREATE FUNCTION f(a text COLLATE utf8mb4_unicode_ci) RETURNS int LANGUAGE sql AS 'SELECT 1'",
			"CREATE FUNCTION f(a text) RETURNS int LANGUAGE sql AS 'SELECT 1'", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := MariaDB()
			if !tc.dbms {
				d = Postgres()
			}
			a, b := CanonicalRoutineText(d, tc.a, tc.def), CanonicalRoutineText(d, tc.b, tc.def)
			if (a == b) != tc.same {
				t.Errorf("same = %v, want %v:\n%s\n%s", a == b, tc.same, a, b)
			}
		})
	}
}
