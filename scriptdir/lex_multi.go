package scriptdir

import (
	"regexp"
	"strings"
)

// compoundCreate matches a statement that may hold a BEGIN … END body.
var compoundCreate = regexp.MustCompile(`(?is)^CREATE\s+(OR\s+REPLACE\s+)?(DEFINER\s*=\s*\S+\s+)?(AGGREGATE\s+)?(TRIGGER|PROCEDURE|FUNCTION|EVENT)\b`)

// splitMulti splits the statement just ended by a DELIMITER other than
// ';' when it holds several statements before a routine, as in
//
//	DELIMITER $$
//	DROP PROCEDURE IF EXISTS p;
//	CREATE PROCEDURE p() BEGIN … END$$
//
// The mysql client sends such a text as one multi-statement query and the
// server runs each statement; migrate sends statements one at a time. The
// text is split on ';' with BEGIN … END tracking, and the split is kept
// only when no routine comes before the last part (a routine's body is
// never cut).
func (l *lexer) splitMulti() {
	last := len(l.stmts) - 1
	if last < 0 || !strings.Contains(l.stmts[last].Text, ";") {
		return
	}
	syn := l.syn
	syn.DelimiterCommand = false
	parts, err := splitStatements(l.stmts[last].Text, syn, l.stmts[last].Line)
	if err != nil || len(parts) < 2 {
		return
	}
	for _, p := range parts[:len(parts)-1] {
		if compoundCreate.MatchString(p.Text) {
			return
		}
	}
	l.stmts = append(l.stmts[:last], parts...)
}
