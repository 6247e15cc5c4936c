package dialect

import "strings"

// ScriptStatement returns one statement as the database's own client
// reads it in a script, with its terminator: "stmt;\n". On MySQL and
// MariaDB a statement holding ';' (a routine, trigger or event body) is
// wrapped in DELIMITER commands, which the mysql client and the runner's
// statement lexer understand.
func ScriptStatement(d Dialect, s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ";"))
	if d.Capabilities().Syntax.DelimiterCommand && strings.Contains(s, ";") {
		return "DELIMITER $$\n" + s + "$$\nDELIMITER ;\n"
	}
	return s + ";\n"
}
